/// The loss under which an ensemble's error is decomposed.
public enum BiasVarianceLoss: String, Sendable, CaseIterable {
  /// Squared error, for regression.
  case squared
  /// 0-1 loss on integer labels, for classification (Domingos 2000).
  case zeroOne = "zero-one"
}

/// An estimate of a learning algorithm's expected loss, split into bias and
/// variance, from the predictions of several models trained on different
/// samples (e.g. bootstrap resamples) of the same data.
public struct BiasVarianceDecomposition: Sendable, Equatable {
  /// Number of test rows.
  public var rows: Int
  /// Number of models.
  public var models: Int
  /// The loss used.
  public var loss: BiasVarianceLoss
  /// Mean over rows and models of the loss of each prediction.
  public var expectedLoss: Double
  /// Mean over rows of the loss of the main prediction.
  public var bias: Double
  /// Mean over rows and models of the loss between each prediction and the
  /// main prediction.
  public var variance: Double
}

/// Decomposes the expected loss of an ensemble of models into bias and
/// variance.
///
/// For row `i` with target `tᵢ` and predictions `p_{ik}` of models
/// `k = 1…K`, the *main prediction* `mᵢ` is the prediction that minimises the
/// mean loss to the others (Domingos 2000, "A Unified Bias-Variance
/// Decomposition"):
/// - squared loss: `mᵢ = mean_k p_{ik}`; `bias = mean_i (mᵢ − tᵢ)²`,
///   `variance = mean_i mean_k (p_{ik} − mᵢ)²`,
///   `expectedLoss = mean_{i,k} (p_{ik} − tᵢ)²`, and
///   `expectedLoss = bias + variance` exactly (up to rounding);
/// - 0-1 loss: `mᵢ` = the most frequent label (ties go to the numerically
///   smallest, as `argmax(bincount(…))` does); `bias = mean_i [mᵢ ≠ tᵢ]`,
///   `variance = mean_{i,k} [p_{ik} ≠ mᵢ]`,
///   `expectedLoss = mean_{i,k} [p_{ik} ≠ tᵢ]`. Here the loss is not the sum
///   of the two: variance on a row the main prediction gets wrong lowers it.
///
/// - Parameters:
///   - targets: the true value of each row; not empty.
///   - predictions: one array per model, each with one prediction per row
///     (`predictions[k][i]`); at least one model. For 0-1 loss the values
///     are compared for equality as labels.
///   - loss: squared or 0-1.
public func biasVarianceDecomposition(
  targets: [Double],
  predictions: [[Double]],
  loss: BiasVarianceLoss
) -> BiasVarianceDecomposition {
  precondition(!targets.isEmpty, "the decomposition needs at least one row")
  precondition(!predictions.isEmpty, "the decomposition needs at least one model")
  for (model, column) in predictions.enumerated() {
    precondition(
      column.count == targets.count,
      "model \(model) has \(column.count) predictions for \(targets.count) rows")
  }
  let rowCount = targets.count
  let modelCount = predictions.count
  var lossSum = 0.0
  var biasSum = 0.0
  var varianceSum = 0.0
  for row in 0..<rowCount {
    let target = targets[row]
    let rowPredictions = predictions.map { $0[row] }
    switch loss {
    case .squared:
      let main = rowPredictions.reduce(0, +) / Double(modelCount)
      biasSum += (main - target) * (main - target)
      var rowVariance = 0.0
      var rowLoss = 0.0
      for prediction in rowPredictions {
        rowVariance += (prediction - main) * (prediction - main)
        rowLoss += (prediction - target) * (prediction - target)
      }
      varianceSum += rowVariance / Double(modelCount)
      lossSum += rowLoss / Double(modelCount)
    case .zeroOne:
      let main = mostFrequentLabel(rowPredictions)
      if main != target { biasSum += 1 }
      var disagreements = 0
      var errors = 0
      for prediction in rowPredictions {
        if prediction != main { disagreements += 1 }
        if prediction != target { errors += 1 }
      }
      varianceSum += Double(disagreements) / Double(modelCount)
      lossSum += Double(errors) / Double(modelCount)
    }
  }
  let n = Double(rowCount)
  return BiasVarianceDecomposition(
    rows: rowCount, models: modelCount, loss: loss, expectedLoss: lossSum / n, bias: biasSum / n,
    variance: varianceSum / n)
}

/// The most frequent value; among equally frequent ones, the smallest.
private func mostFrequentLabel(_ labels: [Double]) -> Double {
  let sorted = labels.sorted()
  var best = sorted[0]
  var bestCount = 0
  var start = 0
  while start < sorted.count {
    var end = start
    while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
    if end - start > bestCount {
      best = sorted[start]
      bestCount = end - start
    }
    start = end
  }
  return best
}
