/// The CDF of Student's t distribution with `ν` degrees of freedom,
/// `P(T ≤ t)`, through the regularized incomplete beta function:
/// `P(T ≤ −|t|) = ½ · I_{ν/(ν + t²)}(ν/2, ½)` (Abramowitz and Stegun
/// 26.7.1 with 26.5.27), and `P(T ≤ t) = 1 − P(T ≤ −t)`.
///
/// - Parameters:
///   - t: the point; ±∞ give 0 and 1.
///   - degreesOfFreedom: `ν > 0` (need not be an integer).
public func studentTCDF(_ t: Double, degreesOfFreedom nu: Double) -> Double {
  precondition(nu > 0, "degrees of freedom must be positive, got \(nu)")
  if t.isInfinite { return t < 0 ? 0 : 1 }
  let t2 = t * t
  // x = ν/(ν + t²) and 1 − x = t²/(ν + t²), each computed directly.
  let tail = 0.5 * regularizedIncompleteBeta(nu / 2, 0.5, x: nu / (nu + t2), complement: t2 / (nu + t2))
  return t <= 0 ? tail : 1 - tail
}

/// The quantile of Student's t distribution with `ν` degrees of freedom:
/// the `t` with `P(T ≤ t) = p` (scipy's `t.ppf`), the inverse of
/// `studentTCDF`.
///
/// For `p < ½`, `t = −√(ν (1 − x) / x)` where `x = I⁻¹(2p; ν/2, ½)`; when `x`
/// would be close to 1 (`t` small) the complementary quantile
/// `y = 1 − x = I⁻¹(1 − 2p; ½, ν/2)` is used instead, so that `1 − x` does
/// not cancel. Upper-half `p` use the symmetry `t(p) = −t(1 − p)`. Accuracy
/// is that of `betaQuantile`, a few units in the last place.
///
/// - Parameters:
///   - p: a probability in [0, 1]; 0 and 1 give −∞ and +∞.
///   - degreesOfFreedom: `ν > 0`.
public func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
  precondition(nu > 0, "degrees of freedom must be positive, got \(nu)")
  precondition((0...1).contains(p), "probability \(p) is outside [0, 1]")
  if p == 0 { return -.infinity }
  if p == 1 { return .infinity }
  if p == 0.5 { return 0 }
  if p > 0.5 { return -studentTQuantile(1 - p, degreesOfFreedom: nu) }
  let twiceTail = 2 * p
  if twiceTail < 0.5 {
    let x = betaQuantile(twiceTail, a: nu / 2, b: 0.5)
    return -(nu * (1 - x) / x).squareRoot()
  }
  let y = betaQuantile(1 - twiceTail, a: 0.5, b: nu / 2)
  return -(nu * y / (1 - y)).squareRoot()
}
