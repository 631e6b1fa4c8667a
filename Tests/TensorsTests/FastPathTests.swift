import Testing
@testable import Tensors

/// The shortcuts that spare small operations their set-up (dense
/// broadcasting loops for rows and columns, the one-run sum, reshaping to the same shape,
/// matmul's unfilled result) must give exactly what the general paths give.
@Suite struct FastPathTests {
  /// The bit patterns of a float32 tensor, in row-major order.
  func bits(_ t: Tensor) -> [UInt32] {
    t.scalars(as: Float.self).map(\.bitPattern)
  }

  /// The same values as `t` behind a column-major layout, which no dense
  /// shortcut accepts (when both axes are longer than 1; otherwise the
  /// layout is still contiguous), so that an operation on it takes the
  /// strided walk.
  func strided(_ t: Tensor) -> Tensor {
    let view = t.transposed().contiguous().transposed()
    #expect(view.isContiguous == t.shape.contains(1))
    return view
  }

  @Test(arguments: [[1, 1], [3, 1], [1, 5], [4, 5], [300, 400]])
  func denseBroadcastsMatchTheStridedWalk(shape: [Int]) {
    var rng = RandomGenerator(seed: 31)
    let a = rng.normal(shape)
    let width = shape[1]
    let row = rng.normal([width])
    let column = rng.normal([shape[0], 1])
    let scalar = rng.normal([])
    let pairs: [(Tensor, Tensor, Tensor, Tensor)] = [
      (a, a, strided(a), a),                                   // same shape
      (a, scalar, strided(a), scalar),                         // scalar on the right
      (scalar, a, scalar, strided(a)),                         // scalar on the left
      (a, row, strided(a), row),                               // a row repeated down
      (row, a, row, strided(a)),                               // the mirror image
      (a, column, strided(a), column),                         // one value per row
      (column, a, column, strided(a)),                         // the mirror image
      (a, scalar.reshaped([1, 1]), strided(a), scalar.reshaped([1, 1])),
    ]
    for (x, y, sx, sy) in pairs {
      for op in [ElementwiseOperator.add, .subtract, .multiply, .divide] {
        let fast = Tensor.elementwise(x, y, op)
        let walked = Tensor.elementwise(sx, sy, op)
        #expect(fast.shape == walked.shape)
        #expect(bits(fast) == bits(walked), "\(op.rawValue) of \(x.shape) and \(y.shape)")
      }
    }
  }

  @Test(arguments: [[1, 5], [3, 4], [8, 3], [9, 3], [17, 5], [128, 256], [1000, 7], [65, 2]])
  func columnSumsMatchTheStridedReduction(shape: [Int]) {
    var rng = RandomGenerator(seed: 41)
    for dtype in [DType.float32, .float64] {
      let a = (rng.normal(shape) * 100).converted(to: dtype)
      let general = strided(a)  // takes the per-column reduction
      for keepDims in [false, true] {
        let fast = a.sum(axis: 0, keepDims: keepDims)
        let walked = general.sum(axis: 0, keepDims: keepDims)
        #expect(fast.shape == walked.shape)
        #expect(
          fast.converted(to: .float64).scalars(as: Double.self).map(\.bitPattern)
            == walked.converted(to: .float64).scalars(as: Double.self).map(\.bitPattern),
          "\(dtype) \(shape) keepDims \(keepDims)")
        #expect(a.sum(axis: -2, keepDims: keepDims).shape == walked.shape)
      }
    }
  }

  @Test func denseWhereMatchesTheStridedWalk() {
    var rng = RandomGenerator(seed: 36)
    let a = rng.normal([6, 5])
    let b = rng.normal([6, 5])
    let condition = a .> b
    let dense = Tensor.where(condition, a, b)
    let walked = Tensor.where(strided(condition), strided(a), strided(b))
    #expect(bits(dense) == bits(walked))
    #expect(bits(dense) == bits(Tensor.where(condition, a, b.reshaped([6, 5]))))
  }

  @Test func scalarArithmeticMatchesAFilledTensor() {
    var rng = RandomGenerator(seed: 32)
    let a = rng.normal([7, 9])
    let filled = Tensor(shape: [7, 9], repeating: 0.1)
    #expect(bits(a * 0.1) == bits(a * filled))
    #expect(bits(0.1 - a) == bits(filled - a))
  }

  @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 65, 1000, 65_536, 100_003])
  func denseSumMatchesTheReductionOverAllAxes(count: Int) {
    var rng = RandomGenerator(seed: 33)
    let a = rng.normal([count])
    #expect(bits(a.sum()) == bits(a.sum(axes: [0])))
    let d = a.converted(to: .float64)
    #expect(d.sum().item().bitPattern == d.sum(axes: [0]).item().bitPattern)
    let matrix = a.reshaped([1, count])
    #expect(bits(matrix.sum()) == bits(matrix.sum(axes: [0, 1])))
    #expect(a.sum().shape == [])
  }

  @Test func reshapingToTheSameShapeKeepsTheLayout() {
    let a = Tensor((0..<12).map(Float.init), shape: [3, 4])
    let same = a.reshaped([3, 4])
    #expect(same.strides == [4, 1] && same.offset == 0)
    let transposed = a.transposed().reshaped([4, 3])
    #expect(transposed.isContiguous)
    #expect(transposed.scalars(as: Float.self) == a.transposed().scalars(as: Float.self))
    #expect(a.reshaped([2, -1]).shape == [2, 6])
  }

  @Test func matmulOverwritesItsUnfilledResult() {
    // Results allocated one after another reuse freed memory; every element
    // must still be the product, never what the memory held before.
    var rng = RandomGenerator(seed: 34)
    for _ in 0..<20 {
      let a = rng.normal([13, 7])
      let b = rng.normal([7, 11])
      let product = matmul(a, b)
      let reference = naiveMatmul(a, b)
      let error = (product - reference).abs().max().item()
      #expect(error < 1e-5)
    }
    #expect(matmul(Tensor.zeros([3, 0]), Tensor.zeros([0, 4])).scalars(as: Float.self) == [Float](repeating: 0, count: 12))
  }
}

