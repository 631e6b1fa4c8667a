import Groundwork

/// The mean of a population estimated from the units that were observed,
/// where unit i was observed with probability `observationProbabilities[i]`
/// (known, and greater than 0).
///
/// Return the Hájek estimate: each value weighted by the number of
/// population units it stands for, divided by the total weight.
func inverseProbabilityWeightedMean(values: [Double], observationProbabilities: [Double]) -> Double {
  fatalError("TODO: weight each value by 1/π and divide by the total weight")
}
