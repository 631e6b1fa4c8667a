import Groundwork

/// Wilson's score interval for a proportion: `successes` right out of
/// `trials`, at the critical value `z` (1.96 for 95%):
///
///     centre     = (p̂ + z²/(2n)) / (1 + z²/n)
///     half-width = z · √(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n)
///
/// with p̂ = successes / trials. Unlike Wald's p̂ ± z·√(p̂(1 − p̂)/n), it
/// never has zero width and never leaves [0, 1]: at 0 of n its lower bound
/// is 0 and its upper bound is positive.
func wilsonInterval(successes: Int, trials: Int, z: Double) -> (lower: Double, upper: Double) {
  // BEGIN SOLUTION: return the bounds of Wilson's score interval
  let n = Double(trials)
  let estimate = Double(successes) / n
  let z2 = z * z
  let denominator = 1 + z2 / n
  let centre = (estimate + z2 / (2 * n)) / denominator
  let halfWidth = z * (estimate * (1 - estimate) / n + z2 / (4 * n * n)).squareRoot() / denominator
  return (lower: max(0, centre - halfWidth), upper: min(1, centre + halfWidth))
  // END SOLUTION
}
