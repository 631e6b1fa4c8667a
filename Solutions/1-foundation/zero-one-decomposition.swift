import Groundwork

/// Domingos' decomposition of the 0-1 loss of an ensemble of two-class
/// models (labels 0 and 1).
///
/// `predictions[k][i]` is model k's label for row i. On each row the main
/// prediction is the majority vote, a tie going to 0. Return
/// - `bias`: the share of rows whose main prediction differs from the label;
/// - `variance`: the mean over rows of Vᵢ, the share of models whose
///   prediction differs from row i's main prediction;
/// - `netVariance`: the sum of Vᵢ over unbiased rows minus the sum over
///   biased rows, divided by the number of rows, so that
///   bias + netVariance is the share of all predictions that are wrong.
func zeroOneDecomposition(labels: [Int], predictions: [[Int]]) -> (bias: Double, variance: Double, netVariance: Double) {
  // BEGIN SOLUTION: find each row's main prediction, then average bias, variance and net variance
  let models = predictions.count
  var biasedRows = 0
  var variance = 0.0
  var netVariance = 0.0
  for row in labels.indices {
    let ones = predictions.reduce(0) { $0 + ($1[row] == 1 ? 1 : 0) }
    let main = 2 * ones > models ? 1 : 0
    let disagreement = Double(main == 1 ? models - ones : ones) / Double(models)
    variance += disagreement
    if main == labels[row] {
      netVariance += disagreement
    } else {
      // The majority is wrong, so every model that disagrees with it is
      // right: here variance lowers the error.
      biasedRows += 1
      netVariance -= disagreement
    }
  }
  let rows = Double(labels.count)
  return (bias: Double(biasedRows) / rows, variance: variance / rows, netVariance: netVariance / rows)
  // END SOLUTION
}
