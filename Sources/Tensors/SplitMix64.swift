import RealModule

/// A seeded pseudo-random generator whose stream is the same on every
/// platform: SplitMix64 (Steele, Lea and Flood 2014; Vigna's reference code).
///
/// Graders and learner-facing data generators draw from it so that a seed
/// printed in a report reproduces the same inputs on macOS and Linux. The
/// integer stream is exact everywhere; `nextDouble()` is exact too (it only
/// shifts and scales), while `nextNormal()` goes through `log` and `cos`, whose
/// last bit may differ between C libraries.
///
/// ```swift
/// var rng = SplitMix64(seed: 0)
/// rng.next()   // 0xE220A8397B1DCDAF
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state: a counter advanced by the golden-ratio
  /// increment before each output.
  public private(set) var state: UInt64

  /// A generator whose first output is determined by `seed` alone.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits: the top 53 bits of
  /// `next()` scaled by 2⁻⁵³, so every value is a multiple of 2⁻⁵³.
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform double in [lower, upper).
  public mutating func nextDouble(in range: Range<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * nextDouble()
  }

  /// A uniform integer in `range`, without modulo bias (Lemire's method via
  /// the standard library's `random(in:using:)`).
  public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
    Int.random(in: range, using: &self)
  }

  /// `true` with probability `p`.
  public mutating func nextBernoulli(_ p: Double) -> Bool {
    nextDouble() < p
  }

  /// A standard normal draw by the Box–Muller transform on two uniforms.
  /// The first uniform is taken from (0, 1] so that its logarithm is finite.
  public mutating func nextNormal() -> Double {
    let u1 = 1 - nextDouble()
    let u2 = nextDouble()
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
  }
}