/// The blocked form of the pairwise sum must add the same numbers in the
/// same order as the recursion it replaces, written out here as the
/// oracle: leaves of up to 8 elements summed from zero, each run split at
/// the largest multiple of 8 not above half of it (at least 8).
@Suite struct BlockedPairwiseSumTests {
  func reference<T: BinaryFloatingPoint>(_ x: UnsafePointer<T>, _ count: Int) -> T {
    if count <= 8 {
      var total: T = 0
      for i in 0..<count { total += x[i] }
      return total
    }
    let left = Swift.max(8, (count / 2) / 8 * 8)
    return reference(x, left) + reference(x + left, count - left)
  }

  /// Values of very different sizes and signs (and negative zeros), so
  /// that any change in the order of additions changes the rounded result.
  func values<T: BinaryFloatingPoint>(_ count: Int, _ type: T.Type) -> [T] {
    var rng = SplitMix64(seed: 35)
    return (0..<count).map { i in
      i % 97 == 0 ? -0.0 : T(rng.nextDouble(in: -1..<1) * [1, 1e-3, 1e4, 1e-7][i % 4])
    }
  }

  @Test func float32MatchesTheRecursionBitForBit() {
    let x = values(5_000, Float.self)
    x.withUnsafeBufferPointer { buffer in
      for count in Array(0...700) + [1_024, 1_032, 4_096, 4_999, 5_000] {
        let fast = pairwiseSum(buffer.baseAddress!, count: count, stride: 1)
        #expect(fast.bitPattern == reference(buffer.baseAddress!, count).bitPattern, "count \(count)")
      }
      // The blocked form on its own, from every block count.
      for blocks in 1...80 {
        let fast = pairwiseSum(blocksAt: buffer.baseAddress! + 3, blocks: blocks)
        #expect(fast.bitPattern == reference(buffer.baseAddress! + 3, 8 * blocks).bitPattern, "\(blocks) blocks")
      }
    }
  }

  @Test func float64MatchesTheRecursionBitForBit() {
    let x = values(3_000, Double.self)
    x.withUnsafeBufferPointer { buffer in
      for count in Array(0...400) + [2_048, 2_999, 3_000] {
        let fast = pairwiseSum(buffer.baseAddress!, count: count, stride: 1)
        #expect(fast.bitPattern == reference(buffer.baseAddress!, count).bitPattern, "count \(count)")
      }
    }
  }

  @Test func aBlockOfNegativeZerosSumsToPositiveZero() {
    // A leaf starts from +0, so -0 + -0 + … is +0, in both forms.
    let zeros = [Float](repeating: -0.0, count: 64)
    zeros.withUnsafeBufferPointer { buffer in
      #expect(pairwiseSum(blocksAt: buffer.baseAddress!, blocks: 8).bitPattern == Float(0).bitPattern)
      #expect(reference(buffer.baseAddress!, 64).bitPattern == Float(0).bitPattern)
    }
  }
}
