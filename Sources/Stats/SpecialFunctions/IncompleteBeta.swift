import RealModule

/// The regularized incomplete beta function
/// `I_x(a, b) = (1 / B(a, b)) · ∫₀ˣ tᵃ⁻¹ (1 − t)ᵇ⁻¹ dt`, the CDF of the
/// Beta(a, b) distribution at `x` (Abramowitz and Stegun 26.5.1).
///
/// Evaluated by the continued fraction of A&S 26.5.8 with the modified Lentz
/// algorithm (Press et al., *Numerical Recipes*, 3rd ed., §6.4), on the side
/// of the mean where it converges fast (`I_x(a, b) = 1 − I_{1−x}(b, a)`
/// otherwise). The prefactor `xᵃ (1 − x)ᵇ / B(a, b)` is computed as a binomial
/// density with Loader's saddle-point method, so the result keeps about 14
/// significant digits even for parameters in the thousands.
///
/// - Parameters:
///   - a: first shape parameter, `a > 0`.
///   - b: second shape parameter, `b > 0`.
///   - x: the point, in [0, 1].
/// - Returns: `I_x(a, b)` in [0, 1].
public func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
  precondition(a > 0 && b > 0, "shape parameters must be positive, got a = \(a), b = \(b)")
  precondition((0...1).contains(x), "x = \(x) is outside [0, 1]")
  return regularizedIncompleteBeta(a, b, x: x, complement: 1 - x)
}

/// The quantile of the Beta(a, b) distribution: the `x` in [0, 1] with
/// `I_x(a, b) = p`, the inverse of `regularizedIncompleteBeta(a:b:x:)`.
///
/// Found by Newton's method on `I_x(a, b) − p` (the derivative is the beta
/// density), safeguarded by bisection on a bracket that shrinks every step
/// (the `rtsafe` scheme of *Numerical Recipes*, §9.4), to a relative
/// accuracy of a few units in the last place of `x`.
///
/// - Parameters:
///   - p: a probability in [0, 1].
///   - a: first shape parameter, `a > 0`.
///   - b: second shape parameter, `b > 0`.
public func betaQuantile(_ p: Double, a: Double, b: Double) -> Double {
  precondition(a > 0 && b > 0, "shape parameters must be positive, got a = \(a), b = \(b)")
  precondition((0...1).contains(p), "probability \(p) is outside [0, 1]")
  if p == 0 { return 0 }
  if p == 1 { return 1 }
  let logBeta = Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
  var low = 0.0
  var high = 1.0
  var x = min(max(a / (a + b), 1e-3), 1 - 1e-3)
  var previousError = Double.infinity
  for _ in 0..<400 {
    let error = regularizedIncompleteBeta(a, b, x: x, complement: 1 - x) - p
    if error == 0 { return x }
    if error < 0 { low = x } else { high = x }
    let logDensity = (a - 1) * Double.log(x) + (b - 1) * Double.log(onePlus: -x) - logBeta
    var next = x - error / Double.exp(logDensity)
    // Bisect when Newton leaves the bracket or stops halving the error.
    if !(next > low && next < high) || abs(error) > 0.5 * previousError {
      next = 0.5 * (low + high)
    }
    previousError = abs(error)
    if abs(next - x) <= 2 * next.ulp || high - low <= 2 * high.ulp { return next }
    x = next
  }
  return x
}

/// `I_x(a, b)` with `y = 1 − x` passed separately (exact when the caller has
/// it, e.g. `x = 1 − p` for a binomial tail).
func regularizedIncompleteBeta(_ a: Double, _ b: Double, x: Double, complement y: Double) -> Double {
  if x <= 0 { return 0 }
  if y <= 0 { return 1 }
  if x < (a + 1) / (a + b + 2) {
    let front = binomialDensityTerm(a, a + b, probability: x, complement: y) * b / (a + b)
    return min(1, front * betaContinuedFraction(a, b, x: x))
  }
  let front = binomialDensityTerm(b, a + b, probability: y, complement: x) * a / (a + b)
  return max(0, 1 - front * betaContinuedFraction(b, a, x: y))
}

/// The continued fraction of A&S 26.5.8,
/// `1 / (1 + d₁ / (1 + d₂ / (1 + …)))` with
/// `d₂ₘ₊₁ = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))` and
/// `d₂ₘ = m (b − m) x / ((a + 2m − 1)(a + 2m))`, by the modified Lentz method.
func betaContinuedFraction(_ a: Double, _ b: Double, x: Double) -> Double {
  let tiny = 1e-300
  let epsilon = 4 * Double.ulpOfOne
  func guarded(_ value: Double) -> Double { abs(value) < tiny ? tiny : value }
  var c = 1.0
  var d = 1 / guarded(1 - (a + b) * x / (a + 1))
  var fraction = d
  for step in 1...100_000 {
    let m = Double(step)
    let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
    d = 1 / guarded(1 + even * d)
    c = guarded(1 + even / c)
    fraction *= d * c
    let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
    d = 1 / guarded(1 + odd * d)
    c = guarded(1 + odd / c)
    let delta = d * c
    fraction *= delta
    if abs(delta - 1) < epsilon { break }
  }
  return fraction
}
