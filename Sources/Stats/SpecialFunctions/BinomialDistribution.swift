import RealModule

/// The probability `P(X = k)` of exactly `k` successes in `n` independent
/// trials with success probability `p`: `C(n, k) · pᵏ · (1 − p)ⁿ⁻ᵏ`.
///
/// Evaluated with Loader's saddle-point expansion (C. Loader, "Fast and
/// Accurate Computation of Binomial Probabilities", 2000; the method of R's
/// `dbinom`), which keeps full relative precision even when `n` is large and
/// the terms of `log C(n, k)` would cancel.
///
/// - Parameters:
///   - successes: `k`; any integer (the probability is 0 outside `0...n`).
///   - trials: `n ≥ 0`.
///   - probability: `p` in [0, 1].
public func binomialProbability(successes: Int, trials: Int, probability: Double) -> Double {
  precondition(trials >= 0, "trials must be non-negative, got \(trials)")
  precondition((0...1).contains(probability), "probability \(probability) is outside [0, 1]")
  guard (0...trials).contains(successes) else { return 0 }
  return binomialDensityTerm(
    Double(successes), Double(trials), probability: probability, complement: 1 - probability)
}

/// The lower tail `P(X ≤ k)` of the binomial distribution with `n` trials and
/// success probability `p`: `Σ_{i=0}^{k} C(n, i) pⁱ (1 − p)ⁿ⁻ⁱ`.
///
/// Uses the identity `P(X ≤ k) = I_{1−p}(n − k, k + 1)` with the regularized
/// incomplete beta function `I` (Abramowitz and Stegun 26.5.24), so the cost
/// grows like `√n` rather than `k`, and small tails keep their relative
/// precision.
///
/// - Parameters:
///   - successes: `k`; below 0 the tail is 0, from `n` on it is 1.
///   - trials: `n ≥ 0`.
///   - probability: `p` in [0, 1].
public func binomialLowerTail(successes: Int, trials: Int, probability: Double) -> Double {
  precondition(trials >= 0, "trials must be non-negative, got \(trials)")
  precondition((0...1).contains(probability), "probability \(probability) is outside [0, 1]")
  if successes < 0 { return 0 }
  if successes >= trials { return 1 }
  return regularizedIncompleteBeta(
    Double(trials - successes), Double(successes + 1), x: 1 - probability, complement: probability)
}

/// Loader's binomial density for real arguments: `Γ(n+1) / (Γ(x+1) Γ(n−x+1))
/// · pˣ · qⁿ⁻ˣ` with `q = 1 − p` passed separately so that it keeps its
/// precision when `p` is close to 1 (R's `dbinom_raw`).
///
/// Written as `exp(−(stirlerr terms) − bd0(x, np) − bd0(n−x, nq)) / √(2πx(n−x)/n)`,
/// which avoids the cancellation of `log Γ` differences.
func binomialDensityTerm(_ x: Double, _ n: Double, probability p: Double, complement q: Double) -> Double {
  if p == 0 { return x == 0 ? 1 : 0 }
  if q == 0 { return x == n ? 1 : 0 }
  if x == 0 {
    if n == 0 { return 1 }
    let logDensity = p < 0.1 ? -deviance(n, n * q) - n * p : n * Double.log(q)
    return Double.exp(logDensity)
  }
  if x == n {
    let logDensity = q < 0.1 ? -deviance(n, n * p) - n * q : n * Double.log(p)
    return Double.exp(logDensity)
  }
  if x < 0 || x > n { return 0 }
  let logCore =
    stirlingError(n) - stirlingError(x) - stirlingError(n - x) - deviance(x, n * p) - deviance(n - x, n * q)
  let logScale = Double.log(2 * Double.pi) + Double.log(x) + Double.log(onePlus: -x / n)
  return Double.exp(logCore - 0.5 * logScale)
}

/// The error of Stirling's approximation to `log n!`:
/// `stirlerr(n) = log Γ(n+1) − (n + ½) log n + n − ½ log 2π`.
///
/// Tabulated at half-integers up to 15 (values computed to 25 digits), the
/// `log Γ` definition elsewhere below 15, and the asymptotic series
/// `1/(12n) − 1/(360n³) + 1/(1260n⁵) − …` above (Loader 2000).
func stirlingError(_ n: Double) -> Double {
  if n <= 15 {
    let twice = n + n
    if twice == twice.rounded(), twice >= 1 { return stirlingErrorAtHalves[Int(twice) - 1] }
    return Double.logGamma(n + 1) - (n + 0.5) * Double.log(n) + n - 0.5 * Double.log(2 * Double.pi)
  }
  let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
  let nn = n * n
  if n > 500 { return (s0 - s1 / nn) / n }
  if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
  if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
}

/// `stirlerr(k/2)` for `k = 1…30`.
private let stirlingErrorAtHalves: [Double] = [
  0.1534264097200273452913839, 0.08106146679532725821967026, 0.0548141210519176538961387,
  0.04134069595540929409382208, 0.03316287351993628748511051, 0.02767792568499833914878929,
  0.02374616365629749597133028, 0.02079067210376509311152277, 0.01848845053267318523077936,
  0.01664469118982119216319487, 0.01513497322191737887351384, 0.01387612882307074799874573,
  0.01281046524292022692425066, 0.01189670994589177009505572, 0.01110455975820691732663076,
  0.01041126526197209649747857, 0.009799416126158803298390373, 0.009255462182712732917728637,
  0.008768700134139385462955047, 0.008330563433362871256469319, 0.007934114564314020547249562,
  0.007573675487951840794972024, 0.007244554301320383179546197, 0.006942840107209529865664153,
  0.006665247032707682442356181, 0.006408994188004207068439631, 0.006171712263039457647534605,
  0.005951370112758847735624416, 0.005746216513010115682026102, 0.00555473355196280137103869,
]

/// The deviance term `bd0(x, m) = x log(x/m) + m − x`, summed as a series in
/// `v = (x − m)/(x + m)` when `x` is close to `m`, where the direct formula
/// would cancel (Loader 2000).
func deviance(_ x: Double, _ mean: Double) -> Double {
  if abs(x - mean) < 0.1 * (x + mean) {
    var v = (x - mean) / (x + mean)
    var sum = (x - mean) * v
    if abs(sum) < Double.leastNormalMagnitude { return sum }
    var term = 2 * x * v
    v *= v
    for j in 1..<1000 {
      term *= v
      let next = sum + term / Double(2 * j + 1)
      if next == sum { return next }
      sum = next
    }
    return sum
  }
  return x * Double.log(x / mean) + mean - x
}
