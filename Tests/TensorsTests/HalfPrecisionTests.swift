import Testing
@testable import Tensors

/// Rounding to the 16-bit formats, checked against bit patterns worked out
/// by hand from the IEEE 754 layouts.
@Suite struct HalfPrecisionTests {
  // MARK: BFloat16

  @Test func bfloat16OfPiKeepsEightSignificantBits() {
    // π = 0x40490FDB as a Float; the dropped half 0x0FDB is below the tie.
    #expect(BFloat16(Float.pi).bitPattern == 0x4049)
    #expect(Float(BFloat16(Float.pi)) == 3.140625)
  }

  @Test func bfloat16TiesRoundToEven() {
    // 1 + 1/256 = 0x3F808000: exactly half-way between 0x3F80 and 0x3F81.
    #expect(Float(BFloat16(Float(1 + 1.0 / 256))) == 1.0)
    // 1 + 3/256 = 0x3F818000: half-way again; 0x3F81 is odd, so up.
    #expect(BFloat16(Float(1 + 3.0 / 256)).bitPattern == 0x3F82)
    #expect(Float(BFloat16(Float(1 + 3.0 / 256))) == 1.015625)
    // Just above the tie rounds up.
    #expect(BFloat16(Float(bitPattern: 0x3F80_8001)).bitPattern == 0x3F81)
  }

  @Test func bfloat16FromDoubleRoundsOnce() {
    // Just above a tie, by less than Float can hold: Float(x) lands on the
    // tie and would then round down to even; the right answer is up.
    let x = 1 + 1.0 / 256 + 0x1p-40
    #expect(Float(x) == 1 + 1.0 / 256)
    #expect(BFloat16(x).bitPattern == 0x3F81)
    #expect(BFloat16(-x).bitPattern == 0xBF81)
    #expect(BFloat16(1 + 1.0 / 256).bitPattern == 0x3F80)
  }

  @Test func bfloat16KeepsNaNAndOverflowsToInfinity() {
    // A NaN with only low payload bits would truncate to infinity.
    let nan = BFloat16(Float(bitPattern: 0x7F80_0001))
    #expect(nan.isNaN)
    #expect(Float(nan).isNaN)
    #expect(BFloat16(-Float.nan).isNaN)
    #expect(BFloat16(Double.nan).isNaN)
    // Largest finite BFloat16 is 0x7F7F = (2 − 2⁻⁷) · 2¹²⁷.
    #expect(Double(BFloat16(bitPattern: 0x7F7F)) == (2 - 0x1p-7) * 0x1p127)
    #expect(BFloat16(Float.greatestFiniteMagnitude).bitPattern == 0x7F80)
    #expect(BFloat16(-Float.infinity).bitPattern == 0xFF80)
    #expect(BFloat16(1e39).bitPattern == 0x7F80)
  }

  @Test func bfloat16Subnormals() {
    // 2⁻¹³³ is the smallest positive BFloat16 (a subnormal, bits 0x0001).
    #expect(BFloat16(Float(0x1p-133)).bitPattern == 0x0001)
    #expect(BFloat16(0x1p-134 as Double).bitPattern == 0x0000)  // tie, to even
    #expect(BFloat16(0x1p-134 * 1.5 as Double).bitPattern == 0x0001)
    #expect(BFloat16(-1e-50).bitPattern == 0x8000)  // underflow keeps the sign
  }

  @Test func bfloat16TensorRoundsAfterEveryOp() {
    // 256 + 1 = 257 needs 9 significant bits: a tie between 256 and 258.
    let t = Tensor([256], shape: [1]).converted(to: .bfloat16)
    #expect((t + 1).item() == 256)
    #expect((t + 3).item() == 260)
    #expect(Tensor([Double.pi], shape: [1]).converted(to: .bfloat16).item() == 3.140625)
    #expect((t + 1).dtype == .bfloat16)
  }

  // MARK: Float16

  @Test func float16LargestAndOverflow() {
    #expect(Float16.greatestFiniteMagnitude == 65504)
    #expect(Float16(65504.0).bitPattern == 0x7BFF)
    // 65520 is half-way to 65536 (not representable): ties to even → ∞.
    #expect(Float16(65519.0) == 65504)
    #expect(Float16(65520.0).isInfinite)
    let t = Tensor([65504], shape: [1]).converted(to: .float16)
    #expect((t + 15).item() == 65504)
    #expect((t + 16).item() == .infinity)
    #expect(Tensor([1e5], shape: [1]).converted(to: .float16).item() == .infinity)
  }

  @Test func float16Subnormals() {
    #expect(Float16(0x1p-24 as Double).bitPattern == 0x0001)
    #expect(Float16(0x1p-25 as Double).bitPattern == 0x0000)  // tie, to even
    #expect(Float16(3 * 0x1p-25 as Double).bitPattern == 0x0002)  // tie, to even
    #expect(Float16(0x1p-14 as Double).bitPattern == 0x0400)  // smallest normal
    let t = Tensor([0x1p-24], shape: [1]).converted(to: .float16)
    #expect((t / 2).item() == 0)
    #expect((t * 3).item() == 3 * 0x1p-24)
  }

  @Test func float16RoundsAfterEveryOp() {
    // 1 + 2⁻¹¹ is a tie between 1 and 1 + 2⁻¹⁰, so each addition rounds
    // back to 1; adding 2⁻¹⁰ at once does not.
    let one = Tensor.ones([1], dtype: .float16)
    #expect(((one + 0x1p-11) + 0x1p-11).item() == 1)
    #expect((one + 0x1p-10).item() == 1 + 0x1p-10)
    #expect(Tensor([0.1], shape: [1]).converted(to: .float16).item() == Double(Float16(0.1)))
  }

  @Test(arguments: [DType.float16, .bfloat16])
  func sixteenBitArithmeticMatchesRoundingTheFloatResult(dtype: DType) {
    var rng = SplitMix64(seed: 7)
    let a = randomTensor([64], dtype: dtype, rng: &rng) * 100
    let b = randomTensor([64], dtype: dtype, rng: &rng) + 3
    let round: (Double) -> Double = { dtype == .float16 ? Double(Float16($0)) : Double(BFloat16($0)) }
    let (x, y) = (a.scalars(as: Double.self), b.scalars(as: Double.self))
    #expect((a + b).scalars(as: Double.self) == zip(x, y).map { round($0 + $1) })
    #expect((a * b).scalars(as: Double.self) == zip(x, y).map { round($0 * $1) })
    #expect((a / b).scalars(as: Double.self) == zip(x, y).map { round($0 / $1) })
  }

  @Test func sixteenBitSumsAccumulateInDouble() {
    // 4096 ones: a float16 running sum would stall at 2048 (spacing 2 there).
    let t = Tensor.ones([4096], dtype: .float16)
    #expect(t.sum().item() == 4096)
    #expect(t.sum().dtype == .float16)
    let b = Tensor.ones([1000], dtype: .bfloat16)
    // A bfloat16 running sum would stall at 256 (spacing 2 there); 1000 =
    // 0b1111101000 has 7 significant bits, so the once-rounded total is exact.
    #expect(b.sum().item() == 1000)
  }

  @Test func sixteenBitMatmulRoundsTheFloat32Product() {
    let a = Tensor([1, 2, 3, 4], shape: [2, 2]).converted(to: .bfloat16)
    let c = matmul(a, a)
    #expect(c.dtype == .bfloat16)
    #expect(c.scalars(as: Double.self) == [7, 10, 15, 22])
  }
}
