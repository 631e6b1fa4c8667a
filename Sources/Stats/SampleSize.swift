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
