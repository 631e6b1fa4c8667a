import RealModule

/// The leaf size of `pairwiseSum`: runs of at most this many elements are
/// added in a plain loop. Small enough that the leaves' error stays small,
/// large enough that recursion overhead is paid once per 8 additions.
let pairwiseBlockSize = 8

/// The sum of `count` elements starting at `base`, `stride` elements apart,
/// by pairwise (cascade) summation, accumulating in `T` itself.
///
/// A naive loop `s += x[i]` adds each element to an ever larger running
/// sum, and each addition may round by half a unit in the last place of
/// that sum. The errors pile up: the bound is
/// `|error| ≤ (n − 1) · u · Σ|xᵢ|` (first order, `u` the unit roundoff:
/// 2⁻²⁴ for `Float`, 2⁻⁵³ for `Double`). In `Float`, adding 0.1 ten million
/// times this way stalls once the running sum's spacing reaches 0.125 and
/// ends more than 8% away from 10⁶.
///
/// Pairwise summation splits the range in half, sums each half
/// recursively and adds the two results, so every element goes through only
/// about log₂ n additions, each between partial sums of similar size. With
/// leaves of `b` elements summed naively the bound becomes
/// `|error| ≤ (b − 1 + ⌈log₂(n / b)⌉) · u · Σ|xᵢ|`: O(log n · ε) rather than
/// O(n · ε), at the same O(n) cost. NumPy's `sum` uses the same method.
///
/// - Parameters:
///   - base: The first element.
///   - count: How many elements to add; 0 gives 0.
///   - stride: The distance between consecutive elements, in elements.
func pairwiseSum<T: BinaryFloatingPoint & SIMDScalar>(
  _ base: UnsafePointer<T>, count: Int, stride: Int
) -> T {
  // The same recursion as the widening form below, without a closure call
  // per element: this is the hot path of float32 and float64 sums.
  if stride == 1 && count > pairwiseBlockSize && count % pairwiseBlockSize == 0 {
    return pairwiseSum(blocksAt: base, blocks: count / pairwiseBlockSize)
  }
  if count <= pairwiseBlockSize {
    var total: T = 0
    var position = 0
    for _ in 0..<count {
      total += base[position]
      position += stride
    }
    return total
  }
  let left = max(pairwiseBlockSize, (count / 2) / pairwiseBlockSize * pairwiseBlockSize)
  return pairwiseSum(base, count: left, stride: stride)
    + pairwiseSum(base + left * stride, count: count - left, stride: stride)
}

/// `pairwiseSum(_:count:stride:)` of `blocks` whole blocks of
/// `pairwiseBlockSize` contiguous elements: the same additions in the same
/// order, arranged to run faster.
///
/// With every run a multiple of the block size, the recursion's leaves are
/// exactly the consecutive blocks, and a run of `c` blocks splits into
/// ⌊c/2⌋ blocks and the rest (the general rule, counted in blocks). Up to
/// eight blocks are finished without recursing further: the leaves are
/// summed in straight-line code (eight at once, one per SIMD lane, when
/// there are eight), then added in the tree's own order, written out. The
/// recursion calls, not the additions, were most of the cost of a large
/// sum.
func pairwiseSum<T: BinaryFloatingPoint & SIMDScalar>(blocksAt base: UnsafePointer<T>, blocks: Int) -> T {
  if blocks > 8 {
    let left = blocks / 2
    return pairwiseSum(blocksAt: base, blocks: left)
      + pairwiseSum(blocksAt: base + left * pairwiseBlockSize, blocks: blocks - left)
  }
  // s[j] is block j summed in order from zero, as a leaf of the recursion is.
  var s = SIMD8<T>(repeating: 0)
  if blocks == 8 {
    // Lane j adds element k of block j at step k: a transposed read, so
    // that the eight leaves advance together, each in its own order.
    for k in 0..<8 {
      s += SIMD8(
        base[k], base[8 + k], base[16 + k], base[24 + k], base[32 + k], base[40 + k], base[48 + k], base[56 + k])
    }
  } else {
    for j in 0..<blocks {
      var total: T = 0
      for k in 0..<8 { total += base[8 * j + k] }
      s[j] = total
    }
  }
  // The tree over c ≤ 8 leaves: ⌊c/2⌋ on the left, the rest on the right.
  switch blocks {
  case 1: return s[0]
  case 2: return s[0] + s[1]
  case 3: return s[0] + (s[1] + s[2])
  case 4: return (s[0] + s[1]) + (s[2] + s[3])
  case 5: return (s[0] + s[1]) + (s[2] + (s[3] + s[4]))
  case 6: return (s[0] + (s[1] + s[2])) + (s[3] + (s[4] + s[5]))
  case 7: return (s[0] + (s[1] + s[2])) + ((s[3] + s[4]) + (s[5] + s[6]))
  default: return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
  }
}

