// Inverse-probability weighting: estimating a population mean from a sample
// in which some units were more likely to be observed than others (the
// companies that survived, the users who opted in).
//
// When unit i is observed with a known probability πᵢ > 0, each observed
// unit stands for 1/πᵢ units of the population. Horvitz and Thompson (1952)
// weight each value by 1/πᵢ and divide by the population size; Hájek (1971)
// divides by the sum of the weights instead, which needs no population size
// and is what is used in practice.

/// The Hájek inverse-probability-weighted mean `Σ(yᵢ/πᵢ) / Σ(1/πᵢ)` of the
/// observed values `yᵢ`, each observed with probability `πᵢ`.
///
/// With every `πᵢ` equal it is the plain mean. When the chance of being
/// observed rises with the value (survivorship), the plain mean is too high
/// and the weights pull it back down.
///
/// ```swift
/// inverseProbabilityWeightedMean(values: [10, 1], observationProbabilities: [1, 0.1])   // 1.8181…
/// ```
///
/// - Parameters:
///   - values: the observed values, not empty.
///   - observationProbabilities: each value's probability of having been
///     observed, in (0, 1].
public func inverseProbabilityWeightedMean(values: [Double], observationProbabilities: [Double]) -> Double {
  precondition(!values.isEmpty, "the weighted mean needs at least one value")
  precondition(
    values.count == observationProbabilities.count,
    "\(values.count) values for \(observationProbabilities.count) probabilities")
  var weightedSum = 0.0
  var weightSum = 0.0
  for (value, probability) in zip(values, observationProbabilities) {
    precondition(probability > 0 && probability <= 1, "an observation probability must be in (0, 1], got \(probability)")
    weightedSum += value / probability
    weightSum += 1 / probability
  }
  return weightedSum / weightSum
}

/// The Horvitz–Thompson estimate of a population mean,
/// `Σ(yᵢ/πᵢ) / N`, for a population of known size `N`.
///
/// It is unbiased when the `πᵢ` are right, but unlike the Hájek mean it is
/// not invariant to adding a constant to every value, and its variance is
/// larger when the realised sample size varies.
///
/// - Parameters:
///   - values: the observed values.
///   - observationProbabilities: each value's probability of having been
///     observed, in (0, 1].
///   - populationSize: `N ≥ 1`.
public func horvitzThompsonMean(values: [Double], observationProbabilities: [Double], populationSize: Int) -> Double {
  precondition(populationSize >= 1, "the population size must be positive, got \(populationSize)")
  precondition(
    values.count == observationProbabilities.count,
    "\(values.count) values for \(observationProbabilities.count) probabilities")
  var weightedSum = 0.0
  for (value, probability) in zip(values, observationProbabilities) {
    precondition(probability > 0 && probability <= 1, "an observation probability must be in (0, 1], got \(probability)")
    weightedSum += value / probability
  }
  return weightedSum / Double(populationSize)
}
