import Testing
@testable import Tensors

@Suite struct TensorMathTests {
  static let floating: [DType] = [.float32, .float64, .float16, .bfloat16]

  /// Whether `a` and `b` agree to within `rtol` relative error (NaN
  /// matches NaN, and infinities must be equal).
  func close(_ a: Double, _ b: Double, rtol: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a.isInfinite || b.isInfinite { return a == b }
    return Swift.abs(a - b) <= rtol * Swift.max(Swift.abs(a), Swift.abs(b))
  }

  // MARK: Hand-computed values

  @Test func expLogSqrtTanhAtExactPoints() {
    let e = 2.718281828459045
    #expect(Tensor([0, 1, -.infinity], shape: [3]).exp().scalars(as: Double.self) == [1, e, 0])
    let l = Tensor([1, e, 0, -1], shape: [4]).log().scalars(as: Double.self)
    #expect(l[0] == 0 && close(l[1], 1) && l[2] == -.infinity && l[3].isNaN)
    let s = Tensor([4, 2, -1, -0.0], shape: [4]).sqrt().scalars(as: Double.self)
    #expect(s[0] == 2 && s[1] == 2.0.squareRoot() && s[2].isNaN)
    #expect(s[3] == 0 && s[3].sign == .minus)
    #expect(Tensor([0, 20, -20], shape: [3]).tanh().scalars(as: Double.self) == [0, 1, -1])
    #expect(Tensor([1000] as [Float], shape: [1]).exp().item() == .infinity)
  }

  @Test func powFollowsCConventions() {
    let base = Tensor([2, 9, -2, -8, .nan, 0], shape: [6])
    let exponent = Tensor([3, 0.5, 3, 1.0 / 3, 0, -1], shape: [6])
    let p = base.pow(exponent).scalars(as: Double.self)
    #expect(p[0] == 8 && p[1] == 3 && p[2] == -8)
    #expect(p[3].isNaN)  // negative base, non-integer exponent
    #expect(p[4] == 1)  // anything to the 0 is 1, even NaN
    #expect(p[5] == .infinity)
    #expect(Tensor([-3, 4], shape: [2]).pow(2).scalars(as: Double.self) == [9, 16])
    // Broadcasting: a column of bases against a row of exponents.
    let table = pow(Tensor([2, 3], shape: [2, 1]), Tensor([0, 1, 2], shape: [3]))
    #expect(table.scalars(as: Double.self) == [1, 2, 4, 1, 3, 9])
  }

  @Test func absAndNeg() {
    let t = Tensor([-1.5, -0.0, 2, .nan], shape: [4])
    let a = t.abs().scalars(as: Double.self)
    #expect(a[0] == 1.5 && a[1] == 0 && a[1].sign == .plus && a[2] == 2 && a[3].isNaN)
    #expect(t.neg().scalars(as: Double.self)[0] == 1.5)
    #expect(Tensor([-3, 4, Int32.min] as [Int32], shape: [3]).abs().scalars(as: Int32.self) == [3, 4, Int32.min])
  }

  @Test(arguments: [DType.float32, .float64])
  func sigmoidIsStableAtExtremes(dtype: DType) {
    let s = makeTensor([-1000, -100, 0, 1000], shape: [4], dtype: dtype).sigmoid().scalars(as: Double.self)
    #expect(s[0] == 0 && !s[0].isNaN)
    // σ(−100) = e⁻¹⁰⁰ / (1 + e⁻¹⁰⁰) ≈ 3.720075976020836e-44, a float32 subnormal.
    #expect(close(s[1], 3.720075976020836e-44, rtol: dtype == .float64 ? 1e-14 : 0.05))
    #expect(s[2] == 0.5)
    #expect(s[3] == 1)
    #expect(makeTensor([.nan], shape: [1], dtype: dtype).sigmoid().item().isNaN)
  }

  @Test func reluKeepsNaNAndClearsNegativeZero() {
    let r = Tensor([-1, 0, 2, .nan, -0.0], shape: [5]).relu().scalars(as: Double.self)
    #expect(r[0] == 0 && r[1] == 0 && r[2] == 2 && r[3].isNaN)
    #expect(r[4] == 0 && r[4].sign == .plus)
    #expect(Tensor([-2, 3] as [Int32], shape: [2]).relu().scalars(as: Int32.self) == [0, 3])
  }

  @Test func geluExactAndTanhForms() {
    // Φ(1) = 0.8413447460685429, Φ(−10) = 7.619853024160593e-24 (erfc).
    let x = Tensor([1, -1, 0, -10], shape: [4])
    let exact = x.gelu().scalars(as: Double.self)
    #expect(close(exact[0], 0.8413447460685429, rtol: 1e-14))
    #expect(close(exact[1], -(1 - 0.8413447460685429), rtol: 1e-13))
    #expect(exact[2] == 0)
    // 1 + erf(−10/√2) would cancel to 0; the erfc form keeps 15 digits.
    #expect(close(exact[3], -7.619853024160593e-23, rtol: 1e-12))
    let approx = x.gelu(approximation: .tanh).scalars(as: Double.self)
    #expect(close(approx[0], 0.8411919906082768, rtol: 1e-14))
    #expect(close(approx[1], -0.15880800939172324, rtol: 1e-13))
    // The two forms stay within 5e-4 of each other on [−6, 6].
    let grid = Tensor((-600..<600).map { Double($0) / 100 }, shape: [1200])
    let gap = (grid.gelu() - grid.gelu(approximation: .tanh)).abs().scalars(as: Double.self).max()!
    #expect(gap < 5e-4)
  }

