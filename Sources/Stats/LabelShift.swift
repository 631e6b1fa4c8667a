/// Black-box shift estimation of label shift (Lipton, Wang and Smola,
/// "Detecting and Correcting for Label Shift with Black Box Predictors",
/// ICML 2018).
///
/// Under label shift `p(x | y)` stays fixed while `p(y)` changes, so a fixed
/// classifier's confusion behaviour carries over: with
/// `C[i][j] = P_source(ŷ = i, y = j)` estimated on held-out source data and
/// `μ[i] = P_target(ŷ = i)` from the classifier's predictions on unlabelled
/// target data, `μ = C w` for the importance weights
/// `w[j] = P_target(y = j) / P_source(y = j)`, and `ŵ = Ĉ⁻¹ μ̂`.
public struct LabelShiftEstimate: Sendable, Equatable {
  /// `ŵ = Ĉ⁻¹ μ̂`, one weight per class. Sampling noise can make a weight
  /// negative; Lipton et al. clip at 0 before reweighting.
  public var weights: [Double]
  /// The implied target class distribution `ŵ[j] · P_source(y = j)`.
  public var targetPrior: [Double]
}

/// BBSE from the joint confusion matrix and the target's predicted-label
/// frequencies; see `LabelShiftEstimate`.
///
/// The linear system is solved by Gaussian elimination with partial
/// pivoting; a singular (or numerically singular) `C` — a classifier that
/// cannot tell two classes apart — is a precondition failure.
///
/// - Parameters:
///   - jointConfusion: `K × K`, `C[i][j] = P_source(ŷ = i, y = j)` (entries sum
///     to 1; column sums are the source prior).
///   - targetPredictionRates: `μ[i] = P_target(ŷ = i)`, `K` entries.
public func blackBoxShiftEstimate(jointConfusion: [[Double]], targetPredictionRates: [Double]) -> LabelShiftEstimate {
  let k = jointConfusion.count
  precondition(k >= 1 && jointConfusion.allSatisfy { $0.count == k }, "the confusion matrix must be square")
  precondition(targetPredictionRates.count == k, "\(targetPredictionRates.count) target rates for \(k) classes")
  let weights = solveLinearSystem(jointConfusion, targetPredictionRates)
  let sourcePrior = (0..<k).map { j in jointConfusion.reduce(0) { $0 + $1[j] } }
  return LabelShiftEstimate(weights: weights, targetPrior: zip(weights, sourcePrior).map(*))
}

/// BBSE from data: `Ĉ` from a classifier's predictions on labelled held-out
/// source examples, `μ̂` from its predictions on unlabelled target examples.
///
/// - Parameters:
///   - sourcePredictions: predicted classes in `0..<classCount` on source data.
///   - sourceLabels: the true classes of those examples.
///   - targetPredictions: predicted classes on target data, not empty.
///   - classCount: `K`.
public func blackBoxShiftEstimate(
  sourcePredictions: [Int], sourceLabels: [Int], targetPredictions: [Int], classCount: Int
) -> LabelShiftEstimate {
  precondition(!sourceLabels.isEmpty && !targetPredictions.isEmpty, "both samples must be non-empty")
  precondition(sourcePredictions.count == sourceLabels.count, "source predictions and labels differ in length")
  var joint = [[Double]](repeating: [Double](repeating: 0, count: classCount), count: classCount)
  let sourceShare = 1 / Double(sourceLabels.count)
  for (prediction, label) in zip(sourcePredictions, sourceLabels) { joint[prediction][label] += sourceShare }
  var rates = [Double](repeating: 0, count: classCount)
  for prediction in targetPredictions { rates[prediction] += 1 / Double(targetPredictions.count) }
  return blackBoxShiftEstimate(jointConfusion: joint, targetPredictionRates: rates)
}

/// Solves `A x = b` by Gaussian elimination with partial pivoting.
func solveLinearSystem(_ matrix: [[Double]], _ rhs: [Double]) -> [Double] {
  let n = rhs.count
  var a = matrix
  var b = rhs
  let scale = matrix.reduce(0) { max($0, $1.reduce(0) { max($0, abs($1)) }) }
  for column in 0..<n {
    let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
    precondition(
      abs(a[pivot][column]) > 1e-12 * scale, "the confusion matrix is singular: a class cannot be told apart")
    if pivot != column {
      a.swapAt(pivot, column)
      b.swapAt(pivot, column)
    }
    for row in (column + 1)..<n {
      let factor = a[row][column] / a[column][column]
      if factor == 0 { continue }
      for j in column..<n { a[row][j] -= factor * a[column][j] }
      b[row] -= factor * b[column]
    }
  }
  var x = [Double](repeating: 0, count: n)
  for row in stride(from: n - 1, through: 0, by: -1) {
    var sum = b[row]
    for j in (row + 1)..<n { sum -= a[row][j] * x[j] }
    x[row] = sum / a[row][row]
  }
  return x
}
