import Groundwork
import RealModule

/// Grades the learner's training loop with early stopping (Lessons/2-training,
/// the overfitting lesson): a [1, 32, 32, 1] tanh network trained by Adam on
/// 16 noisy points of a sine, which overfits within a few hundred steps.
///
/// Reference: the same recipe run by the grader with the kernel (model,
/// optimizer, loss and seed as the exercise fixes them). Exact on the best
/// step and the stopping step; relative 1e-6 on the restored model's
/// predictions at held-out test inputs, which is what the learner ships.
///
/// The misconception aimed at: early stopping means "stop, then use the
/// model you have". Every case stops `patience` steps after the best one,
/// so the final model differs from the best, and a report that matches the
/// final model's predictions says so, with both models' test errors. Other
/// named mistakes: the best step chosen one off (validation measured before
/// the step, or steps counted from 0), patience off by one, and no stopping
/// at all.
public struct EarlyStoppingGrader: Grader {
  public static let name = "training.early-stopping"
  public static let entryPoints = [
    EntryPoint(
      "trainWithEarlyStopping",
      [
        .init("trainInputs", "[Double]"), .init("trainTargets", "[Double]"), .init("validationInputs", "[Double]"),
        .init("validationTargets", "[Double]"), .init("testInputs", "[Double]"), .init("seed", "Int"),
        .init("maxSteps", "Int"), .init("patience", "Int"),
      ],
      returns: "(bestStep: Int, stoppedAfter: Int, testPredictions: [Double])")
  ]

