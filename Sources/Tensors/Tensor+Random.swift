import RealModule

/// Random tensors from a `RandomGenerator`. Each method draws `count`
/// elements from indices `offset ..< offset + count` and advances `offset`.
/// Large draws are filled by several threads; the values do not depend on
/// how many.
extension RandomGenerator {
  /// Uniform values in `[range.lowerBound, range.upperBound)`.
  ///
  /// Element `i` is `lower + (upper − lower) · u`, with `u` the exact
  /// 53-bit `unitDouble(at: offset + i)`, rounded once to `dtype`. In a
  /// narrow dtype that rounding can reach `upper` itself.
  public mutating func uniform(
    _ shape: [Int], dtype: DType = .float32, in range: Range<Double> = 0..<1
  ) -> Tensor {
    let (lower, width) = (range.lowerBound, range.upperBound - range.lowerBound)
    return fill(shape, dtype: dtype) { generator, index in
      lower + width * generator.unitDouble(at: index)
    }
  }

  /// Normal values with the given mean and standard deviation.
  ///
  /// Element `i` takes the Box–Muller transform of the two 53-bit uniforms
  /// in its block: `u₁` from words 0–1, mapped into (0, 1] so its log is
  /// finite, and `u₂` from words 2–3; z = √(−2 ln u₁) · cos(2π u₂), then
  /// `mean + std · z`, rounded once to `dtype`.
  public mutating func normal(
    _ shape: [Int], dtype: DType = .float32, mean: Double = 0, standardDeviation: Double = 1
  ) -> Tensor {
    fill(shape, dtype: dtype) { generator, index in
      let words = generator.block(at: index)
      let u1 = 1 - RandomGenerator.unit(words[0], words[1])
      let u2 = RandomGenerator.unit(words[2], words[3])
      let z = (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
      return mean + standardDeviation * z
    }
  }

  /// A `bool` tensor whose elements are independently `true` with
  /// probability `p`: element `i` is `unitDouble(at: offset + i) < p`.
  public mutating func bernoulli(_ shape: [Int], probability p: Double) -> Tensor {
    precondition(p >= 0 && p <= 1, "bernoulli: probability \(p) is outside [0, 1]")
    return fill(shape, dtype: .bool) { generator, index in
      generator.unitDouble(at: index) < p ? 1 : 0
    }
  }

  /// A random ordering of `0..<n`, as an `int32` tensor of shape `[n]`.
  ///
  /// Fisher–Yates from the back: step `j` (for j = n−1 down to 1) swaps
  /// position `j` with a position in `0...j` drawn from index `offset + j`.
  /// Every ordering is equally likely (up to the 2⁻⁶⁴-scale bias of
  /// `integer(below:)`). Uses `n` indices.
  public mutating func permutation(_ n: Int) -> Tensor {
    precondition(n >= 0 && n <= Int(Int32.max), "permutation: n = \(n) is out of range")
    var order = (0..<n).map { Int32($0) }
    for j in stride(from: n - 1, to: 0, by: -1) {
      order.swapAt(j, integer(below: j + 1, at: offset + UInt64(j)))
    }
    offset += UInt64(n)
    return Tensor(order, shape: [n])
  }

  /// `count` positions drawn from `0..<n`, as an `int32` tensor.
  ///
  /// With replacement, each is uniform and independent (index
  /// `offset + i` for the i-th). Without replacement, they are the first
  /// `count` entries of a partial Fisher–Yates shuffle from the front (step
  /// `i` swaps position `i` with one in `i..<n`), so all are distinct;
  /// `count` must then be at most `n`. Uses `count` indices.
  public mutating func choice(_ n: Int, count: Int, replace: Bool = true) -> Tensor {
    precondition(n > 0 || count == 0, "choice: cannot draw \(count) from an empty range")
    precondition(n <= Int(Int32.max), "choice: n = \(n) does not fit in int32")
    precondition(
      replace || count <= n,
      "choice: cannot draw \(count) distinct positions from \(n) without replacement"
    )
    if replace {
      return fill([count], dtype: .int32) { generator, index in
        Double(generator.integer(below: n, at: index))
      }
    }
    // Only the touched positions are stored, so drawing a few from a huge
    // range costs O(count), not O(n).
    var swapped: [Int: Int] = [:]
    var picks: [Int32] = []
    picks.reserveCapacity(count)
    for i in 0..<count {
      let j = i + integer(below: n - i, at: offset + UInt64(i))
      let atJ = swapped[j] ?? j
      swapped[j] = swapped[i] ?? i
      picks.append(Int32(atJ))
    }
    offset += UInt64(count)
    return Tensor(picks, shape: [count])
  }

  /// Fills a new tensor with `value(self, offset + i)` for element `i`,
  /// converted to `dtype`, splitting large tensors across threads.
  mutating func fill(
    _ shape: [Int], dtype: DType, threads: Int = defaultThreadCount,
    _ value: @Sendable (RandomGenerator, UInt64) -> Double
  ) -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: dtype)
    let count = result.count
    let (generator, start) = (self, offset)
    // Threads pay off only when there are many elements to share.
    let chunks = count >= parallelElementThreshold ? threads : 1
    func run<T: TensorScalar>(_ type: T.Type) {
      result.storage.withUnsafeMutableBufferPointer(as: T.self) { buffer in
        let out = UncheckedSendable(value: buffer)
        parallelChunks(count: count, threads: chunks) { range in
          for i in range {
            out.value[i] = T(converting: value(generator, start + UInt64(i)))
          }
        }
      }
    }
    switch dtype {
    case .float32: run(Float.self)
    case .float64: run(Double.self)
    case .float16: run(Float16.self)
    case .bfloat16: run(BFloat16.self)
    case .int32: run(Int32.self)
    case .bool: run(Bool.self)
    }
    offset += UInt64(count)
    return result
  }
}
