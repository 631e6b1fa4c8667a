import Testing
@testable import Tensors

/// `matmul(_:_:adding:)`, the fused x·W + b of a linear layer, against the
/// product and the addition done apart.
@Suite struct MatmulAddingTests {
  @Test(arguments: [(1, 1, 1), (8, 32, 32), (8, 32, 2), (5, 3, 7), (64, 200, 48)])
  func isBitIdenticalToMatmulThenAddForShortProducts(m: Int, k: Int, n: Int) {
    var rng = RandomGenerator(seed: UInt64(m * 1000 + k * 10 + n))
    for dtype in [DType.float32, .float64] {
      let a = rng.normal([m, k]).converted(to: dtype)
      let b = rng.normal([k, n]).converted(to: dtype)
      let bias = rng.normal([n]).converted(to: dtype)
      let fused = matmul(a, b, adding: bias)
      #expect(fused.shape == [m, n])
      #expect(fused.scalars(as: Double.self) == (matmul(a, b) + bias).scalars(as: Double.self), "\(dtype)")
      // Transposed operands are read in place, with the same result.
      let aT = a.transposed().contiguous().transposed()
      let bT = b.transposed().contiguous().transposed()
      #expect(matmul(aT, bT, adding: bias).scalars(as: Double.self) == fused.scalars(as: Double.self))
    }
  }

  @Test func longProductsAgreeWithTheNaiveProductPlusBias() {
    var rng = RandomGenerator(seed: 4)
    let (a, b, bias) = (rng.normal([16, 1500]), rng.normal([1500, 24]), rng.normal([24]))
    let fused = matmul(a, b, adding: bias).scalars(as: Double.self)
    let reference = (naiveMatmul(a.converted(to: .float64), b.converted(to: .float64)) + bias.converted(to: .float64))
      .scalars(as: Double.self)
    for (got, want) in zip(fused, reference) {
      // float32 sums of 1500 products of unit normals: a few ulps of ~40.
      #expect(abs(got - want) <= 5e-4)
    }
  }

  @Test func otherShapesAndDtypesFallBackToMatmulPlusBias() {
    var rng = RandomGenerator(seed: 8)
    let batch = rng.normal([2, 3, 4])
    let weight = rng.normal([4, 5])
    let bias = rng.normal([5])
    #expect(
      matmul(batch, weight, adding: bias).scalars(as: Double.self)
        == (matmul(batch, weight) + bias).scalars(as: Double.self))
    // A bias that broadcasts over columns instead of rows.
    let columnBias = rng.normal([3, 1])
    let a = rng.normal([3, 4])
    #expect(
      matmul(a, weight, adding: columnBias).scalars(as: Double.self)
        == (matmul(a, weight) + columnBias).scalars(as: Double.self))
    let half = (a.converted(to: .float16), weight.converted(to: .float16), bias.converted(to: .float16))
    #expect(
      matmul(half.0, half.1, adding: half.2).scalars(as: Double.self)
        == (matmul(half.0, half.1) + half.2).scalars(as: Double.self))
  }

  @Test func aStridedBiasIsReadThroughItsView() {
    var rng = RandomGenerator(seed: 12)
    let (a, b) = (rng.normal([4, 6]), rng.normal([6, 3]))
    let wide = rng.normal([3, 2])
    let bias = wide.transposed()[.at(0)]  // every other element of `wide`
    #expect(
      matmul(a, b, adding: bias).scalars(as: Double.self) == (matmul(a, b) + bias).scalars(as: Double.self))
  }
}