/// `pairwiseSum(_:count:stride:)` with the top levels of its recursion
/// run on up to `threads` threads.
///
/// The recursion tree is cut at depth ⌈log₂ threads⌉; the subtrees below
/// the cut are summed concurrently, each exactly as the sequential
/// recursion would, and then added up the tree in the same order. Every
/// addition is the same addition of the same two partial sums, so the
/// result is bit-identical to the single-threaded one for any thread count.
func pairwiseSum<T: BinaryFloatingPoint & SIMDScalar & Sendable>(
  _ base: UnsafePointer<T>, count: Int, stride: Int, threads: Int
) -> T {
  if threads <= 1 || count <= 2 * pairwiseBlockSize {
    return pairwiseSum(base, count: count, stride: stride)
  }
  // The subtrees at the cut, left to right, as (first, count); and the
  // tree above them as nested pairs of subtree numbers.
  var leaves: [(Int, Int)] = []
  func cut(_ first: Int, _ count: Int, depth: Int) -> PairwiseTree {
    if depth == 0 || count <= pairwiseBlockSize {
      leaves.append((first, count))
      return .leaf(leaves.count - 1)
    }
    let left = Swift.max(pairwiseBlockSize, (count / 2) / pairwiseBlockSize * pairwiseBlockSize)
    let l = cut(first, left, depth: depth - 1)
    let r = cut(first + left, count - left, depth: depth - 1)
    return .pair(l, r)
  }
  var depth = 0
  while 1 << depth < threads { depth += 1 }
  let tree = cut(0, count, depth: depth)
  var partial = [T](repeating: .zero, count: leaves.count)
  let pieces = leaves
  partial.withUnsafeMutableBufferPointer { results in
    let shared = UncheckedSendable(value: (base, results))
    parallelChunks(count: pieces.count, threads: pieces.count) { range in
      let (base, results) = shared.value
      for leaf in range {
        let (first, length) = pieces[leaf]
        results[leaf] = pairwiseSum(base + first * stride, count: length, stride: stride)
      }
    }
  }
  func total(_ node: PairwiseTree) -> T {
    switch node {
    case .leaf(let index): partial[index]
    case .pair(let l, let r): total(l) + total(r)
    }
  }
  return total(tree)
}

/// The shape of the top of a pairwise recursion: leaves numbered left to
/// right, and the pairs in which their sums are added.
indirect enum PairwiseTree {
  case leaf(Int)
  case pair(PairwiseTree, PairwiseTree)
}

/// The pairwise sum of `count` elements of a stored type `S`, each widened
/// to the accumulator type `A` as it is read: how 16-bit tensors accumulate
/// in `Double` without a widened copy. See `pairwiseSum(_:count:stride:)`.
func pairwiseSum<S, A: AdditiveArithmetic>(
  _ base: UnsafePointer<S>, count: Int, stride: Int, _ widen: (S) -> A
) -> A {
  if count <= pairwiseBlockSize {
    var total = A.zero
    var position = 0
    for _ in 0..<count {
      total += widen(base[position])
      position += stride
    }
    return total
  }
  // Split at a multiple of the block size so that the leaves stay full.
  let left = max(pairwiseBlockSize, (count / 2) / pairwiseBlockSize * pairwiseBlockSize)
  return pairwiseSum(base, count: left, stride: stride, widen)
    + pairwiseSum(base + left * stride, count: count - left, stride: stride, widen)
}

extension Tensor {
  // MARK: - Sum and mean

