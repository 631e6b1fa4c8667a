import Groundwork

/// Importance weights p_target(x) / p_source(x) for source examples, from a
/// domain classifier's probability c(x) = P(target | x) for each of them.
/// The classifier was trained on `sourceCount` source and `targetCount`
/// target examples.
func importanceWeights(targetProbabilities: [Double], sourceCount: Int, targetCount: Int) -> [Double] {
  // BEGIN SOLUTION: turn each probability into odds and correct for the domain sizes
  // The odds c/(1 − c) are the density ratio times the classifier's prior
  // odds n_t/n_s; multiplying by n_s/n_t removes them.
  let priorCorrection = Double(sourceCount) / Double(targetCount)
  return targetProbabilities.map { c in c / (1 - c) * priorCorrection }
  // END SOLUTION
}
