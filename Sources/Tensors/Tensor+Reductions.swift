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
func pairwiseSum<T: BinaryFloatingPoint>(
  _ base: UnsafePointer<T>, count: Int, stride: Int
) -> T {
  pairwiseSum(base, count: count, stride: stride) { $0 }
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
  /// The sum of all elements, as a 0-d tensor (shape `[]`).
  ///
  /// Uses pairwise summation, so the rounding error grows like log n rather
  /// than n (see the discussion of accuracy in the module's `pairwiseSum`).
  /// `float32` and `float64` accumulate in their own type; `float16` and
  /// `bfloat16` accumulate in `Double` and round once. `int32` accumulates
  /// in 64 bits and traps if the total does not fit in 32; `bool` counts
  /// the `true` elements into an `int32`. The sum of no elements is 0.
  public func sum() -> Tensor {
    reshaped([count]).sum(axis: 0)
  }

  /// The arithmetic mean of all elements, as a 0-d tensor of the same dtype:
  /// the pairwise `sum()` divided by `count`. The mean of no elements is NaN.
  public func mean() -> Tensor {
    sum() / Double(count)
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
  /// - Returns: A tensor of the same dtype, with `axis` removed or of length 1.
  public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
    let axis = normalizedAxis(axis, in: "sum(axis:)")
    let result = sum(alongNormalizedAxis: axis)
    if keepDims {
      var kept = shape
      kept[axis] = 1
      return result.reshaped(kept)
    }
    return result
  }

  /// The arithmetic mean along one axis: `sum(axis:keepDims:)` divided by
  /// the axis length. Takes the same parameters; an axis of length 0 gives
  /// NaN.
  public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
    let length = shape[normalizedAxis(axis, in: "mean(axis:)")]
    return sum(axis: axis, keepDims: keepDims) / Double(length)
  }

  /// `axis` mapped into `0..<rank`, after checking it is in `-rank..<rank`.
  func normalizedAxis(_ axis: Int, in context: String) -> Int {
    precondition(
      axis >= -rank && axis < rank,
      "\(context): axis \(axis) is out of range for a rank-\(rank) tensor of shape \(shape) "
        + "(valid: \(-rank)..<\(rank))"
    )
    return axis < 0 ? axis + rank : axis
  }

  private func sum(alongNormalizedAxis axis: Int) -> Tensor {
    switch dtype {
    case .float32: sum(alongNormalizedAxis: axis, Float.self, into: Float.self) { $0 } round: { $0 }
    case .float64: sum(alongNormalizedAxis: axis, Double.self, into: Double.self) { $0 } round: { $0 }
    case .float16:
      sum(alongNormalizedAxis: axis, Float16.self, into: Float16.self) { Double($0) } round: { Float16($0) }
    case .bfloat16:
      sum(alongNormalizedAxis: axis, BFloat16.self, into: BFloat16.self) { Double($0) } round: { BFloat16($0) }
    case .int32:
      sum(alongNormalizedAxis: axis, Int32.self, into: Int32.self) { Int($0) } round: { total in
        guard let fitted = Int32(exactly: total) else {
          preconditionFailure("sum: int32 total \(total) does not fit in 32 bits; convert to float64 first")
        }
        return fitted
      }
    case .bool:
      sum(alongNormalizedAxis: axis, Bool.self, into: Int32.self) { $0 ? 1 : 0 } round: { (total: Int) in
        Int32(total)
      }
    }
  }

  /// Sums along `axis`: reads `S`, adds in the accumulator `A`, stores `R`.
  private func sum<S: TensorScalar, A: AdditiveArithmetic, R: TensorScalar>(
    alongNormalizedAxis axis: Int, _ source: S.Type, into result: R.Type,
    widen: (S) -> A, round: (A) -> R
  ) -> Tensor {
    var outerShape = shape
    var outerStrides = strides
    outerShape.remove(at: axis)
    outerStrides.remove(at: axis)
    let length = shape[axis]
    let step = strides[axis]
    let result = Tensor(zeroed: outerShape, dtype: R.dtype)
    // Walk the result and the input with the reduced axis taken out; at
    // each position, sum along the reduced axis starting there.
    let walk = StridedWalk(
      shape: outerShape,
      operands: [result.stridedOperand, StridedOperand(strides: outerStrides, offset: offset)]
    )
    let inner = walk.innerStrides
    storage.withUnsafeBufferPointer(as: S.self) { input in
      result.storage.withUnsafeMutableBufferPointer(as: R.self) { out in
        walk.forEachRow { starts, rowLength in
          var o = starts[0], i = starts[1]
          for _ in 0..<rowLength {
            out[o] = round(pairwiseSum(input.baseAddress! + i, count: length, stride: step, widen))
            o += inner[0]
            i += inner[1]
          }
        }
      }
    }
    return result
  }
}