  /// The sum of all elements, as a 0-d tensor (shape `[]`).
  ///
  /// Uses pairwise summation, so the rounding error grows like log n rather
  /// than n (see the discussion of accuracy in the module's `pairwiseSum`).
  /// `float32` and `float64` accumulate in their own type; `float16` and
  /// `bfloat16` accumulate in `Double` and round once. `int32` accumulates
  /// in 64 bits and traps if the total does not fit in 32; `bool` counts
  /// the `true` elements into an `int32`. The sum of no elements is 0.
  public func sum() -> Tensor {
    guard isContiguous, dtype == .float32 || dtype == .float64 else { return sum(axes: Array(0..<rank)) }
    // A dense float tensor is one run: the same pairwise sum as the general
    // path computes, without planning a reduction over axes first (which
    // costs more than the sum itself on a small tensor).
    return profiled("sum", flops: count, bytesRead: elementBytes) {
      dtype == .float32 ? denseSum(Float.self) : denseSum(Double.self)
    }
  }

  /// The pairwise sum of a contiguous tensor's elements as a 0-d tensor,
  /// threaded as `ReductionLayout.threadsPerOutput` threads a single run.
  private func denseSum<T: TensorScalar & BinaryFloatingPoint & SIMDScalar>(_ type: T.Type) -> Tensor {
    let n = count
    let threads = n >= parallelElementThreshold ? defaultThreadCount : 1
    let total = storage.withUnsafeBufferPointer(as: T.self) { elements in
      pairwiseSum(elements.baseAddress! + offset, count: n, stride: 1, threads: threads)
    }
    let result = Tensor(uninitialized: [], dtype: dtype)
    result.storage.withUnsafeMutableBufferPointer(as: T.self) { $0[0] = total }
    return result
  }

