/// How many test examples are needed to detect a difference in accuracy,
/// and the unpaired test that a paired comparison should not use.

/// The unrounded number of paired examples of Connor's (1987) formula for
/// McNemar's test; see ``pairedSampleSize(difference:discordantRate:alpha:power:)``.
public func pairedSampleSizeUnrounded(difference: Double, discordantRate: Double, alpha: Double, power: Double)
  -> Double
{
  precondition(difference > 0, "difference must be positive, got \(difference)")
  precondition(
    discordantRate >= difference && discordantRate <= 1,
    "discordantRate \(discordantRate) must lie in [difference, 1]")
  precondition(alpha > 0 && alpha < 1, "alpha \(alpha) is outside (0, 1)")
  precondition(power > 0 && power < 1, "power \(power) is outside (0, 1)")
  let zAlpha = standardNormalUpperQuantile(alpha / 2)
  let zBeta = standardNormalQuantile(power)
  let root =
    zAlpha * discordantRate.squareRoot() + zBeta * (discordantRate - difference * difference).squareRoot()
  return root * root / (difference * difference)
}

/// The number of examples, each scored by both models, that McNemar's test
/// needs to detect a difference in accuracy with a given power (Connor 1987,
/// "Sample Size for Testing Differences in Proportions for the Paired-Sample
/// Design", Biometrics 43(1)):
///
///     n = ⌈ (z_{α/2}·√ψ + z_β·√(ψ − δ²))² / δ² ⌉
///
/// where δ is the difference in accuracy, ψ the share of examples on which
/// the two models disagree (one right, the other wrong), `z_{α/2}` the
/// two-sided critical value and `z_β = Φ⁻¹(power)`.
///
/// δ = 0.02, ψ = 0.10, α = 0.05, power 0.8 gives 1,960; ψ = 0.05 gives 979.
///
/// - Parameters:
///   - difference: δ, in (0, ψ].
///   - discordantRate: ψ, in [δ, 1].
///   - alpha: the two-sided significance level, in (0, 1).
///   - power: the probability of detecting δ, in (0, 1).
public func pairedSampleSize(difference: Double, discordantRate: Double, alpha: Double = 0.05, power: Double = 0.8)
  -> Int
{
  Int(
    pairedSampleSizeUnrounded(
      difference: difference, discordantRate: discordantRate, alpha: alpha, power: power
    ).rounded(.up))
}

/// The number of examples per model when each model is scored on its own,
/// independent test set (two independent proportions, unpooled variance;
/// Chow, Shao and Wang, "Sample Size Calculations in Clinical Research",
/// 2nd ed. 2008, section 4.2):
///
///     n = ⌈ (z_{α/2} + z_β)² · (p₁(1 − p₁) + p₂(1 − p₂)) / (p₁ − p₂)² ⌉
///
/// 0.80 against 0.82 at α = 0.05 and power 0.8 gives 6,036 per model.
public func twoProportionSampleSize(accuracyA: Double, accuracyB: Double, alpha: Double = 0.05, power: Double = 0.8)
  -> Int
{
  precondition(accuracyA != accuracyB, "the accuracies must differ")
  precondition((0...1).contains(accuracyA) && (0...1).contains(accuracyB), "accuracies must lie in [0, 1]")
  let z = standardNormalUpperQuantile(alpha / 2) + standardNormalQuantile(power)
  let variance = accuracyA * (1 - accuracyA) + accuracyB * (1 - accuracyB)
  let difference = accuracyA - accuracyB
  return Int((z * z * variance / (difference * difference)).rounded(.up))
}

/// The two-proportion z-test with a pooled variance, which treats the two
/// accuracies as coming from independent samples.
public struct TwoProportionTest: Sendable, Equatable {
  /// `(p̂_B − p̂_A) / √(p̄(1 − p̄)(1/n_A + 1/n_B))`, p̄ the pooled proportion.
  public var statistic: Double
  /// The two-sided p-value `2·P(Z > |z|)`.
  public var pValue: Double
}

/// The pooled two-proportion z-test of `successesA / trialsA` against
/// `successesB / trialsB`. It assumes independent samples: applied to two
/// models scored on the same test set, it ignores that their errors are
/// paired (Dietterich 1998 advises against it there; use McNemar's test).
public func twoProportionTest(successesA: Int, trialsA: Int, successesB: Int, trialsB: Int) -> TwoProportionTest {
  precondition(trialsA >= 1 && trialsB >= 1, "each sample needs at least one trial")
  precondition((0...trialsA).contains(successesA) && (0...trialsB).contains(successesB), "successes out of range")
  let nA = Double(trialsA)
  let nB = Double(trialsB)
  let pooled = Double(successesA + successesB) / (nA + nB)
  let standardError = (pooled * (1 - pooled) * (1 / nA + 1 / nB)).squareRoot()
  let difference = Double(successesB) / nB - Double(successesA) / nA
  let statistic = standardError > 0 ? difference / standardError : 0
  return TwoProportionTest(statistic: statistic, pValue: min(1, 2 * standardNormalSurvival(abs(statistic))))
}
