import Foundation
import Testing

@testable import Tensors

/// The numbers printed in Lessons/1-foundation/08-number-formats.md,
/// recomputed: a lesson's figures must come from the code it shows.
@Suite("The number-formats lesson's numbers")
struct NumberFormatsLessonTests {
  static func fiveDigits(_ value: Double) -> String { String(format: "%.5g", value) }

  @Test("the table of formats, to five significant digits")
  func table() {
    let rows = FloatFormat.common.map { format in
      [
        format.name, "\(format.totalBits)", "\(format.exponentBits)", "\(format.mantissaBits)",
        Self.fiveDigits(format.largestFinite), Self.fiveDigits(format.smallestNormal),
        Self.fiveDigits(format.smallestSubnormal), Self.fiveDigits(format.epsilon),
      ].joined(separator: " ")
    }
    #expect(
      rows == [
        "FP32 32 8 23 3.4028e+38 1.1755e-38 1.4013e-45 1.1921e-07",
        "TF32 19 8 10 3.4012e+38 1.1755e-38 1.1479e-41 0.00097656",
        "FP16 16 5 10 65504 6.1035e-05 5.9605e-08 0.00097656",
        "BF16 16 8 7 3.3895e+38 1.1755e-38 9.1835e-41 0.0078125",
        "FP8 E4M3 8 4 3 448 0.015625 0.0019531 0.125",
        "FP8 E5M2 8 5 2 57344 6.1035e-05 1.5259e-05 0.25",
      ])
  }

  @Test("bfloat16 rounding of the worked values, and the Float16 one-liners")
  func oneLiners() {
    #expect(Float(BFloat16(Float.pi)) == 3.140625)
    #expect(Float.pi.bitPattern == 0x4049_0FDA)
    #expect(Float(Double.pi).bitPattern == 0x4049_0FDB)
    #expect(Float(BFloat16(Float(Double.pi))) == 3.140625)
    let onePlus: Float = 1 + 1 / 256
    let onePlusThree: Float = 1 + 3 / 256
    #expect(Float(BFloat16(onePlus)) == 1.0)
    #expect(onePlus.bitPattern == 0x3F80_8000)
    #expect(Float(BFloat16(onePlusThree)) == 1.015625)
    #expect(onePlusThree.bitPattern == 0x3F81_8000)
    #expect(Float(BFloat16(Float(3.4e38))) == .infinity)
    #expect(Float(BFloat16(Float(257))) == 256)
    #expect(Float16(65504) + 16 == .infinity)
    #expect(Float16(65504) + 15 == 65504)
    #expect(Float16(2048) + 1 == 2048)
    #expect(Float16(2048) + 2 == 2050)
    #expect(Float16(1e-8) == 0)
    #expect(Float16(3e-8) == Float16.leastNonzeroMagnitude)
    #expect("\(Float16.greatestFiniteMagnitude)" == "65504.0")
  }

  @Test("overflow thresholds of exp: ln 65504 = 11.09, ln of Float's max = 88.72, e^12 = 162,755")
  func expThresholds() {
    #expect(Self.fiveDigits(log(65_504.0)) == "11.09")
    #expect(Self.fiveDigits(log(Double(Float.greatestFiniteMagnitude))) == "88.723")
    #expect(exp(12.0).rounded() == 162_755)
    #expect(Float16(exp(Float(12))) == .infinity)
    #expect(Float16(exp(Float(11))) == 59_872)
  }

  @Test("a million additions of 0.0001: FP16 0.25, FP32 99.32731, pairwise FP16 100.125, FP64 100.00000000219612")
  func accumulation() {
    let n = 1_000_000
    let increment = Float16(0.0001)
    var half: Float16 = 0
    var single: Float = 0
    var double = 0.0
    for _ in 0..<n {
      half += increment
      single += Float(0.0001)
      double += 0.0001
    }
    func pairwise(_ count: Int) -> Float16 {
      count == 1 ? increment : pairwise(count / 2) + pairwise(count - count / 2)
    }
    #expect(half == 0.25)
    #expect("\(single)" == "99.32731")
    #expect(pairwise(n) == 100.125)
    #expect("\(double)" == "100.00000000219612")
    // The exact sum of a million FP32 0.0001s, and FP32's relative error.
    let exact = Double(Float(0.0001)) * Double(n)
    #expect(Self.fiveDigits(exact) == "100")
    #expect(String(format: "%.7f", exact) == "99.9999975")
    #expect(String(format: "%.2f", 100 * (exact - Double(single)) / exact) == "0.67")
  }

  @Test("softmax of 12, 11, 10 in FP16: naive NaN, stable after subtracting the maximum")
  func softmax() {
    let logits: [Float16] = [12, 11, 10]
    let naive = logits.map { Float16(exp(Float($0))) }
    let naiveSum = naive.reduce(0, +)
    #expect("\(naive)" == "[inf, 59872.0, 22032.0]")
    #expect(naiveSum == .infinity)
    let naiveSoftmax = naive.map { $0 / naiveSum }
    #expect(naiveSoftmax[0].isNaN && naiveSoftmax[1] == 0 && naiveSoftmax[2] == 0)

    let top = logits.max()!
    let shifted = logits.map { Float16(exp(Float($0 - top))) }
    let shiftedSum = shifted.reduce(0, +)
    #expect("\(shifted)" == "[1.0, 0.368, 0.1354]")
    #expect("\(shiftedSum)" == "1.504")
    #expect("\(shifted.map { $0 / shiftedSum })" == "[0.665, 0.2446, 0.09]")

    let single = [Float(12), 11, 10].map { exp($0 - 12) }
    let total = single.reduce(0, +)
    #expect(single.map { String(format: "%.3f", $0 / total) } == ["0.665", "0.245", "0.090"])
  }

  @Test("the spacing near 0.25 and 0.125, and the drift of the FP16 sum")
  func spacing() {
    #expect(Float16(0.25).ulp == 0x1p-12)
    #expect(Float16(0.125).ulp == 0x1p-13)
    #expect(String(format: "%.6f", Double(Float16(0.125).ulp)) == "0.000122")
    #expect(String(format: "%.6f", Double(Float16(0.25).ulp)) == "0.000244")
    // Adding 0.0001: 0.25 after 2,181 additions (not before), unchanged by the 2,182nd.
    var sums: [Float16] = [0]
    for _ in 0..<2_182 { sums.append(sums[sums.count - 1] + Float16(0.0001)) }
    #expect(sums[2_180] < 0.25 && sums[2_181] == 0.25 && sums[2_182] == 0.25)
  }
}
