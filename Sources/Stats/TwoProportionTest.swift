/// The two-proportion z-test of whether two independent binomial samples
/// share one success probability.
public struct TwoProportionTest: Sendable, Equatable {
  /// `p̂₁ − p̂₂`.
  public var difference: Double
  /// `z = (p̂₁ − p̂₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂))` with the pooled
  /// `p̄ = (k₁ + k₂)/(n₁ + n₂)`.
  public var statistic: Double
  /// The two-sided p-value `2 · P(Z > |z|)`.
  public var pValue: Double
}

/// The pooled two-proportion z-test (Fleiss, Levin and Paik, *Statistical
/// Methods for Rates and Proportions*, 3rd ed., §2.5, without continuity
/// correction), statsmodels' `proportions_ztest([k1, k2], [n1, n2])`.
/// When both samples are all successes or all failures, `z` is 0 and the
/// p-value 1.
///
/// - Parameters:
///   - successes1: `k₁` in `0...trials1`.
///   - trials1: `n₁ ≥ 1`.
///   - successes2: `k₂` in `0...trials2`.
///   - trials2: `n₂ ≥ 1`.
public func twoProportionZTest(successes1: Int, trials1: Int, successes2: Int, trials2: Int) -> TwoProportionTest {
  precondition(trials1 >= 1 && trials2 >= 1, "trials must be at least 1, got \(trials1) and \(trials2)")
  precondition((0...trials1).contains(successes1), "successes1 \(successes1) is outside 0...\(trials1)")
  precondition((0...trials2).contains(successes2), "successes2 \(successes2) is outside 0...\(trials2)")
  let n1 = Double(trials1)
  let n2 = Double(trials2)
  let p1 = Double(successes1) / n1
  let p2 = Double(successes2) / n2
  let pooled = Double(successes1 + successes2) / (n1 + n2)
  let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
  let z = variance == 0 ? 0 : (p1 - p2) / variance.squareRoot()
  return TwoProportionTest(difference: p1 - p2, statistic: z, pValue: min(1, 2 * standardNormalSurvival(abs(z))))
}

/// How the variance under the null hypothesis enters a sample-size formula.
public enum SampleSizeVariance: String, Sendable, CaseIterable {
  /// `n = (z_{1−α/2} + z_{1−β})² (p₁q₁ + p₂q₂) / (p₁ − p₂)²`: the normal
  /// approximation with each arm's own variance (Chow, Shao and Wang,
  /// *Sample Size Calculations in Clinical Research*, 2nd ed., §4.2).
  case unpooled
  /// `n = (z_{1−α/2} √(2p̄q̄) + z_{1−β} √(p₁q₁ + p₂q₂))² / (p₁ − p₂)²` with
  /// `p̄ = (p₁ + p₂)/2`: the pooled variance under the null (Fleiss, Levin
  /// and Paik 2003, eq. 4.14, without continuity correction).
  case pooled
}

/// The number of examples per arm needed to detect a change of accuracy
/// from `p₁` to `p₂` with a two-sided level-`α` two-proportion test at the
/// given power, rounded up; see `SampleSizeVariance` for the formulas.
///
/// ```swift
/// sampleSizePerArm(from: 0.80, to: 0.82)   // 6036 (α = 0.05, power 0.8)
/// ```
///
/// - Parameters:
///   - p1: the baseline accuracy, in (0, 1).
///   - p2: the accuracy to detect, in (0, 1), different from `p1`.
///   - alpha: the two-sided significance level; 0.05 by default.
///   - power: `1 − β`; 0.8 by default.
///   - variance: unpooled (default) or pooled.
public func sampleSizePerArm(
  from p1: Double, to p2: Double, alpha: Double = 0.05, power: Double = 0.8,
  variance: SampleSizeVariance = .unpooled
) -> Int {
  precondition(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1, "proportions must lie in (0, 1), got \(p1) and \(p2)")
  precondition(p1 != p2, "the two proportions must differ")
  precondition(alpha > 0 && alpha < 1 && power > 0 && power < 1, "alpha and power must lie in (0, 1)")
  let zAlpha = standardNormalUpperQuantile(alpha / 2)
  let zBeta = standardNormalQuantile(power)
  let spread = p1 * (1 - p1) + p2 * (1 - p2)
  let delta = p1 - p2
  let root: Double
  switch variance {
  case .unpooled:
    root = (zAlpha + zBeta) * spread.squareRoot()
  case .pooled:
    let mean = (p1 + p2) / 2
    root = zAlpha * (2 * mean * (1 - mean)).squareRoot() + zBeta * spread.squareRoot()
  }
  // A relative slack of 1e-12 keeps an exact integer from rounding up to
  // the next one through the last bit of the quantiles.
  return Int((root * root / (delta * delta) * (1 - 1e-12)).rounded(.up))
}
