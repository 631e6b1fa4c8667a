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
  fatalError("TODO: train a logistic regression on the data as given, then flag by expected cost")
}
