import Groundwork

/// The squared-loss bias-variance decomposition of an ensemble.
///
/// `predictions[k][i]` is model k's prediction for row i; `targets[i]` is
/// the true value of row i (the noise-free function, so no noise term
/// appears). For each row let m̄ᵢ be the mean of the models' predictions.
/// Return the squared bias, the mean over rows of (m̄ᵢ − tᵢ)², and the
/// variance, the mean over rows and models of (p_kᵢ − m̄ᵢ)², dividing by the
/// number of models (not one less), so that bias² + variance is the mean
/// squared error of all predictions.
func squaredLossDecomposition(targets: [Double], predictions: [[Double]]) -> (biasSquared: Double, variance: Double) {
  // BEGIN SOLUTION: average the squared bias and the variance over rows
  let models = Double(predictions.count)
  var biasSquared = 0.0
  var variance = 0.0
  for row in targets.indices {
    let mean = predictions.reduce(0) { $0 + $1[row] } / models
    biasSquared += (mean - targets[row]) * (mean - targets[row])
    variance += predictions.reduce(0) { $0 + ($1[row] - mean) * ($1[row] - mean) } / models
  }
  let rows = Double(targets.count)
  return (biasSquared: biasSquared / rows, variance: variance / rows)
  // END SOLUTION
}
