import Groundwork

/// The true accuracy of a model whose accuracy against noisy labels is
/// `measured`, under symmetric noise: each label was changed with
/// probability `noiseRate` to one of the other `classes − 1` classes, chosen
/// uniformly and independently of the model's errors.
///
/// Measured accuracy counts a match when the model is right and the label
/// was kept, and also when the model is wrong and the label was changed to
/// exactly the model's wrong answer.
func trueAccuracy(measured: Double, noiseRate: Double, classes: Int) -> Double {
  // BEGIN SOLUTION: invert the measured accuracy under symmetric label noise
  // m = a(1 − η) + (1 − a)·η/(K − 1), solved for a.
  let chanceMatch = noiseRate / Double(classes - 1)
  return (measured - chanceMatch) / (1 - noiseRate - chanceMatch)
  // END SOLUTION
}