  @Test(arguments: floating)
  func clampedKeepsNaN(dtype: DType) {
    let c = makeTensor([-2, 0.5, 3, .nan], shape: [4], dtype: dtype).clamped(min: 0, max: 1)
    let v = c.scalars(as: Double.self)
    #expect(Array(v[0..<3]) == [0, 0.5, 1])
    #expect(v[3].isNaN)
    #expect(makeTensor([-2, 3], shape: [2], dtype: dtype).clamped(max: 1).scalars(as: Double.self) == [-2, 1])
    #expect(Tensor([-5, 5] as [Int32], shape: [2]).clamped(min: -1.5, max: 2.5).scalars(as: Int32.self) == [-1, 2])
  }

  @Test func whereBroadcastsAllThree() {
    let condition = Tensor([true, false], shape: [2, 1])
    let a = Tensor([1, 2, 3], shape: [3])
    let b = Tensor(scalar: -1, dtype: .float64)
    let w = Tensor.where(condition, a, b)
    #expect(w.shape == [2, 3])
    #expect(w.scalars(as: Double.self) == [1, 2, 3, -1, -1, -1])
    let x = Tensor([-2, 5, -1, 4], shape: [4])
    #expect(Tensor.where(x .> 0, x, x * 10).scalars(as: Double.self) == [-20, 5, -10, 4])
  }

  @Test func mathOnIntegersTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([1] as [Int32], shape: [1]).exp()
    }
  }

  // MARK: 16-bit rounding and identities

  @Test(arguments: [DType.float16, .bfloat16])
  func sixteenBitMathRoundsTheFloatResultOnce(dtype: DType) {
    var rng = SplitMix64(seed: 11)
    let x = randomTensor([50], dtype: dtype, rng: &rng) * 4
    let round: (Float) -> Double = { dtype == .float16 ? Double(Float16($0)) : Double(BFloat16($0)) }
    let xs = x.scalars(as: Float.self)
    #expect(x.exp().scalars(as: Double.self) == xs.map { round(Float.exp($0)) })
    #expect(x.tanh().scalars(as: Double.self) == xs.map { round(Float.tanh($0)) })
    #expect(x.sigmoid().scalars(as: Double.self) == xs.map { round(1 / (1 + Float.exp(-$0))) })
    #expect(x.exp().dtype == dtype)
  }

  @Test(arguments: floating)
  func identities(dtype: DType) {
    var rng = SplitMix64(seed: 3)
    let x = randomTensor([4, 5], dtype: dtype, rng: &rng)
    let tolerance = dtype == .float64 ? 1e-14 : dtype == .float32 ? 1e-6 : 2e-2
    // log(exp(x)) = x; σ(x) + σ(−x) = 1; relu(x) − relu(−x) = x; tanh(x) = 2σ(2x) − 1.
    #expect(allClose(x.exp().log().scalars(as: Double.self), x.scalars(as: Double.self), rtol: tolerance))
    #expect(allClose((x.sigmoid() + (-x).sigmoid()).scalars(as: Double.self), Array(repeating: 1, count: 20), rtol: tolerance))
    #expect((x.relu() - (-x).relu()).scalars(as: Double.self) == x.scalars(as: Double.self))
    #expect(allClose(x.tanh().scalars(as: Double.self), ((x * 2).sigmoid() * 2 - 1).scalars(as: Double.self), rtol: tolerance))
    #expect(allClose(x.abs().sqrt().pow(2).scalars(as: Double.self), x.abs().scalars(as: Double.self), rtol: tolerance))
  }

  @Test func mathReadsStridedViews() {
    let m = Tensor([0, 1, 2, 3, 4, 5], shape: [2, 3]).transposed()
    #expect(m.exp().scalars(as: Double.self) == [0, 3, 1, 4, 2, 5].map { Double.exp($0) })
  }
}

@Suite struct TensorComparisonTests {
  @Test(arguments: DType.allCases.filter { $0 != .bool })
  func comparisonsBroadcastAndReturnBool(dtype: DType) {
    let a = makeTensor([1, 2, 3], shape: [3], dtype: dtype)
    let b = makeTensor([2], shape: [1], dtype: dtype)
    #expect((a .< b).dtype == .bool)
    #expect((a .< b).scalars(as: Bool.self) == [true, false, false])
    #expect((a .<= b).scalars(as: Bool.self) == [true, true, false])
    #expect((a .> b).scalars(as: Bool.self) == [false, false, true])
    #expect((a .>= b).scalars(as: Bool.self) == [false, true, true])
    #expect((a .== b).scalars(as: Bool.self) == [false, true, false])
    #expect((a .!= b).scalars(as: Bool.self) == [true, false, true])
    #expect((a .== 3).scalars(as: Bool.self) == [false, false, true])
    let column = makeTensor([1, 3], shape: [2, 1], dtype: dtype)
    #expect((a .< column).shape == [2, 3])
    #expect((a .< column).scalars(as: Bool.self) == [false, false, false, true, true, false])
  }

  @Test func nanComparesFalseExceptNotEqual() {
    let n = Tensor([.nan, 0], shape: [2])
    let z = Tensor([.nan, -0.0], shape: [2])
    #expect((n .== z).scalars(as: Bool.self) == [false, true])
    #expect((n .!= z).scalars(as: Bool.self) == [true, false])
    #expect((n .< z).scalars(as: Bool.self) == [false, false])
    #expect((n .>= z).scalars(as: Bool.self) == [false, true])
  }

  @Test func boolOrdersFalseBeforeTrue() {
    let a = Tensor([false, true], shape: [2])
    let b = Tensor([true, true], shape: [2])
    #expect((a .< b).scalars(as: Bool.self) == [true, false])
    #expect((a .== b).scalars(as: Bool.self) == [false, true])
  }

  @Test func mixedDTypesTrap() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([1], shape: [1]) .< Tensor([1] as [Float], shape: [1])
    }
  }
}
