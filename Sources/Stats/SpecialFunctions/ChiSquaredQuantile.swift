import RealModule

/// The quantile of the χ² distribution with `k` degrees of freedom: the
/// `x ≥ 0` with `P(χ²_k ≤ x) = p` (scipy's `chi2.ppf`), so that
/// `chiSquaredQuantile(1 − α, …)` is the critical value of a level-`α` test.
///
/// Found by Newton's method on `P(k/2, x/2) − p` (the derivative is the χ²
/// density), safeguarded by bisection on a bracket that shrinks every step
/// (*Numerical Recipes* §9.4, `rtsafe`), from the Wilson–Hilferty (1931)
/// approximation `k (1 − 2/(9k) + z √(2/(9k)))³`, to a relative accuracy of a
/// few units in the last place. On the upper side (`p > ½`) the equation is
/// solved on `Q(k/2, x/2) = 1 − p`, so that small upper tails keep their
/// relative accuracy.
///
/// - Parameters:
///   - p: a probability in [0, 1]; 0 gives 0 and 1 gives +∞.
///   - degreesOfFreedom: `k > 0`.
public func chiSquaredQuantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
  precondition(k > 0, "degrees of freedom must be positive, got \(k)")
  precondition((0...1).contains(p), "probability \(p) is outside [0, 1]")
  if p == 0 { return 0 }
  if p == 1 { return .infinity }
  let a = k / 2
  let upper = p > 0.5
  let target = upper ? 1 - p : p
  // The error as a function of x, with the sign that makes it increase in x.
  func error(_ x: Double) -> Double {
    upper
      ? target - regularizedUpperIncompleteGamma(a: a, x: x / 2)
      : regularizedLowerIncompleteGamma(a: a, x: x / 2) - target
  }
  let logNormaliser = a * Double.log(2) + Double.logGamma(a)
  func density(_ x: Double) -> Double { Double.exp((a - 1) * Double.log(x) - x / 2 - logNormaliser) }

  let z = standardNormalQuantile(p)
  let h = 2 / (9 * k)
  let start = k * Double.pow(max(1 - h + z * h.squareRoot(), 0.01), 3)
  var low = 0.0
  var high = Double.infinity
  var x = max(start, Double.leastNormalMagnitude)
  var previousError = Double.infinity
  for _ in 0..<500 {
    let e = error(x)
    if e == 0 { return x }
    if e < 0 { low = x } else { high = x }
    var next = x - e / density(x)
    if !(next > low && next < high) || abs(e) > 0.5 * previousError {
      next = high.isFinite ? 0.5 * (low + high) : max(2 * x, low + 1)
    }
    previousError = abs(e)
    if abs(next - x) <= 4 * next.ulp { return next }
    x = next
  }
  return x
}