  /// Sums along one axis.
  ///
  /// Each output element is the pairwise sum of the input elements that
  /// differ only in their index along `axis`; strided inputs are read in
  /// place.
  ///
  /// ```swift
  /// let t = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
  /// t.sum(axis: 0)                  // [5, 7, 9], shape [3]
  /// t.sum(axis: -1, keepDims: true) // [[6], [15]], shape [2, 1]
  /// ```
  ///
  /// - Parameters:
  ///   - axis: The axis to remove, in `-rank..<rank`; negative values count
  ///     from the end, so `-1` is the last axis.
  ///   - keepDims: Keep the reduced axis with length 1, so that the result
  ///     broadcasts against the input (`t - t.mean(axis: 1, keepDims: true)`).
  /// - Returns: A tensor with `axis` removed or of length 1 (dtype as for `sum()`).
  public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
    sum(axes: [axis], keepDims: keepDims)
  }

  /// Sums over several axes at once (all of them for `Array(0..<rank)`);
  /// see `sum()` for accumulation and dtypes and `sum(axis:keepDims:)` for
  /// the parameters. Each output is one pairwise sum over all its inputs.
  public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
    profiled("sum", flops: count, bytesRead: elementBytes) {
      if axes.count == 1 && (axes[0] == 0 || axes[0] == -2), let sums = columnSums(keepDims: keepDims) {
        return sums
      }
      let layout = reductionLayout(axes, keepDims: keepDims, context: "sum")
      let threads = layout.threadsPerOutput
      switch dtype {
      case .float32: return layout.reduce { (x: UnsafePointer<Float>, n, step) -> Float in
        pairwiseSum(x, count: n, stride: step, threads: threads) }
      case .float64: return layout.reduce { (x: UnsafePointer<Double>, n, step) -> Double in
        pairwiseSum(x, count: n, stride: step, threads: threads) }
      case .float16: return layout.reduce { (x: UnsafePointer<Float16>, n, step) -> Float16 in
        Float16(pairwiseSum(x, count: n, stride: step) { Double($0) }) }
      case .bfloat16: return layout.reduce { (x: UnsafePointer<BFloat16>, n, step) -> BFloat16 in
        BFloat16(pairwiseSum(x, count: n, stride: step) { Double($0) }) }
      case .int32: return layout.reduce { (x: UnsafePointer<Int32>, n, step) -> Int32 in
        let total = pairwiseSum(x, count: n, stride: step) { Int($0) }
        guard let fitted = Int32(exactly: total) else {
          preconditionFailure("sum: int32 total \(total) does not fit in 32 bits; convert to float64 first")
        }
        return fitted
      }
      case .bool: return layout.reduce { (x: UnsafePointer<Bool>, n, step) -> Int32 in
        Int32(pairwiseSum(x, count: n, stride: step) { $0 ? 1 : 0 } as Int) }
      }
    }
  }

  /// The arithmetic mean of all elements, as a 0-d tensor of the same dtype:
  /// the pairwise sum divided by `count`. The mean of no elements is NaN.
  public func mean() -> Tensor {
    mean(axes: Array(0..<rank))
  }

  /// The arithmetic mean along one axis: the pairwise sum divided by the
  /// axis length. Takes the same parameters as `sum(axis:keepDims:)`; an
  /// axis of length 0 gives NaN.
  public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
    mean(axes: [axis], keepDims: keepDims)
  }

  /// The arithmetic mean over several axes (see `mean(axis:keepDims:)`).
  /// Floating-point dtypes only; 16-bit data is summed and divided in
  /// `Double`, then rounded once.
  public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
    profiled("mean", flops: count, bytesRead: elementBytes) {
      let layout = reductionLayout(axes, keepDims: keepDims, context: "mean")
      return layout.reduceFloating(dtype, "mean", .mean)
    }
  }

  // MARK: - Spread

  /// The variance over `axes`: Σ(x − mean)² / (n − correction), where n is
  /// the number of elements reduced.
  ///
  /// `correction: 1` (the default, as in PyTorch) is Bessel's correction,
  /// the unbiased sample variance; `correction: 0` is the population
  /// variance (NumPy's default `ddof=0`). When n − correction ≤ 0 the result
  /// is NaN. Computed in two passes, the mean first and then the squared
  /// deviations from it, each summed pairwise; the one-pass formula
  /// E[x²] − E[x]² cancels catastrophically when the mean is large compared
  /// with the spread. Floating-point dtypes only (16-bit in `Double`).
  ///
  /// - Parameters:
  ///   - axes: The axes to reduce; negative values count from the end.
  ///   - correction: Subtracted from n in the denominator (NumPy's `ddof`).
  ///   - keepDims: Keep the reduced axes with length 1.
  public func variance(axes: [Int], correction: Int = 1, keepDims: Bool = false) -> Tensor {
    profiled("variance", flops: 3 * count, bytesRead: elementBytes) {
      let layout = reductionLayout(axes, keepDims: keepDims, context: "variance")
      return layout.reduceFloating(dtype, "variance", .variance(correction: correction))
    }
  }

  /// The variance of all elements (see `variance(axes:correction:keepDims:)`).
  public func variance(correction: Int = 1) -> Tensor {
    variance(axes: Array(0..<rank), correction: correction)
  }

  /// The standard deviation: the square root of
  /// `variance(axes:correction:keepDims:)`, with the same parameters.
  public func standardDeviation(axes: [Int], correction: Int = 1, keepDims: Bool = false) -> Tensor {
    profiled("standardDeviation", flops: 3 * count, bytesRead: elementBytes) {
      let layout = reductionLayout(axes, keepDims: keepDims, context: "standardDeviation")
      return layout.reduceFloating(dtype, "standardDeviation", .standardDeviation(correction: correction))
    }
  }

  /// The standard deviation of all elements.
  public func standardDeviation(correction: Int = 1) -> Tensor {
    standardDeviation(axes: Array(0..<rank), correction: correction)
  }

  // MARK: - Extremes

  /// The largest element over `axes`, in the input's dtype.
  ///
  /// NaN propagates: any NaN among the reduced elements makes the result
  /// NaN (NumPy's `max`, PyTorch's `amax`). Reducing no elements traps, as
  /// there is no identity. `bool` tensors give "any".
  public func max(axes: [Int], keepDims: Bool = false) -> Tensor {
    extreme(axes, keepDims: keepDims, context: "max", keepsRight: >)
  }

  /// The largest element of the whole tensor, as a 0-d tensor (see `max(axes:keepDims:)`).
  public func max() -> Tensor { max(axes: Array(0..<rank)) }

  /// The largest element along one axis (see `max(axes:keepDims:)`).
  public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

  /// The smallest element over `axes`; NaN propagates (see `max(axes:keepDims:)`).
  /// `bool` tensors give "all".
  public func min(axes: [Int], keepDims: Bool = false) -> Tensor {
    extreme(axes, keepDims: keepDims, context: "min", keepsRight: <)
  }

  /// The smallest element of the whole tensor, as a 0-d tensor.
  public func min() -> Tensor { min(axes: Array(0..<rank)) }

  /// The smallest element along one axis (see `min(axes:keepDims:)`).
  public func min(axis: Int, keepDims: Bool = false) -> Tensor { min(axes: [axis], keepDims: keepDims) }

  /// The position of the largest element along `axis` (or in the
  /// row-major flattened tensor when `axis` is `nil`), as `int32`.
  ///
  /// Ties go to the first position; a NaN counts as larger than
  /// everything, so the first NaN wins (NumPy's rule). Reducing no elements
  /// traps.
  public func argmax(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
    argExtreme(axis, keepDims: keepDims, context: "argmax", keepsRight: >)
  }

  /// The position of the smallest element along `axis` (see `argmax`); the
  /// first NaN wins here too.
  public func argmin(axis: Int? = nil, keepDims: Bool = false) -> Tensor {
    argExtreme(axis, keepDims: keepDims, context: "argmin", keepsRight: <)
  }

  // MARK: - Log-sum-exp and softmax

  /// log Σ exp(x) over `axes`, without overflow.
  ///
  /// Computed as m + log Σ exp(x − m) with m the maximum, so the largest
  /// term is e⁰ = 1 and nothing overflows: logits of ±1000 give ±1000 +
  /// log(count) instead of ∞. If m is ±∞ the result is m (all −∞ gives −∞);
  /// any NaN gives NaN. Floating-point dtypes only (16-bit in `Double`).
  public func logSumExp(axes: [Int], keepDims: Bool = false) -> Tensor {
    profiled("logSumExp", flops: 3 * count, bytesRead: elementBytes) {
      let layout = reductionLayout(axes, keepDims: keepDims, context: "logSumExp")
      return layout.reduceFloating(dtype, "logSumExp", .logSumExp)
    }
  }

  /// log Σ exp(x) over all elements, as a 0-d tensor.
  public func logSumExp() -> Tensor { logSumExp(axes: Array(0..<rank)) }

  /// The softmax along `axis`: exp(xᵢ − m) / Σⱼ exp(xⱼ − m), with m the
  /// maximum along the axis; each slice is non-negative and sums to 1.
  ///
  /// Subtracting the maximum changes nothing mathematically and keeps
  /// every exponent ≤ 0, so logits of ±1000 neither overflow nor divide
  /// ∞ by ∞. A slice of all −∞ gives NaN (0/0), as in PyTorch. 16-bit
  /// inputs are computed in `float32` and rounded once.
  ///
  /// - Parameter axis: The axis to normalise over (default: the last).
  public func softmax(axis: Int = -1) -> Tensor {
    profiled("softmax", flops: 4 * count, bytesRead: elementBytes) {
      let axis = normalizedAxis(axis, in: "softmax")
      if dtype == .float16 || dtype == .bfloat16 {
        return converted(to: .float32).softmax(axis: axis).converted(to: dtype)
      }
      let shifted = self - max(axis: axis, keepDims: true)
      let e = shifted.exp()
      return e / e.sum(axis: axis, keepDims: true)
    }
  }

  /// log(softmax(x)) along `axis`, computed as (x − m) − log Σ exp(x − m)
  /// with m the maximum, so that very negative log-probabilities stay
  /// finite instead of log(0) = −∞. Subtracting m before the logarithm's
  /// term (rather than x − logsumexp(x)) keeps logits of ±1000 from losing
  /// the digits of log Σ to the rounding of 1000 + log Σ. 16-bit inputs are
  /// computed in `float32` and rounded once.
  public func logSoftmax(axis: Int = -1) -> Tensor {
    profiled("logSoftmax", flops: 4 * count, bytesRead: elementBytes) {
      let axis = normalizedAxis(axis, in: "logSoftmax")
      if dtype == .float16 || dtype == .bfloat16 {
        return converted(to: .float32).logSoftmax(axis: axis).converted(to: dtype)
      }
      if axis == rank - 1 && isContiguous && count > 0 {
        switch dtype {
        case .float32: return lastAxisLogSoftmax(Float.self)
        case .float64: return lastAxisLogSoftmax(Double.self)
        case .float16, .bfloat16, .int32, .bool: break
        }
      }
      let shifted = self - max(axis: axis, keepDims: true)
      return shifted - shifted.exp().sum(axis: axis, keepDims: true).log()
    }
  }

  // MARK: - Axes

  /// `axis` mapped into `0..<rank`, after checking it is in `-rank..<rank`.
  ///
  /// `context` is an autoclosure because callers describe themselves with
  /// interpolated strings (`"permuted(\(axes))"`), and building one on
  /// every call, in range or not, cost more than the operation.
  func normalizedAxis(_ axis: Int, in context: @autoclosure () -> String) -> Int {
    precondition(
      axis >= -rank && axis < rank,
      "\(context()): axis \(axis) is out of range for a rank-\(rank) tensor of shape \(shape) "
        + "(valid: \(-rank)..<\(rank))"
    )
    return axis < 0 ? axis + rank : axis
  }

  // MARK: - Kernels

  private func extreme(
    _ axes: [Int], keepDims: Bool, context: String,
    keepsRight: @escaping (Double, Double) -> Bool
  ) -> Tensor {
    profiled(context, flops: count, bytesRead: elementBytes) {
      let layout = reductionLayout(axes, keepDims: keepDims, context: context)
      precondition(
        layout.runLength > 0,
        "\(context): reducing axes \(axes) of shape \(shape) reduces zero elements; there is no identity"
      )
      // Every stored type converts to Double exactly, so comparing there is
      // exact; the winner is stored back unchanged.
      func pick<S: TensorScalar>(_ type: S.Type) -> Tensor {
        layout.reduce { (x: UnsafePointer<S>, n, step) -> S in
          x[Self.extremeIndex(x, count: n, stride: step, keepsRight: keepsRight) * step]
        }
      }
      switch dtype {
      case .float32: return pick(Float.self)
      case .float64: return pick(Double.self)
      case .float16: return pick(Float16.self)
      case .bfloat16: return pick(BFloat16.self)
      case .int32: return pick(Int32.self)
      case .bool: return pick(Bool.self)
      }
    }
  }

  private func argExtreme(
    _ axis: Int?, keepDims: Bool, context: String,
    keepsRight: @escaping (Double, Double) -> Bool
  ) -> Tensor {
    profiled(context, flops: count, bytesRead: elementBytes) {
      let axes = axis.map { [$0] } ?? Array(0..<rank)
      let layout = reductionLayout(axes, keepDims: keepDims, context: context)
      precondition(
        layout.runLength > 0,
        "\(context): axis \(axis.map(String.init) ?? "nil") of shape \(shape) has no elements"
      )
      func find<S: TensorScalar>(_ type: S.Type) -> Tensor {
        layout.reduce { (x: UnsafePointer<S>, n, step) -> Int32 in
          Int32(Self.extremeIndex(x, count: n, stride: step, keepsRight: keepsRight))
        }
      }
      switch dtype {
      case .float32: return find(Float.self)
      case .float64: return find(Double.self)
      case .float16: return find(Float16.self)
      case .bfloat16: return find(BFloat16.self)
      case .int32: return find(Int32.self)
      case .bool: return find(Bool.self)
      }
    }
  }

  /// The position in a run of the element that wins under `keepsRight`
  /// (`>` for the maximum): the first NaN if there is one, else the first
  /// of the winners.
  private static func extremeIndex<S: TensorScalar>(
    _ x: UnsafePointer<S>, count: Int, stride: Int, keepsRight: (Double, Double) -> Bool
  ) -> Int {
    var best = 0
    var bestValue = x[0].doubleValue
    if bestValue.isNaN { return 0 }
    for i in 1..<Swift.max(count, 1) {
      let value = x[i * stride].doubleValue
      if value.isNaN { return i }
      if keepsRight(value, bestValue) {
        best = i
        bestValue = value
      }
    }
    return best
  }

  /// How a reduction over `axes` reads `self`: the kept axes are walked,
  /// and at each kept position the reduced elements form one run of
  /// `runLength` elements `runStride` apart.
  ///
  /// The reduced axes can be read as one run without copying when their
  /// strides nest (a trailing block of a row-major tensor, or a single
  /// axis of any tensor). Otherwise the tensor is reordered, kept axes
  /// first, into a contiguous temporary copy, in which they do.
  func reductionLayout(_ axes: [Int], keepDims: Bool, context: String) -> ReductionLayout {
    // A mask rather than a set: this runs for every reduction, and on a
    // small tensor building a set costs more than the arithmetic.
    var isReduced = [Bool](repeating: false, count: rank)
    for axis in axes {
      let resolved = normalizedAxis(axis, in: context)
      precondition(!isReduced[resolved], "\(context): axes \(axes) repeat an axis of shape \(shape)")
      isReduced[resolved] = true
    }
    let kept = (0..<rank).filter { !isReduced[$0] }
    let order = (0..<rank).filter { isReduced[$0] }
    let resultShape = keepDims
      ? shape.indices.map { isReduced[$0] ? 1 : shape[$0] }
      : kept.map { shape[$0] }
    let runLength = order.reduce(1) { $0 * shape[$1] }

    // Fold the reduced axes from the innermost out while each one's stride
    // is the run so far times its length.
    var runStride = 1
    var nested = true
    var folded = 1
    for axis in order.reversed() where shape[axis] != 1 {
      if folded == 1 {
        runStride = strides[axis]
      } else if strides[axis] != runStride * folded {
        nested = false
      }
      folded *= shape[axis]
    }
    if nested {
      return ReductionLayout(
        source: self, outerShape: kept.map { shape[$0] }, outerStrides: kept.map { strides[$0] },
        runLength: runLength, runStride: runStride, resultShape: resultShape
      )
    }
    let reordered = permuted(kept + order).contiguous()
    return ReductionLayout(
      source: reordered,
      outerShape: kept.map { shape[$0] },
      outerStrides: Array(reordered.strides.prefix(kept.count)),
      runLength: runLength, runStride: 1, resultShape: resultShape
    )
  }
}

