// Covariate shift: p(x) changes between the source (training) data and the
// target (production) data while p(y | x) stays the same. A classifier
// trained to tell the two apart gives the density ratio.

/// Importance weights `w(x) = p_target(x) / p_source(x)` for source
/// examples, from a domain classifier's probabilities `c(x) = P(target | x)`.
///
/// By Bayes' rule `p_t(x)/p_s(x) = [c/(1 − c)] · [P(source)/P(target)]`,
/// and when the classifier was trained on `n_s` source and `n_t` target
/// examples its prior odds are `n_t/n_s`, so `w = c/(1 − c) · n_s/n_t`.
/// Weighted by `w`, a source average estimates the target average
/// (Shimodaira 2000). A classifier that cannot tell the domains apart
/// gives `c = n_t/(n_s + n_t)` and every weight 1.
///
/// - Parameters:
///   - targetProbabilities: `c(x)` for each source example, in (0, 1).
///   - sourceCount: `n_s`, the source examples the classifier was trained on.
///   - targetCount: `n_t`, the target examples it was trained on.
public func importanceWeights(targetProbabilities: [Double], sourceCount: Int, targetCount: Int) -> [Double] {
  precondition(sourceCount > 0 && targetCount > 0, "both domains need examples")
  let priorCorrection = Double(sourceCount) / Double(targetCount)
  return targetProbabilities.map { c in
    precondition(c > 0 && c < 1, "a domain probability must be in (0, 1), got \(c)")
    return c / (1 - c) * priorCorrection
  }
}
