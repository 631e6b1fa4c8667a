/// Domingos' split of the 0-1 variance into the part that adds to the error
/// and the part that removes it.
///
/// On a row where the main prediction is right (unbiased), every model that
/// disagrees with it is wrong, so variance adds to the error. On a row
/// where the main prediction is wrong (biased), a model that disagrees with
/// it may be right, so variance removes error: with two classes every
/// disagreement is a correct prediction. Domingos (2000) writes the
/// noise-free expected 0-1 loss as `bias + netVariance`, with
/// `netVariance = unbiasedVariance − Σ_biased c·Vᵢ / n`, where on a biased
/// row `c = P(prediction = target | prediction ≠ main prediction)` (1 with
/// two classes).
public struct ZeroOneVarianceSplit: Sendable, Equatable {
  /// `(1/n) Σ_{unbiased rows} Vᵢ`, where `Vᵢ` is the share of models that
  /// disagree with the main prediction on row i.
  public var unbiasedVariance: Double
  /// `(1/n) Σ_{biased rows} Vᵢ`.
  public var biasedVariance: Double
  /// `unbiasedVariance − (1/n) Σ_{biased rows} cᵢ Vᵢ`; with two classes
  /// `unbiasedVariance − biasedVariance`. The expected 0-1 loss against the
  /// targets equals `bias + netVariance`.
  public var netVariance: Double
}

/// Splits the 0-1 variance of an ensemble's predictions into its unbiased,
/// biased and net parts (Domingos 2000); see `ZeroOneVarianceSplit`.
///
/// The main prediction of a row is its most frequent label, ties going to
/// the numerically smallest, exactly as in `biasVarianceDecomposition`, so
/// `unbiasedVariance + biasedVariance` equals that function's `variance`
/// and `bias + netVariance` its `expectedLoss`.
///
/// - Parameters:
///   - targets: the true label of each row; not empty.
///   - predictions: one array per model, `predictions[k][i]` the label
///     model k predicts for row i; at least one model.
public func zeroOneVarianceSplit(targets: [Double], predictions: [[Double]]) -> ZeroOneVarianceSplit {
  precondition(!targets.isEmpty, "the decomposition needs at least one row")
  precondition(!predictions.isEmpty, "the decomposition needs at least one model")
  for (model, column) in predictions.enumerated() {
    precondition(
      column.count == targets.count,
      "model \(model) has \(column.count) predictions for \(targets.count) rows")
  }
  let models = Double(predictions.count)
  var unbiased = 0.0
  var biased = 0.0
  var net = 0.0
  for row in targets.indices {
    let rowPredictions = predictions.map { $0[row] }
    let main = mainPrediction(rowPredictions)
    let disagreeing = rowPredictions.filter { $0 != main }
    let variance = Double(disagreeing.count) / models
    if main == targets[row] {
      unbiased += variance
      net += variance
    } else {
      biased += variance
      // Among the models that disagree with the wrong main prediction,
      // those that hit the target remove error: V·c = their share of all models.
      net -= Double(disagreeing.filter { $0 == targets[row] }.count) / models
    }
  }
  let n = Double(targets.count)
  return ZeroOneVarianceSplit(unbiasedVariance: unbiased / n, biasedVariance: biased / n, netVariance: net / n)
}

/// The row's main prediction under 0-1 loss: the most frequent label, ties
/// going to the smallest, the same rule as `biasVarianceDecomposition`
/// (numpy's `argmax(bincount(…))`).
private func mainPrediction(_ labels: [Double]) -> Double {
  var counts: [Double: Int] = [:]
  for label in labels { counts[label, default: 0] += 1 }
  return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key
}
