import Testing
@testable import Tensors

@Suite struct TensorLinalgTests {
  static let dtypes: [DType] = [.float32, .float64]

  // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]
  // A·B = [[1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12],
  //        [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12]] = [[58, 64], [139, 154]]
  static let a: [Double] = [1, 2, 3, 4, 5, 6]
  static let b: [Double] = [7, 8, 9, 10, 11, 12]
  static let product: [Double] = [58, 64, 139, 154]

  @Test(arguments: dtypes)
  func handComputedProduct(dtype: DType) {
    let a = makeTensor(Self.a, shape: [2, 3], dtype: dtype)
    let b = makeTensor(Self.b, shape: [3, 2], dtype: dtype)
    let c = matmul(a, b)
    #expect(c.shape == [2, 2])
    #expect(c.dtype == dtype)
    #expect(c.scalars(as: Double.self) == Self.product)
    #expect(a.matmul(b).scalars(as: Double.self) == Self.product)
    #expect(naiveMatmul(a, b).scalars(as: Double.self) == Self.product)
  }

  @Test(arguments: dtypes)
  func transposedViewOperands(dtype: DType) {
    // Aᵀ and Bᵀ stored row-major, then viewed back as A and B.
    let aT = makeTensor([1, 4, 2, 5, 3, 6], shape: [3, 2], dtype: dtype)
    let bT = makeTensor([7, 9, 11, 8, 10, 12], shape: [2, 3], dtype: dtype)
    let a = makeTensor(Self.a, shape: [2, 3], dtype: dtype)
    let b = makeTensor(Self.b, shape: [3, 2], dtype: dtype)
    #expect(matmul(aT.transposed(), b).scalars(as: Double.self) == Self.product)
    #expect(matmul(a, bT.transposed()).scalars(as: Double.self) == Self.product)
    #expect(matmul(aT.transposed(), bT.transposed()).scalars(as: Double.self) == Self.product)
    // (A·B)ᵀ = Bᵀ·Aᵀ = [[58, 139], [64, 154]]
    #expect(matmul(b.transposed(), a.transposed()).scalars(as: Double.self) == [58, 139, 64, 154])
  }

  @Test(arguments: dtypes)
  func stridedOperandIsMadeContiguous(dtype: DType) {
    // Every other element of [1, 0, 2, 0, …, 6, 0] viewed as A: strides
    // [6, 2], which BLAS cannot take directly.
    let interleaved = makeTensor([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0], shape: [12], dtype: dtype)
    let a = Tensor(storage: interleaved.storage, shape: [2, 3], strides: [6, 2], offset: 0)
    let b = makeTensor(Self.b, shape: [3, 2], dtype: dtype)
    #expect(matmul(a, b).scalars(as: Double.self) == Self.product)
  }

  @Test(arguments: dtypes)
  func operandWithAnOffset(dtype: DType) {
    // B is the last 6 elements of its storage.
    let padded = makeTensor([-1, -1] + Self.b, shape: [8], dtype: dtype)
    let b = Tensor(storage: padded.storage, shape: [3, 2], strides: [2, 1], offset: 2)
    let a = makeTensor(Self.a, shape: [2, 3], dtype: dtype)
    #expect(matmul(a, b).scalars(as: Double.self) == Self.product)
  }

  @Test(arguments: [(DType.float32, 1e-5), (DType.float64, 1e-12)])
  func blasMatchesNaiveOnSeededRandomMatrices(dtype: DType, rtol: Double) {
    var rng = SplitMix64(seed: 2024)
    for (m, k, n) in [(1, 1, 1), (17, 23, 11), (64, 64, 64), (5, 100, 3)] {
      let a = randomTensor([m, k], dtype: dtype, rng: &rng)
      let b = randomTensor([k, n], dtype: dtype, rng: &rng)
      let reference = naiveMatmul(a, b).scalars(as: Double.self)
      #expect(allClose(matmul(a, b).scalars(as: Double.self), reference, rtol: rtol))

      // The same product from transposed views of transposed copies.
      let aT = a.transposed().contiguous()
      let bT = b.transposed().contiguous()
      let viaViews = matmul(aT.transposed(), bT.transposed())
      #expect(allClose(viaViews.scalars(as: Double.self), reference, rtol: rtol))
      #expect(allClose(naiveMatmul(aT.transposed(), bT.transposed()).scalars(as: Double.self), reference, rtol: rtol))
    }
  }

  @Test func naiveMatmulAccumulatesInDouble() {
    // 2²⁴ + 1 − 2²⁴ is 1 in Double but 0 in a float32 running sum; the
    // float32 result is exact after one final rounding.
    let a = Tensor([16_777_216, 1, -16_777_216] as [Float], shape: [1, 3])
    let b = Tensor([1, 1, 1] as [Float], shape: [3, 1])
    #expect(naiveMatmul(a, b).item() == 1)
  }

  @Test func emptyProducts() {
    let zeroInner = matmul(Tensor.ones([2, 0]), Tensor.ones([0, 3]))
    #expect(zeroInner.shape == [2, 3])
    #expect(zeroInner.scalars(as: Double.self) == [0, 0, 0, 0, 0, 0])
    #expect(matmul(Tensor.ones([0, 3]), Tensor.ones([3, 2])).shape == [0, 2])
  }

  @Test func innerDimensionMismatchTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
    }
    // Optimised builds drop precondition messages; debug builds print them.
    #if DEBUG
      let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
      #expect(stderr.contains("matmul: [2, 3] × [4, 5]: inner dimensions 3 and 4 differ"))
    #endif
  }

  @Test func scalarOperandTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = matmul(Tensor(scalar: 2), Tensor.zeros([3, 1]))
    }
  }

  @Test func batchesThatDoNotBroadcastTrap() async {
    await #expect(processExitsWith: .failure) {
      _ = matmul(Tensor.zeros([2, 3, 4]), Tensor.zeros([3, 4, 5]))
    }
  }
}
