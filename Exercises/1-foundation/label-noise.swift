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
  fatalError("TODO: invert the measured accuracy under symmetric label noise")
}
