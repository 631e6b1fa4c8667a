import Testing
@testable import Tensors

@Suite struct BatchedMatmulTests {
  @Test func handComputedBatch() {
    // Two 2×2 matrices times the same matrix: [[1, 2], [3, 4]] and the
    // identity, times [[5, 6], [7, 8]].
    let a = Tensor([1, 2, 3, 4, 1, 0, 0, 1], shape: [2, 2, 2])
    let b = Tensor([5, 6, 7, 8], shape: [2, 2])
    let c = matmul(a, b)
    #expect(c.shape == [2, 2, 2])
    #expect(c.scalars(as: Double.self) == [19, 22, 43, 50, 5, 6, 7, 8])
  }

  @Test func vectorOperandsLoseTheirAddedAxis() {
    let v = Tensor([1, 2, 3], shape: [3])
    let m = Tensor([1, 0, 0, 1, 1, 1], shape: [3, 2])
    #expect(matmul(v, v).shape == [])
    #expect(matmul(v, v).item() == 14)
    #expect(matmul(v, m).shape == [2])
    #expect(matmul(v, m).scalars(as: Double.self) == [4, 5])
    #expect(matmul(m.transposed(), v).scalars(as: Double.self) == [4, 5])
    #expect(matmul(Tensor.ones([4, 2, 3], dtype: .float64), v).shape == [4, 2])
  }

  /// Shapes checked against the reference, with broadcasting on every
  /// batch axis, vectors, empty axes and length-1 axes.
  static let shapePairs: [([Int], [Int])] = [
    ([2, 3, 4, 5], [5, 6]),
    ([3, 1, 4, 5], [2, 5, 6]),
    ([4, 5], [3, 5, 2]),
    ([1, 4, 5], [3, 5, 2]),
    ([2, 1, 3, 4], [1, 5, 4, 2]),
    ([5], [2, 5, 3]),
    ([2, 3, 5], [5]),
    ([2, 0, 3], [3, 4]),
    ([2, 3, 0], [0, 4]),
    ([1, 1, 1], [1, 1]),
  ]

  @Test(arguments: [DType.float32, .float64])
  func matchesTheReferenceOnBroadcastBatches(dtype: DType) {
    var rng = SplitMix64(seed: 99)
    for (sa, sb) in Self.shapePairs {
      let a = randomTensor(sa, dtype: dtype, rng: &rng)
      let b = randomTensor(sb, dtype: dtype, rng: &rng)
      let got = matmul(a, b)
      let want = naiveMatmul(a, b)
      #expect(got.shape == want.shape, "\(sa) × \(sb)")
      #expect(allClose(got.scalars(as: Double.self), want.scalars(as: Double.self), rtol: 1e-5), "\(sa) × \(sb)")
    }
  }

  @Test(arguments: [DType.float32, .float64])
  func stridedAndBroadcastViewsAreReadInPlace(dtype: DType) {
    var rng = SplitMix64(seed: 8)
    let base = randomTensor([3, 6, 8], dtype: dtype, rng: &rng)
    let w = randomTensor([8, 5], dtype: dtype, rng: &rng)
    let operands: [(Tensor, Tensor)] = [
      // Transposed matrices inside a batch.
      (base.transposed(1, 2)[.ellipsis, .range(0..<6)], randomTensor([3, 6, 4], dtype: dtype, rng: &rng)),
      // Every other row (leading dimension 16), and a column slice of w.
      (base[.all, .stride(by: 2)], w[.all, .range(1..<4)]),
      // A single matrix expanded over the batch (batch stride 0).
      (base[.at(0)].expanded(to: [4, 6, 8]), w),
      // Batch reversed (negative batch stride).
      (base[.stride(by: -1)], w),
      // Stride 2 along both axes: BLAS cannot read it, so it is copied.
      (base[.all, .stride(by: 2), .stride(by: 2)], randomTensor([4, 3], dtype: dtype, rng: &rng)),
    ]
    for (a, b) in operands {
      let got = matmul(a, b).scalars(as: Double.self)
      let want = naiveMatmul(a, b).scalars(as: Double.self)
      #expect(allClose(got, want, rtol: 1e-5), "a \(a.shape) strides \(a.strides), b \(b.shape) strides \(b.strides)")
    }
  }

  @Test(arguments: [DType.float16, .bfloat16])
  func sixteenBitBatchesRoundTheFloat32Result(dtype: DType) {
    var rng = SplitMix64(seed: 4)
    let a = randomTensor([2, 3, 4], dtype: dtype, rng: &rng)
    let b = randomTensor([4, 2], dtype: dtype, rng: &rng)
    let c = matmul(a, b)
    #expect(c.dtype == dtype)
    let want = matmul(a.converted(to: .float32), b.converted(to: .float32)).converted(to: dtype)
    #expect(c.scalars(as: Double.self) == want.scalars(as: Double.self))
  }
}
