import Groundwork

/// The number of test examples, each scored by both models, that McNemar's
/// test needs to detect a difference `difference` (δ) in accuracy when the
/// models disagree on a share `discordantRate` (ψ) of examples, at two-sided
/// significance level `alpha` with probability `power` (Connor 1987):
///
///     n = ⌈ (z_{α/2}·√ψ + z_β·√(ψ − δ²))² / δ² ⌉
///
/// z_{α/2} is the normal quantile with α/2 above it (1.96 for α = 0.05) and
/// z_β = Φ⁻¹(power) (0.8416 for power 0.8).
func pairedTestSetSize(difference: Double, discordantRate: Double, alpha: Double, power: Double) -> Int {
  // BEGIN SOLUTION: compute Connor's formula and round up
  let zAlpha = standardNormalUpperQuantile(alpha / 2)
  let zBeta = standardNormalQuantile(power)
  let root =
    zAlpha * discordantRate.squareRoot() + zBeta * (discordantRate - difference * difference).squareRoot()
  let examples = root * root / (difference * difference)
  return Int(examples.rounded(.up))
  // END SOLUTION
}
