import RealModule

/// How a confidence interval for a binomial proportion is built.
public enum ProportionIntervalMethod: String, Sendable, CaseIterable {
  /// Wilson's score interval (1927), without continuity correction: the
  /// `p` with `|p̂ − p| ≤ z · √(p(1 − p)/n)`, i.e. centre
  /// `(p̂ + z²/2n) / (1 + z²/n)` and half-width
  /// `z · √(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n)`; the lower bound is 0 when
  /// `k = 0` and the upper 1 when `k = n`.
  case wilson
  /// The Clopper–Pearson (1934) "exact" interval from the beta
  /// distribution: `[B⁻¹(α/2; k, n − k + 1), B⁻¹(1 − α/2; k + 1, n − k)]`,
  /// with 0 as the lower bound when `k = 0` and 1 as the upper when `k = n`.
  case clopperPearson = "clopper-pearson"
  /// The Wald interval `p̂ ± z · √(p̂(1 − p̂)/n)`.
  case normal
  /// Agresti and Coull's (1998) interval: the Wald interval around
  /// `p̃ = (k + z²/2) / (n + z²)` with `ñ = n + z²` trials.
  case agrestiCoull = "agresti-coull"
}

/// A two-sided confidence interval for a binomial proportion.
public struct ProportionInterval: Sendable, Equatable {
  /// The point estimate `k / n` (for every method).
  public var estimate: Double
  /// The lower bound, clipped to [0, 1].
  public var lower: Double
  /// The upper bound, clipped to [0, 1].
  public var upper: Double
  /// How the bounds were computed.
  public var method: ProportionIntervalMethod
  /// The confidence level `1 − α`.
  public var level: Double
}

/// A two-sided level-`level` confidence interval for the success
/// probability of a binomial experiment with `successes` out of `trials`.
///
/// With `α = 1 − level` and `z = Φ⁻¹(1 − α/2)`, the methods are those of
/// statsmodels' `proportion_confint` (`wilson`, `beta`, `normal`,
/// `agresti_coull`); see `ProportionIntervalMethod` for the formulas. Every
/// interval is clipped to [0, 1]. Brown, Cai and DasGupta (2001) compare
/// them: Wilson and Agresti–Coull keep close to the nominal coverage, Wald
/// falls well short for small `n` or `p` near 0 or 1, Clopper–Pearson is
/// conservative.
///
/// - Parameters:
///   - successes: `k`, in `0...trials`.
///   - trials: `n ≥ 1`.
///   - method: the construction; Wilson by default.
///   - level: the confidence level, in (0, 1); 0.95 by default.
public func proportionInterval(
  successes: Int,
  trials: Int,
  method: ProportionIntervalMethod = .wilson,
  level: Double = 0.95
) -> ProportionInterval {
  precondition(trials >= 1, "trials must be at least 1, got \(trials)")
  precondition((0...trials).contains(successes), "successes \(successes) is outside 0...\(trials)")
  precondition(level > 0 && level < 1, "level \(level) is outside (0, 1)")
  let k = Double(successes)
  let n = Double(trials)
  let estimate = k / n
  let alpha = 1 - level
  let z = standardNormalUpperQuantile(alpha / 2)
  let z2 = z * z

  var lower: Double
  var upper: Double
  switch method {
  case .wilson:
    let denominator = 1 + z2 / n
    let centre = (estimate + z2 / (2 * n)) / denominator
    let halfWidth = z * (estimate * (1 - estimate) / n + z2 / (4 * n * n)).squareRoot() / denominator
    // At k = 0 and k = n the bounds are exactly 0 and 1; rounding would
    // leave them a unit in the last place inside.
    lower = successes == 0 ? 0 : centre - halfWidth
    upper = successes == trials ? 1 : centre + halfWidth
  case .clopperPearson:
    lower = successes == 0 ? 0 : betaQuantile(alpha / 2, a: k, b: n - k + 1)
    // The upper bound is the (1 − α/2)-quantile of Beta(k + 1, n − k),
    // i.e. 1 minus the (α/2)-quantile of Beta(n − k, k + 1).
    upper = successes == trials ? 1 : 1 - betaQuantile(alpha / 2, a: n - k, b: k + 1)
  case .normal:
    let halfWidth = z * (estimate * (1 - estimate) / n).squareRoot()
    lower = estimate - halfWidth
    upper = estimate + halfWidth
  case .agrestiCoull:
    let adjustedTrials = n + z2
    let adjusted = (k + z2 / 2) / adjustedTrials
    let halfWidth = z * (adjusted * (1 - adjusted) / adjustedTrials).squareRoot()
    lower = adjusted - halfWidth
    upper = adjusted + halfWidth
  }
  return ProportionInterval(
    estimate: estimate, lower: min(1, max(0, lower)), upper: min(1, max(0, upper)), method: method,
    level: level)
}

/// The exact coverage of a proportion interval: the probability, over
/// `k ~ Binomial(trials, probability)`, that the interval computed from
/// `k` successes contains `probability`. A 95% interval should cover about
/// 95% of the time; Brown, Cai and DasGupta (2001) show that Wald's can
/// fall far short.
public func proportionIntervalCoverage(
  trials: Int, probability: Double, method: ProportionIntervalMethod, level: Double = 0.95
) -> Double {
  precondition(trials >= 1, "trials must be at least 1, got \(trials)")
  precondition((0...1).contains(probability), "probability \(probability) is outside [0, 1]")
  var coverage = 0.0
  for successes in 0...trials {
    let interval = proportionInterval(successes: successes, trials: trials, method: method, level: level)
    if interval.lower <= probability && probability <= interval.upper {
      coverage += binomialProbability(successes: successes, trials: trials, probability: probability)
    }
  }
  return coverage
}
