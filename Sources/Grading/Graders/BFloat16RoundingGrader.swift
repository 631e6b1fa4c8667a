import Groundwork
import RealModule

/// Grades the learner's rounding of a `Float` to bfloat16 (Lessons/1-foundation,
/// the number-formats lesson): round to nearest, ties to even, on the top 16
/// bits of the Float32 pattern; NaN stays NaN; overflow gives ±infinity.
///
/// Reference: the kernel's `BFloat16(_: Float)` (Sources/Tensors/BFloat16.swift),
/// widened back with `Float(_: BFloat16)`. Tolerance: exact, bit for bit,
/// except that any NaN answers a NaN.
///
/// Checks: values worked by hand (π, 0.1, 1 + 1/256, 1 + 3/256), exact ties with
/// both parities, one bit either side of a tie, 100,000 random bit patterns,
/// 100,000 ordinary values across twelve decades, subnormals, overflow near
/// the top of the range, infinities and NaNs (one whose payload lies only
/// in the low 16 bits, which careless rounding turns into infinity), and
/// signed zeros. Named mistakes: truncation, ties away from zero, rounding
/// to Float16 instead, saturating at the largest finite value, a NaN turned
/// into a number, subnormals flushed to zero, a lost sign of zero, the input
/// returned unchanged, and a result with nonzero low bits.
public struct BFloat16RoundingGrader: Grader {
  public static let name = "number-formats.bf16"
  public static let entryPoints = [
    EntryPoint("toBFloat16", [.init(label: "_", name: "x", "Float")], returns: "Float")
  ]
  public static let forbiddenSymbols = ["BFloat16"]