/// The plan of a reduction: see `Tensor.reductionLayout`.
struct ReductionLayout {
  /// The tensor whose storage is read: the input itself, or a reordered
  /// contiguous copy of it.
  var source: Tensor
  /// The kept axes' lengths, and their strides in `source`.
  var outerShape: [Int]
  var outerStrides: [Int]
  /// The number of elements reduced into each output, and their spacing.
  var runLength: Int
  var runStride: Int
  /// The result's shape, with the reduced axes removed or kept as 1.
  var resultShape: [Int]

  /// Calls `body` once per output with the start of its run, the run
  /// length and its stride, and stores what it returns.
  ///
  /// Many outputs with enough work between them are split across threads,
  /// a range of outputs per thread; each output is still computed by one
  /// call of `body`, so the result does not depend on the thread count.
  func reduce<S: TensorScalar, R: TensorScalar>(
    threads: Int = defaultThreadCount,
    _ body: (UnsafePointer<S>, _ count: Int, _ stride: Int) -> R
  ) -> Tensor {
    let result = Tensor(uninitialized: outerShape, dtype: R.dtype)
    if outerShape.count <= 1 {
      // No kept axis, or one: the outputs are one strided row, visited
      // without setting up a walk (most reductions in training are of
      // this kind, and are small).
      let outputs = result.count
      let outerStride = outerStrides.first ?? 0
      let (length, step) = (runLength, runStride)
      let chunks = outputs > 1 && outputs * length >= parallelElementThreshold ? threads : 1
      source.storage.withUnsafeBufferPointer(as: S.self) { input in
        result.storage.withUnsafeMutableBufferPointer(as: R.self) { out in
          withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(value: (input.baseAddress! + source.offset, out.baseAddress!, body))
            parallelChunks(count: outputs, threads: chunks) { range in
              let (input, out, body) = shared.value
              for o in range { out[o] = body(input + o * outerStride, length, step) }
            }
          }
        }
      }
      return result.reshaped(resultShape)
    }
    let walk = StridedWalk(
      shape: outerShape,
      operands: [result.stridedOperand, StridedOperand(strides: outerStrides, offset: source.offset)]
    )
    let inner = walk.innerStrides
    let (length, step) = (runLength, runStride)
    let outputs = walk.count
    let chunks = outputs > 1 && outputs * length >= parallelElementThreshold ? threads : 1
    source.storage.withUnsafeBufferPointer(as: S.self) { input in
      result.storage.withUnsafeMutableBufferPointer(as: R.self) { out in
        withoutActuallyEscaping(body) { body in
          let shared = UncheckedSendable(value: (input.baseAddress!, out.baseAddress!, body))
          parallelChunks(count: outputs, threads: chunks) { range in
            let (input, out, body) = shared.value
            walk.forEachRow(elements: range) { starts, rowLength in
              var o = starts[0], i = starts[1]
              for _ in 0..<rowLength {
                out[o] = body(input + i, length, step)
                o += inner[0]
                i += inner[1]
              }
            }
          }
        }
      }
    }
    return result.reshaped(resultShape)
  }

  /// How many threads one output's pairwise sums may use: all of them when
  /// the whole reduction is a single long run (which `reduce` cannot split
  /// by outputs), else 1.
  var threadsPerOutput: Int {
    elementCount(of: outerShape) == 1 && runLength >= parallelElementThreshold ? defaultThreadCount : 1
  }

  /// A floating-point reduction: each run is read in the accumulator type
  /// (`Float` for `float32`, `Double` for `float64` and the 16-bit dtypes)
  /// and the answer is rounded to the dtype once.
  func reduceFloating(_ dtype: DType, _ context: String, _ reduction: FloatReduction) -> Tensor {
    switch dtype {
    case .float32:
      return reduce { (x: UnsafePointer<Float>, n, s) -> Float in reduction.apply(x, count: n, stride: s) { $0 } }
    case .float64:
      return reduce { (x: UnsafePointer<Double>, n, s) -> Double in reduction.apply(x, count: n, stride: s) { $0 } }
    case .float16:
      return reduce { (x: UnsafePointer<Float16>, n, s) -> Float16 in
        Float16(reduction.apply(x, count: n, stride: s) { Double($0) })
      }
    case .bfloat16:
      return reduce { (x: UnsafePointer<BFloat16>, n, s) -> BFloat16 in
        BFloat16(reduction.apply(x, count: n, stride: s) { Double($0) })
      }
    case .int32, .bool:
      preconditionFailure("\(context): needs a floating-point tensor, got \(dtype); convert with converted(to: .float32) first")
    }
  }
}

