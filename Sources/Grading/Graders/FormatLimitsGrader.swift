import Groundwork

/// Grades the learner's limits of an IEEE-style binary format from its bit
/// fields (Lessons/1-foundation, the number-formats lesson): the largest
/// finite value, the smallest normal and subnormal values, and machine
/// epsilon, for E exponent bits and M mantissa bits with the all-ones
/// exponent reserved for infinities and NaNs.
///
/// Reference: the kernel's `FloatFormat` (Sources/Tensors/FloatFormat.swift)
/// with IEEE specials. Tolerance: exact; every answer is a power of two or
/// (2 − 2^−M) times one, exactly representable in a Double.
///
/// Cases: FP16, BF16, FP8 E5M2, FP32, FP64 (where 2^1024 overflows a Double
/// and 2^1074 does too, so the two extremes must be built without them), a
/// two-bit exponent, and thirty seeded formats. Named mistakes: the top
/// exponent not reserved, the bias off by one, the mantissa factor left out
/// of the largest value, ε/2 (the unit roundoff) for ε, the smallest normal
/// and subnormal swapped, and an overflow or underflow in an intermediate.
public struct FormatLimitsGrader: Grader {
  public typealias Limits = (largest: Double, smallestNormal: Double, smallestSubnormal: Double, epsilon: Double)

  public static let name = "number-formats.limits"
  public static let entryPoints = [
    EntryPoint(
      "formatLimits", [.init("exponentBits", "Int"), .init("mantissaBits", "Int")],
      returns: "(largest: Double, smallestNormal: Double, smallestSubnormal: Double, epsilon: Double)")
  ]
  public static let forbiddenSymbols = ["FloatFormat"]

