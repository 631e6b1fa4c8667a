import Groundwork

/// Trains a fraud model on labelled transactions and decides, for each test
/// transaction, whether to send it to review (true) or let it through.
///
/// A review costs `falsePositiveCost` when the transaction turns out to be
/// legitimate; letting a fraud through costs `falseNegativeCost`. Correct
/// decisions cost nothing. The goal is the lowest total cost on the test
/// transactions, not the highest accuracy.
///
/// - Parameters:
///   - trainFeatures: one row of features per training transaction.
///   - trainLabels: 1 for fraud, 0 for legitimate, one per row.
///   - testFeatures: the transactions to decide on.
///   - falsePositiveCost: the cost of reviewing a legitimate transaction.
///   - falseNegativeCost: the cost of letting a fraud through.
/// - Returns: one decision per test row: true to review.
func flagFraud(
  trainFeatures: [[Double]], trainLabels: [Int], testFeatures: [[Double]], falsePositiveCost: Double,
  falseNegativeCost: Double
) -> [Bool] {
  // BEGIN SOLUTION: train a logistic regression on the data as given, then flag by expected cost
  let columns = trainFeatures[0].count
  let x = Variable(Tensor(trainFeatures.flatMap { $0 }, shape: [trainFeatures.count, columns]))
  let y = Tensor(trainLabels.map(Double.init), shape: [trainLabels.count, 1])
  let weights = Variable(Tensor.zeros([columns, 1], dtype: .float64), requiresGrad: true)
  // Start the bias at the log-odds of fraud in the training data: the
  // model then begins at the right base rate, instead of spending its
  // first steps walking the bias from 0 (a probability of 0.5) to about −3.5.
  let fraudShare = Double(trainLabels.reduce(0, +)) / Double(trainLabels.count)
  let bias = Variable(Tensor([Double.log(fraudShare / (1 - fraudShare))], shape: [1]), requiresGrad: true)

  // Plain cross-entropy on the data as it is, no class weights: the model's
  // probabilities then estimate P(fraud | features), which is what the
  // decision below needs (Elkan 2001). Weighting the classes as well would
  // count the costs twice.
  var optimizer = Adam([weights, bias], learningRate: 0.2)
  for _ in 0..<60 {
    optimizer.zeroGrad()
    Loss.binaryCrossEntropy(logits: x.matmul(weights) + bias, targets: y).backward()
    optimizer.step()
  }

  // Review when the expected cost of letting it through, p·c_FN, exceeds
  // that of reviewing, (1 − p)·c_FP: when p > c_FP / (c_FP + c_FN).
  let threshold = falsePositiveCost / (falsePositiveCost + falseNegativeCost)
  let test = Variable(Tensor(testFeatures.flatMap { $0 }, shape: [testFeatures.count, columns]))
  let probabilities = withoutGradients { (test.matmul(weights) + bias).sigmoid() }
  return probabilities.value.scalars(as: Double.self).map { $0 > threshold }
  // END SOLUTION
}
