import RealModule

/// The standard normal CDF `Φ(x) = P(Z ≤ x) = ½ · erfc(−x / √2)`
/// (Abramowitz and Stegun 26.2.29), accurate in relative terms in the lower
/// tail because it goes through `erfc` rather than `1 + erf`.
public func standardNormalCDF(_ x: Double) -> Double {
  0.5 * Double.erfc(-x / 2.0.squareRoot())
}

/// The standard normal upper tail `1 − Φ(x) = P(Z > x) = ½ · erfc(x / √2)`,
/// accurate in relative terms for large `x`.
public func standardNormalSurvival(_ x: Double) -> Double {
  0.5 * Double.erfc(x / 2.0.squareRoot())
}

/// The standard normal quantile `Φ⁻¹(p)`: the `z` with `P(Z ≤ z) = p`
/// (scipy's `norm.ppf`, numpy-free).
///
/// Starts from P. J. Acklam's rational approximation (2003, relative error
/// below 1.15 · 10⁻⁹) and takes one Halley step on `Φ(z) − p`, computed
/// through `erfc` on the tail side, which brings the result to within a few
/// units in the last place. Upper-half probabilities use the symmetry
/// `Φ⁻¹(p) = −Φ⁻¹(1 − p)` (`1 − p` is exact for `p ≥ ½`).
///
/// - Parameter p: a probability in [0, 1]; 0 and 1 give −∞ and +∞.
public func standardNormalQuantile(_ p: Double) -> Double {
  precondition((0...1).contains(p), "probability \(p) is outside [0, 1]")
  if p > 0.5 { return -lowerNormalQuantile(1 - p) }
  return lowerNormalQuantile(p)
}

/// The standard normal upper quantile: the `z` with `P(Z > z) = q`, i.e.
/// `−Φ⁻¹(q)` (scipy's `norm.isf`). `z_{α/2} = standardNormalUpperQuantile(α / 2)`
/// is the critical value of a two-sided level-`1 − α` interval.
public func standardNormalUpperQuantile(_ q: Double) -> Double {
  -standardNormalQuantile(q)
}

/// `Φ⁻¹(p)` for `p` in [0, ½].
private func lowerNormalQuantile(_ p: Double) -> Double {
  if p == 0 { return -.infinity }
  if p == 0.5 { return 0 }
  let a = [
    -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
    1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
  ]
  let b = [
    -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
    6.680131188771972e+01, -1.328068155288572e+01,
  ]
  let c = [
    -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
    -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
  ]
  let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]

  var z: Double
  if p < 0.02425 {
    let q = (-2 * Double.log(p)).squareRoot()
    z = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
      / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  } else {
    let q = p - 0.5
    let r = q * q
    z = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  }
  // One Halley step: e = Φ(z) − p, u = e / φ(z).
  let error = standardNormalCDF(z) - p
  let u = error * (2 * Double.pi).squareRoot() * Double.exp(z * z / 2)
  z -= u / (1 + z * u / 2)
  return z
}
