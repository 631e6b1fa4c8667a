import Testing

@testable import Tensors

/// The limits computed from the bit fields, against Swift's own types and
/// the FP8 paper's table.
@Suite("Floating-point formats")
struct FloatFormatTests {
  @Test("FP32 and FP16 agree with Float and Float16")
  func native() {
    let fp32 = FloatFormat.fp32
    #expect(fp32.largestFinite == Double(Float.greatestFiniteMagnitude))
    #expect(fp32.smallestNormal == Double(Float.leastNormalMagnitude))
    #expect(fp32.smallestSubnormal == Double(Float.leastNonzeroMagnitude))
    #expect(fp32.epsilon == Double(Float.ulpOfOne))
    let fp16 = FloatFormat.fp16
    #expect(fp16.largestFinite == Double(Float16.greatestFiniteMagnitude))
    #expect(fp16.largestFinite == 65_504)
    #expect(fp16.smallestNormal == Double(Float16.leastNormalMagnitude))
    #expect(fp16.smallestSubnormal == Double(Float16.leastNonzeroMagnitude))
    #expect(fp16.epsilon == Double(Float16.ulpOfOne))
    #expect(fp16.bias == 15 && fp32.bias == 127)
  }

  @Test("BF16 is the top half of a Float: its limits are Float bit patterns")
  func bfloat16() {
    let bf16 = FloatFormat.bf16
    #expect(bf16.largestFinite == Double(Float(bitPattern: 0x7F7F_0000)))
    #expect(bf16.smallestNormal == Double(Float(bitPattern: 0x0080_0000)))
    #expect(bf16.smallestSubnormal == Double(Float(bitPattern: 0x0001_0000)))
    #expect(bf16.epsilon == 0.0078125)
    #expect(bf16.totalBits == 16)
  }

  @Test("FP8: E4M3 reaches 448 without infinities; E5M2 is IEEE-style, 57344")
  func fp8() {
    let e4m3 = FloatFormat.fp8E4M3
    #expect(e4m3.largestFinite == 448)
    #expect(e4m3.smallestNormal == 0.015625)
    #expect(e4m3.smallestSubnormal == 0.001953125)
    #expect(e4m3.epsilon == 0.125)
    #expect(FloatFormat(name: "IEEE-style E4M3", exponentBits: 4, mantissaBits: 3).largestFinite == 240)
    let e5m2 = FloatFormat.fp8E5M2
    #expect(e5m2.largestFinite == 57_344)
    #expect(e5m2.smallestNormal == Double(Float16.leastNormalMagnitude))
    #expect(e5m2.smallestSubnormal == 1.0 / 65_536)
    #expect(e5m2.epsilon == 0.25)
    #expect(e4m3.totalBits == 8 && e5m2.totalBits == 8)
  }

  @Test("TF32: FP32's exponent, FP16's epsilon")
  func tf32() {
    #expect(FloatFormat.tf32.epsilon == FloatFormat.fp16.epsilon)
    #expect(FloatFormat.tf32.smallestNormal == FloatFormat.fp32.smallestNormal)
    #expect(FloatFormat.tf32.totalBits == 19)
  }
}
