import Groundwork

/// Importance weights p_target(x) / p_source(x) for source examples, from a
/// domain classifier's probability c(x) = P(target | x) for each of them.
/// The classifier was trained on `sourceCount` source and `targetCount`
/// target examples.
func importanceWeights(targetProbabilities: [Double], sourceCount: Int, targetCount: Int) -> [Double] {
  fatalError("TODO: turn each probability into odds and correct for the domain sizes")
}
