/// The `tau`-quantile of already sorted values by the inverse of the
/// empirical distribution function: the smallest order statistic x₍ₖ₎ with
/// k / n ≥ τ (Hyndman and Fan's type 1; no interpolation).
///
/// This is the value that minimises the pinball loss over constants; when
/// n·τ is a whole number k, every value in [x₍ₖ₎, x₍ₖ₊₁₎] does, and this
/// returns the lower end (for τ = 0.5 and even n, the lower median).
///
/// - Parameters:
///   - sorted: values in non-decreasing order; must not be empty.
///   - tau: a probability in (0, 1].
/// - Returns: the order statistic x₍ₖ₎, k = ⌈n·τ⌉.
public func empiricalQuantileOfSorted(_ sorted: [Double], _ tau: Double) -> Double {
  precondition(!sorted.isEmpty, "quantile of an empty sample is undefined")
  precondition(tau > 0 && tau <= 1, "quantile level \(tau) is outside (0, 1]")
  let n = Double(sorted.count)
  // n·τ in floating point can land a hair above a whole number (25 × 0.28
  // is 7.000000000000001), which ceil would push one order statistic too
  // high; values within a relative 1e-12 of a whole number count as whole.
  let position = n * tau
  let nearest = position.rounded()
  let k = abs(position - nearest) <= 1e-12 * n ? nearest : position.rounded(.up)
  return sorted[min(max(Int(k), 1), sorted.count) - 1]
}