/// The floating-point reductions of one run, written once for any stored
/// type `S` read into an accumulator type `A`.
enum FloatReduction {
  case mean
  case variance(correction: Int)
  case standardDeviation(correction: Int)
  case logSumExp

  func apply<S, A: Real & BinaryFloatingPoint>(
    _ x: UnsafePointer<S>, count: Int, stride: Int, _ widen: (S) -> A
  ) -> A {
    switch self {
    case .mean:
      return pairwiseSum(x, count: count, stride: stride, widen) / A(count)
    case .variance(let correction):
      return Self.variance(x, count: count, stride: stride, correction: correction, widen)
    case .standardDeviation(let correction):
      return Self.variance(x, count: count, stride: stride, correction: correction, widen).squareRoot()
    case .logSumExp:
      var m = -A.infinity
      for i in 0..<count {
        let value = widen(x[i * stride])
        if value.isNaN { return value }
        m = Swift.max(m, value)
      }
      if m.isInfinite { return m }
      return m + A.log(pairwiseSum(x, count: count, stride: stride) { A.exp(widen($0) - m) })
    }
  }

  /// Two passes: the mean, then the pairwise sum of squared deviations.
  private static func variance<S, A: Real & BinaryFloatingPoint>(
    _ x: UnsafePointer<S>, count: Int, stride: Int, correction: Int, _ widen: (S) -> A
  ) -> A {
    let denominator = count - correction
    if denominator <= 0 { return .nan }
    let mean = pairwiseSum(x, count: count, stride: stride, widen) / A(count)
    let squares = pairwiseSum(x, count: count, stride: stride) { (value: S) -> A in
      let deviation = widen(value) - mean
      return deviation * deviation
    }
    return squares / A(denominator)
  }
}
