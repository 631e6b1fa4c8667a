import Groundwork

/// The constant predictions that minimise three losses over `values`, in
/// this order:
/// 1. the mean squared error, mean of (c − yᵢ)²;
/// 2. the mean absolute error, mean of |c − yᵢ|;
/// 3. the mean pinball loss at level `tau`, mean of ρ_τ(yᵢ − c) with
///    ρ_τ(u) = max(τ·u, (τ − 1)·u).
///
/// Where several constants tie (the median of an even count, say), any of
/// them is right.
func bestConstants(values: [Double], tau: Double) -> [Double] {
  // BEGIN SOLUTION: return the mean, a median and a tau-quantile of the values
  let sorted = values.sorted()
  let n = sorted.count
  let mean = values.reduce(0, +) / Double(n)
  // Any value between the two middle ones minimises the absolute error;
  // the lower middle one is a choice.
  let median = sorted[(n - 1) / 2]
  // The pinball loss's slope at c is (fraction of values ≤ c) − τ: it
  // turns non-negative at the smallest order statistic x₍ₖ₎ with k/n ≥ τ.
  // Comparing k ≥ n·τ in integers-as-doubles avoids ceil(n·τ), which
  // rounding can push one too high (25 × 0.28 = 7.000000000000001).
  var k = 1
  while Double(k) < Double(n) * tau - 1e-9 { k += 1 }
  return [mean, median, sorted[k - 1]]
  // END SOLUTION
}
