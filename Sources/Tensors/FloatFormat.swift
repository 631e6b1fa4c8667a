/// A binary floating-point format described by its bit fields, with the
/// limits that follow from them: the largest finite value, the smallest
/// normal and subnormal values, and machine epsilon.
///
/// A normal number with sign bit s, stored exponent e (E bits) and stored
/// mantissa m (M bits) is (−1)^s × (1 + m/2^M) × 2^(e − bias) with
/// bias = 2^(E−1) − 1; a stored exponent of 0 gives the subnormals
/// (−1)^s × (m/2^M) × 2^(1 − bias). IEEE 754 formats reserve the all-ones
/// exponent for infinities and NaNs. FP8 E4M3 (Micikevicius et al. 2022)
/// does not: it has no infinities and only one NaN pattern per sign
/// (S.1111.111), so the all-ones exponent holds finite values and its
/// largest value is 1.75 × 2^8 = 448 instead of 240.
///
/// ```swift
/// FloatFormat.fp16.largestFinite     // 65504
/// FloatFormat.bf16.epsilon           // 0.0078125
/// FloatFormat.fp8E4M3.largestFinite  // 448
/// ```
public struct FloatFormat: Sendable, Hashable {
  /// What the all-ones exponent field encodes.
  public enum Specials: Sendable, Hashable {
    /// IEEE 754: infinities (mantissa 0) and NaNs; finite values stop one
    /// exponent below.
    case ieee
    /// Only the all-ones exponent *and* mantissa is NaN (FP8 E4M3); no
    /// infinities.
    case nanOnlyAllOnes
  }

  /// A short name, e.g. "FP16".
  public var name: String
  /// Number of exponent bits.
  public var exponentBits: Int
  /// Number of stored mantissa (fraction) bits; the significand has one more.
  public var mantissaBits: Int
  /// How the top exponent is used.
  public var specials: Specials

  /// A format with the given fields.
  public init(name: String, exponentBits: Int, mantissaBits: Int, specials: Specials = .ieee) {
    precondition(exponentBits >= 2 && exponentBits <= 11, "exponent bits \(exponentBits) outside 2...11")
    precondition(mantissaBits >= 1 && mantissaBits <= 52, "mantissa bits \(mantissaBits) outside 1...52")
    self.name = name
    self.exponentBits = exponentBits
    self.mantissaBits = mantissaBits
    self.specials = specials
  }

  /// IEEE 754 binary32, Swift's `Float`.
  public static let fp32 = FloatFormat(name: "FP32", exponentBits: 8, mantissaBits: 23)
  /// NVIDIA's TensorFloat-32: FP32's range with FP16's 10 mantissa bits;
  /// a tensor-core input format (19 bits used), not a storage format.
  public static let tf32 = FloatFormat(name: "TF32", exponentBits: 8, mantissaBits: 10)
  /// IEEE 754 binary16, Swift's `Float16`.
  public static let fp16 = FloatFormat(name: "FP16", exponentBits: 5, mantissaBits: 10)
  /// bfloat16: the top half of a binary32 pattern.
  public static let bf16 = FloatFormat(name: "BF16", exponentBits: 8, mantissaBits: 7)
  /// FP8 E4M3 (Micikevicius et al. 2022): no infinities, one NaN pattern.
  public static let fp8E4M3 = FloatFormat(name: "FP8 E4M3", exponentBits: 4, mantissaBits: 3, specials: .nanOnlyAllOnes)
  /// FP8 E5M2 (Micikevicius et al. 2022): IEEE-style specials.
  public static let fp8E5M2 = FloatFormat(name: "FP8 E5M2", exponentBits: 5, mantissaBits: 2)

  /// The formats of the number-formats lesson, widest first.
  public static let common: [FloatFormat] = [.fp32, .tf32, .fp16, .bf16, .fp8E4M3, .fp8E5M2]

  /// Total bits: sign, exponent and mantissa.
  public var totalBits: Int { 1 + exponentBits + mantissaBits }

  /// The exponent bias, 2^(E−1) − 1.
  public var bias: Int { (1 << (exponentBits - 1)) - 1 }

  /// 2 to an integer power, exactly (for the exponents these formats reach).
  static func power(_ exponent: Int) -> Double {
    var result = 1.0
    let factor = exponent < 0 ? 0.5 : 2.0
    for _ in 0..<abs(exponent) { result *= factor }
    return result
  }

  /// The largest finite value.
  ///
  /// IEEE: significand 2 − 2^−M at the largest non-reserved exponent,
  /// 2^E − 2 − bias. E4M3 style: the all-ones exponent 2^E − 1 − bias is
  /// usable, but the all-ones mantissa there is NaN, so the significand is
  /// 2 − 2^(1−M).
  public var largestFinite: Double {
    switch specials {
    case .ieee:
      return (2 - Self.power(-mantissaBits)) * Self.power((1 << exponentBits) - 2 - bias)
    case .nanOnlyAllOnes:
      return (2 - Self.power(1 - mantissaBits)) * Self.power((1 << exponentBits) - 1 - bias)
    }
  }

  /// The smallest positive normal value, 2^(1 − bias).
  public var smallestNormal: Double { Self.power(1 - bias) }

  /// The smallest positive subnormal value, 2^(1 − bias − M).
  public var smallestSubnormal: Double { Self.power(1 - bias - mantissaBits) }

  /// Machine epsilon: the gap between 1 and the next larger value, 2^−M.
  /// Rounding to nearest makes a relative error of at most half of it.
  public var epsilon: Double { Self.power(-mantissaBits) }
}