  /// The learner's function.
  let implementation: (Float) -> Float

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Float) -> Float).self)
  }

  /// The reference: the kernel's round-to-nearest-even conversion.
  static func reference(_ x: Float) -> Float { Float(BFloat16(x)) }

  /// Whether `got` is the right answer for `expected`: the same bits, or
  /// any NaN for a NaN.
  static func matches(_ got: Float, _ expected: Float) -> Bool {
    expected.isNaN ? got.isNaN : got.bitPattern == expected.bitPattern
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    func bits(_ patterns: [UInt32]) -> [Float] { patterns.map(Float.init(bitPattern:)) }
    func randomSign() -> UInt32 { rng.nextBernoulli(0.5) ? 0x8000_0000 : 0 }
    /// A finite pattern with the given low 16 bits.
    func finite(low: UInt32) -> UInt32 {
      let exponent = UInt32(rng.nextInt(in: 1...254)) << 23
      let kept = UInt32(rng.nextInt(in: 0...0x7F)) << 16
      return randomSign() | exponent | kept | low
    }

    let hand: [Float] = [
      Float.pi, 0.1, 1 + 1 / 256, 1 + 3 / 256, Float(bitPattern: 0x3F80_8001), 1 / 3, -2.5, 65_504,
    ]
    let ties = bits((0..<2_000).map { _ in finite(low: 0x8000) })
    let nearTies = bits((0..<2_000).map { index in finite(low: index % 2 == 0 ? 0x7FFF : 0x8001) })
    let randomPatterns = bits((0..<100_000).map { _ in UInt32(truncatingIfNeeded: rng.next()) })
    let ordinary: [Float] = (0..<100_000).map { _ in
      Float(rng.nextNormal() * Double.pow(10, Double(rng.nextInt(in: -6...6))))
    }
    var subnormals = bits([0x0000_0001, 0x0000_8000, 0x0001_8000, 0x0001_0000, 0x007F_FFFF, 0x807F_FFFF, 0x0040_8000])
    subnormals += bits((0..<1_000).map { _ in randomSign() | UInt32(rng.nextInt(in: 1...0x7F_FFFF)) })
    let overflow: [Float] = [
      3.4e38, -3.4e38, Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude,
      Float(bitPattern: 0x7F7F_0000), Float(bitPattern: 0x7F7F_7FFF), Float(bitPattern: 0x7F7F_8000),
      Float(bitPattern: 0xFF7F_8000), Float(bitPattern: 0x7F7E_8000),
    ]
    let specials = bits([
      0x7F80_0000, 0xFF80_0000, 0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0x7F80_7FFF, 0x7F80_8000, 0xFF80_0001,
      0x7FFF_FFFF, 0xFFFF_FFFF,
    ])
    let zeros = bits([0x0000_0000, 0x8000_0000, 0x8000_0001, 0x8000_8000, 0x0000_7FFF])
    return [
      compare("values worked by hand: π, 0.1, 1 + 1/256, 1 + 3/256", hand, seed: nil),
      compare("exact ties, kept bit even and odd", ties, seed: seed),
      compare("one bit either side of a tie", nearTies, seed: seed),
      compare("100,000 random bit patterns", randomPatterns, seed: seed),
      compare("100,000 ordinary values from 1e-6 to 1e6", ordinary, seed: seed),
      compare("subnormals", subnormals, seed: seed),
      compare("overflow near the top of the range", overflow, seed: nil),
      compare("infinities and NaNs", specials, seed: nil),
      compare("signed zeros and tiny values", zeros, seed: nil),
    ]
  }

  func compare(_ name: String, _ inputs: [Float], seed: UInt64?) -> Check {
    let tried = "\(inputs.count) input\(inputs.count == 1 ? "" : "s")" + (seed.map { ", seed \($0)" } ?? "")
    return Check(name, tried: tried) { [implementation] in
      for x in inputs {
        let expected = Self.reference(x)
        let got = implementation(x)
        if Self.matches(got, expected) { continue }
        let diagnosis = Mistake.diagnose(x: x, got: got, expected: expected)
        return .failed(
          expected: Self.show(expected), got: Self.show(got),
          message: "For x = \(Self.show(x)): "
            + (diagnosis?.message ?? "the result is not x rounded to the nearest bfloat16."),
          hint: diagnosis?.hint
            ?? "Look at the low 16 bits of x.bitPattern: below 0x8000 round down, above round up, exactly 0x8000 round to the neighbour whose lowest kept bit is 0.")
      }
      return .passed
    }
  }

  /// A float as its bit pattern and value, e.g. `0x3F800000 (1.0)`.
  static func show(_ value: Float) -> String {
    let hex = String(value.bitPattern, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: 8 - hex.count) + hex
    let text: String
    if value.isNaN {
      text = "nan"
    } else if value.isInfinite {
      text = value < 0 ? "-inf" : "inf"
    } else {
      text = "\(value)"
    }
    return "0x\(padded) (\(text))"
  }

  /// The wrong answers that common mistakes produce, to name the mistake.
  enum Mistake {
    static func truncated(_ x: Float) -> Float { Float(bitPattern: x.bitPattern & 0xFFFF_0000) }
    static func halfAway(_ x: Float) -> Float { Float(bitPattern: (x.bitPattern &+ 0x8000) & 0xFFFF_0000) }

    static func diagnose(x: Float, got: Float, expected: Float) -> (message: String, hint: String)? {
      let isSubnormal = x.bitPattern & 0x7F80_0000 == 0 && x.bitPattern & 0x007F_FFFF != 0
      if got.bitPattern == x.bitPattern && expected.bitPattern != x.bitPattern {
        return (
          "your function returned x unchanged.",
          "A bfloat16 keeps only the top 16 bits of the Float32 pattern: the result's low 16 bits must all be 0."
        )
      }
      if expected.isNaN {
        if got.isInfinite {
          return (
            "a NaN came back as infinity.",
            "This NaN's payload lies only in the low 16 bits; rounding the pattern clears them and leaves the bits of infinity. Check x.isNaN first and return a NaN."
          )
        }
        return ("a NaN came back as a number.", "Check x.isNaN first and return a NaN; never round a NaN's bits.")
      }
      if got.isNaN {
        return (
          "the result is nan for a number.",
          "Only a NaN input may give a NaN. If you add to the bit pattern, make sure a carry cannot reach the sign bit."
        )
      }
      if expected.isInfinite && got.isFinite && got.magnitude == Float(bitPattern: 0x7F7F_0000) {
        return (
          "the result saturated at the largest finite bfloat16 (3.3895e38) instead of overflowing.",
          "Round to nearest as everywhere else: a value beyond the largest bfloat16 plus half a step rounds to infinity, the way Float itself overflows."
        )
      }
      if expected.isZero && got.isZero && expected.sign != got.sign {
        return (
          "the sign of zero was lost.",
          "Keep the sign bit: −0 and tiny negative values round to −0 (0x80000000)."
        )
      }
      if isSubnormal && got.isZero && !expected.isZero {
        return (
          "a subnormal was flushed to zero.",
          "Subnormals round like everything else: on the bit pattern, the same add-and-drop rule works without looking at the exponent."
        )
      }
      if got.bitPattern == Float(Float16(x)).bitPattern && got.bitPattern != expected.bitPattern {
        return (
          "this is x rounded to Float16 (5 exponent bits, 10 mantissa bits), not bfloat16.",
          "bfloat16 has Float32's 8 exponent bits and 7 mantissa bits: it is the top 16 bits of x.bitPattern."
        )
      }
      if got.bitPattern & 0xFFFF != 0 {
        return (
          "the result has nonzero low 16 bits, so it is not a bfloat16 value.",
          "After rounding, clear the low 16 bits of the pattern (bits & 0xFFFF0000)."
        )
      }
      if got.bitPattern == truncated(x).bitPattern {
        return (
          "this is truncation: the low 16 bits were dropped, which rounds toward zero.",
          "Round to nearest: when the dropped bits are above 0x8000, add one unit to the kept part."
        )
      }
      if got.bitPattern == halfAway(x).bitPattern && x.bitPattern & 0xFFFF == 0x8000 {
        return (
          "this tie was rounded away from zero, not to even.",
          "On an exact tie (low 16 bits exactly 0x8000) pick the neighbour whose lowest kept bit (bit 16) is 0. Note that Swift's rounded() breaks ties away from zero; .toNearestOrEven does not."
        )
      }
      return nil
    }
  }
}