  /// The learner's function.
  let implementation: (Int, Int) -> Limits

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, Int) -> Limits).self)
  }

  /// The reference limits from the kernel.
  static func reference(_ exponentBits: Int, _ mantissaBits: Int) -> Limits {
    let format = FloatFormat(name: "E\(exponentBits)M\(mantissaBits)", exponentBits: exponentBits, mantissaBits: mantissaBits)
    return (format.largestFinite, format.smallestNormal, format.smallestSubnormal, format.epsilon)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let seeded = (0..<30).map { _ in (rng.nextInt(in: 2...11), rng.nextInt(in: 1...52)) }
    return [
      compare("FP16: 5 exponent bits, 10 mantissa bits", [(5, 10)], seed: nil),
      compare("BF16: 8 exponent bits, 7 mantissa bits", [(8, 7)], seed: nil),
      compare("FP8 E5M2: 5 exponent bits, 2 mantissa bits", [(5, 2)], seed: nil),
      compare("FP32: 8 exponent bits, 23 mantissa bits", [(8, 23)], seed: nil),
      compare("FP64: 11 exponent bits, 52 mantissa bits, where 2^1024 is infinite", [(11, 52)], seed: nil),
      compare("a two-bit exponent", [(2, 3), (2, 1)], seed: nil),
      compare("30 formats, 2 to 11 exponent bits, 1 to 52 mantissa bits", seeded, seed: seed),
    ]
  }

  static let fieldNames = ["largest", "smallestNormal", "smallestSubnormal", "epsilon"]

  static func fields(_ limits: Limits) -> [Double] {
    [limits.largest, limits.smallestNormal, limits.smallestSubnormal, limits.epsilon]
  }

  func compare(_ name: String, _ formats: [(Int, Int)], seed: UInt64?) -> Check {
    let tried =
      formats.count == 1
      ? "exponentBits \(formats[0].0), mantissaBits \(formats[0].1)"
      : "\(formats.count) formats" + (seed.map { ", seed \($0)" } ?? "")
    return Check(name, tried: tried) { [implementation] in
      for (exponentBits, mantissaBits) in formats {
        let expected = Self.fields(Self.reference(exponentBits, mantissaBits))
        let got = Self.fields(implementation(exponentBits, mantissaBits))
        guard let field = (0..<4).first(where: { got[$0] != expected[$0] || got[$0].isNaN }) else { continue }
        let diagnosis = Self.diagnose(
          field: field, got: got[field], expected: expected[field], exponentBits: exponentBits,
          mantissaBits: mantissaBits)
        let place = formats.count == 1 ? "" : "For exponentBits \(exponentBits), mantissaBits \(mantissaBits): "
        let text = diagnosis?.message ?? "`\(Self.fieldNames[field])` is wrong."
        return .failed(
          expected: "\(Self.fieldNames[field]) \(formatted(expected[field]))",
          got: "\(Self.fieldNames[field]) \(formatted(got[field]))",
          message: place.isEmpty ? text.prefix(1).uppercased() + text.dropFirst() : place + text,
          hint: diagnosis?.hint
            ?? "With bias b = 2^(E−1) − 1: largest (2 − 2^−M) × 2^(2^E − 2 − b), smallest normal 2^(1 − b), smallest subnormal 2^(1 − b − M), epsilon 2^−M.")
      }
      return .passed
    }
  }

  /// 2^k exactly, for any k a Double can hold (subnormals included).
  static func power(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }

  static func diagnose(
    field: Int, got: Double, expected: Double, exponentBits e: Int, mantissaBits m: Int
  ) -> (message: String, hint: String)? {
    let bias = (1 << (e - 1)) - 1
    let emax = (1 << e) - 2 - bias
    if got.isNaN {
      return (
        "`\(fieldNames[field])` is nan.",
        "An intermediate became inf or 0 and met another one (inf − inf, 0 × inf). Build each power of two directly, e.g. Double(sign: .plus, exponent: k, significand: 1)."
      )
    }
    switch field {
    case 0:
      if got.isInfinite {
        return (
          "`largest` overflowed to infinity.",
          "Do not form 2^(emax + 1): for E = 11 that is 2^1024, beyond Double. Write the value as (2 − 2^−M) × 2^emax."
        )
      }
      if got == (2 - power(-m)) * power(emax + 1) {
        return (
          "`largest` uses the all-ones exponent, which IEEE formats reserve for infinities and NaNs.",
          "The largest usable stored exponent is 2^E − 2, so the largest unbiased exponent is 2^E − 2 − b."
        )
      }
      if got == power(emax + 1) || got == power(emax) {
        return (
          "`largest` is a bare power of two: the mantissa is missing.",
          "At the top exponent the largest significand has every mantissa bit set: 1.11…1 in binary, that is 2 − 2^−M."
        )
      }
      if got == (2 - power(-m)) * power(emax - 1) {
        return ("`largest` is off by a factor of 2: check the bias.", "The bias is 2^(E−1) − 1, not 2^(E−1).")
      }
    case 1:
      if got == power(-bias) || got == power(2 - bias) {
        return ("`smallestNormal` is off by a factor of 2: check the bias.", "The bias is 2^(E−1) − 1, and the smallest normal exponent is 1 − b.")
      }
      if got == power(1 - bias - m) {
        return ("`smallestNormal` is the smallest subnormal.", "Normal numbers have a stored exponent of at least 1 and an implicit leading 1: the smallest is 1.0 × 2^(1 − b).")
      }
    case 2:
      if got == 0 {
        return (
          "`smallestSubnormal` came out as 0.",
          "For FP64 it is 2^−1074, and 1 / 2^1074 gives 0 because 2^1074 is infinite. Build the power directly: Double(sign: .plus, exponent: k, significand: 1)."
        )
      }
      if got == power(1 - bias) {
        return ("`smallestSubnormal` is the smallest normal value.", "Subnormals go below 2^(1 − b) in steps of 2^(1 − b − M): the smallest is one step.")
      }
      if got == power(-bias - m) || got == power(2 - bias - m) {
        return ("`smallestSubnormal` is off by a factor of 2: check the bias.", "Subnormals share the exponent of the smallest normals, 1 − b, with no leading 1.")
      }
    default:
      if got == power(-m - 1) {
        return ("`epsilon` is 2^−(M+1), the unit roundoff (half of epsilon).", "In this course epsilon is the gap between 1 and the next value, 2^−M, as in Swift's ulpOfOne.")
      }
      if got == power(1 - m) {
        return ("`epsilon` is 2^(1−M), twice the gap after 1.", "Above 1 the values are 2^−M apart: epsilon = 2^−M.")
      }
    }
    return nil
  }
}
