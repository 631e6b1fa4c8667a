import Testing
@testable import Tensors

/// `reluGradient` against the `where` expression it replaces, bit for bit.
@Suite struct ReluGradientTests {
  @Test(arguments: [DType.float32, .float64, .float16, .bfloat16, .int32])
  func matchesWhere(dtype: DType) {
    var rng = RandomGenerator(seed: 5)
    var xs = rng.normal([40]).scalars(as: Double.self)
    xs += [0, -0.0, 1e-30, -1e-30]
    if dtype != .int32 { xs += [.nan, .infinity, -.infinity] }
    let x = Tensor(xs, shape: [xs.count]).converted(to: dtype)
    let upstream = (rng.normal([xs.count]) * 3).converted(to: dtype)
    let expected = Tensor.where(x .> 0, upstream, Tensor.zeros(x.shape, dtype: dtype))
    let got = x.reluGradient(upstream)
    let widen = { (t: Tensor) -> [UInt64] in
      dtype == .int32
        ? t.scalars(as: Int32.self).map { UInt64(UInt32(bitPattern: $0)) }
        : t.converted(to: .float64).scalars(as: Double.self).map(\.bitPattern)
    }
    #expect(got.dtype == dtype)
    #expect(widen(got) == widen(expected))
  }

  @Test func byHand() {
    let x = Tensor([-2, 0, 3, 0.5] as [Float], shape: [2, 2])
    let upstream = Tensor([10, 20, 30, 40] as [Float], shape: [2, 2])
    #expect(x.reluGradient(upstream).scalars(as: Float.self) == [0, 0, 30, 40])
  }
}
