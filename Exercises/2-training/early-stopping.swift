import Groundwork

/// Trains a small regression network with early stopping and returns the
/// best step, the step training stopped after, and the predictions of the
/// restored best model on `testInputs`.
///
/// The recipe, fixed so that the result can be compared with the kernel's
/// run step for step:
/// - the model is `multilayerPerceptron(sizes: [1, 32, 32, 1], activation:
///   { .tanh }, dtype: .float64, rng: &rng)` with
///   `var rng = SplitMix64(seed: UInt64(seed))`;
/// - the optimizer is `Adam(model.parameters, learningRate: 0.01)`;
/// - each step (counted from 1) is one full-batch step on the mean squared
///   error of the training set (`Loss.meanSquaredError`);
/// - after each step the validation MSE is measured; a step is the new best
///   when its validation MSE is strictly below every earlier one;
/// - training stops after the step at which `patience` steps have passed
///   since the best one, or after `maxSteps`;
/// - the model is then restored to the best step's parameters.
///
/// Inputs and targets are one number per example.
func trainWithEarlyStopping(
  trainInputs: [Double], trainTargets: [Double], validationInputs: [Double], validationTargets: [Double],
  testInputs: [Double], seed: Int, maxSteps: Int, patience: Int
) -> (bestStep: Int, stoppedAfter: Int, testPredictions: [Double]) {
  fatalError("TODO: train, keep the best checkpoint by validation loss, stop after `patience` steps without improvement, restore")
}