  /// The learner's function.
  let implementation:
    ([Double], [Double], [Double], [Double], [Double], Int, Int, Int) -> (
      bestStep: Int, stoppedAfter: Int, testPredictions: [Double]
    )
  let tolerance = Tolerance.relative(1e-6)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0,
      as: (([Double], [Double], [Double], [Double], [Double], Int, Int, Int) -> (
        bestStep: Int, stoppedAfter: Int, testPredictions: [Double]
      )).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    // Two runs keep the check to a few seconds: one that stops on patience
    // (where the final model is not the best), one that hits maxSteps.
    let standard = RegressionTask.noisySine(train: 16, noise: 0.3, modelSeed: Int(seed), maxSteps: 1_500, patience: 50, rng: &rng)
    let short = RegressionTask.noisySine(train: 24, noise: 0.2, modelSeed: Int(seed) + 200, maxSteps: 40, patience: 50, rng: &rng)
    return [
      compare("16 noisy points, patience 50", standard, seed: seed),
      compare("maxSteps reached before patience runs out", short, seed: seed),
    ]
  }

  func compare(_ name: String, _ task: RegressionTask, seed: UInt64) -> Check {
    let tried =
      "\(task.trainInputs.count) training, \(task.validationInputs.count) validation, \(task.testInputs.count) test points; model seed \(task.modelSeed), maxSteps \(task.maxSteps), patience \(task.patience), seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let reference = task.kernelRun()
      let got = implementation(
        task.trainInputs, task.trainTargets, task.validationInputs, task.validationTargets, task.testInputs,
        task.modelSeed, task.maxSteps, task.patience)
      let predictionsMatch = { (expected: [Double]) in
        got.testPredictions.count == expected.count
          && zip(got.testPredictions, expected).allSatisfy { tolerance.accepts($0, expected: $1) }
      }
      if got.stoppedAfter != reference.stoppedAfter {
        let message: String
        let hint: String
        if got.stoppedAfter == task.maxSteps {
          message = "Training ran to maxSteps; it should have stopped after step \(reference.stoppedAfter), \(task.patience) steps after the best one."
          hint = "After each step, stop when step − bestStep reaches patience."
        } else if abs(got.stoppedAfter - reference.stoppedAfter) == 1 {
          message = "Patience is off by one."
          hint = "Stop after the step at which exactly `patience` steps have passed since the best: stoppedAfter = bestStep + patience."
        } else {
          message = "Training stopped at a different step."
          hint = "Measure the validation MSE after every step and count steps from 1; stop when step − bestStep reaches patience."
        }
        return .failed(
          expected: "stoppedAfter \(reference.stoppedAfter)", got: "stoppedAfter \(got.stoppedAfter)", message: message,
          hint: hint)
      }
      if got.bestStep != reference.bestStep {
        let offByOne = abs(got.bestStep - reference.bestStep) == 1
        return .failed(
          expected: "bestStep \(reference.bestStep)", got: "bestStep \(got.bestStep)",
          message: offByOne ? "The best step is off by one." : "A different step was chosen as the best.",
          hint: offByOne
            ? "Count steps from 1 and measure the validation loss after the optimizer's step, with the parameters that step produced."
            : "The best step is the one with the lowest validation MSE, strictly lower than every step before it; the training loss plays no part.")
      }
      if predictionsMatch(reference.bestPredictions) { return .passed }
      let testError = { (predictions: [Double]) in RegressionTask.meanSquaredError(predictions, task.testTargets) }
      if predictionsMatch(reference.finalPredictions) {
        return .failed(
          expected: "the step-\(reference.bestStep) model's predictions (test MSE \(formatted(testError(reference.bestPredictions))))",
          got: "the step-\(reference.stoppedAfter) model's (test MSE \(formatted(testError(reference.finalPredictions))))",
          message: "These are the predictions of the model training stopped with, not of the best checkpoint.",
          hint: "Keep a snapshot (model.stateDict()) whenever validation improves, and load it (model.loadStateDict) before predicting.")
      }
      let index = zip(got.testPredictions, reference.bestPredictions).enumerated().first {
        !tolerance.accepts($0.element.0, expected: $0.element.1)
      }?.offset
      return .failed(
        expected: index.map { "prediction \($0): \(formatted(reference.bestPredictions[$0]))" }
          ?? "\(reference.bestPredictions.count) predictions",
        got: index.map { "prediction \($0): \(formatted(got.testPredictions[$0]))" }
          ?? "\(got.testPredictions.count) predictions",
        message: "The restored model's test predictions differ from the kernel's best checkpoint.",
        hint: "Follow the recipe exactly: the model from SplitMix64(seed: UInt64(seed)), Adam with learning rate 0.01, full-batch MSE, and the parameters of the best step.")
    }
  }

  /// One regression task and its training settings.
  struct RegressionTask: Sendable {
    var trainInputs: [Double]
    var trainTargets: [Double]
    var validationInputs: [Double]
    var validationTargets: [Double]
    var testInputs: [Double]
    var testTargets: [Double]
    var modelSeed: Int
    var maxSteps: Int
    var patience: Int

    /// y = sin(3x) + noise·N(0, 1) for x uniform in [−1, 1): `train`
    /// training points, 64 validation and 200 test points.
    static func noisySine(
      train: Int, noise: Double, modelSeed: Int, maxSteps: Int, patience: Int, rng: inout SplitMix64
    ) -> RegressionTask {
      func sample(_ count: Int) -> ([Double], [Double]) {
        let x = (0..<count).map { _ in rng.nextDouble(in: -1..<1) }
        return (x, x.map { Double.sin(3 * $0) + noise * rng.nextNormal() })
      }
      let (trainX, trainY) = sample(train)
      let (validationX, validationY) = sample(64)
      let (testX, testY) = sample(200)
      return RegressionTask(
        trainInputs: trainX, trainTargets: trainY, validationInputs: validationX, validationTargets: validationY,
        testInputs: testX, testTargets: testY, modelSeed: modelSeed, maxSteps: maxSteps, patience: patience)
    }

    static func meanSquaredError(_ predictions: [Double], _ targets: [Double]) -> Double {
      zip(predictions, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(max(targets.count, 1))
    }

    /// The exercise's recipe run with the kernel.
    func kernelRun() -> (bestStep: Int, stoppedAfter: Int, bestPredictions: [Double], finalPredictions: [Double]) {
      func column(_ values: [Double]) -> Tensor { Tensor(values, shape: [values.count, 1]) }
      var rng = SplitMix64(seed: UInt64(modelSeed))
      let model = multilayerPerceptron(sizes: [1, 32, 32, 1], activation: { .tanh }, dtype: .float64, rng: &rng)
      var optimizer = Adam(model.parameters, learningRate: 0.01)
      let x = Variable(column(trainInputs))
      let validationX = Variable(column(validationInputs))
      let testX = Variable(column(testInputs))
      var (bestStep, bestLoss, bestState) = (0, Double.infinity, model.stateDict())
      var step = 0
      while step < maxSteps && step - bestStep < patience {
        step += 1
        optimizer.zeroGrad()
        Loss.meanSquaredError(model(x), column(trainTargets)).backward()
        optimizer.step()
        let loss = withoutGradients { Loss.meanSquaredError(model(validationX), column(validationTargets)).value.item() }
        if loss < bestLoss { (bestStep, bestLoss, bestState) = (step, loss, model.stateDict()) }
      }
      let finalPredictions = withoutGradients { model(testX).value.scalars(as: Double.self) }
      model.loadStateDict(bestState)
      let bestPredictions = withoutGradients { model(testX).value.scalars(as: Double.self) }
      return (bestStep, step, bestPredictions, finalPredictions)
    }
  }
}
