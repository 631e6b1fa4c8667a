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
  fatalError("TODO: average the squared bias and the variance over rows")
}
