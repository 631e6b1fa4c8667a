import Tensors

extension Loss {
  /// The pinball (quantile) loss at level τ: mean of ρ_τ(u) with
  /// u = target − prediction and ρ_τ(u) = max(τ·u, (τ − 1)·u).
  ///
  /// Under-predicting by u costs τ·u, over-predicting costs (1 − τ)·|u|, so
  /// its minimiser over a constant is a τ-quantile of the targets (Koenker
  /// and Bassett 1978): τ = 0.5 gives half the mean absolute error and the
  /// median; τ = 0.9 a value that 90% of the targets do not exceed.
  ///
  /// At u = 0 the gradient is taken from the under-prediction side (τ), a
  /// valid subgradient.
  ///
  /// - Parameters:
  ///   - prediction: the predicted quantiles.
  ///   - target: the observed values, of the prediction's shape.
  ///   - tau: the quantile level, in (0, 1).
  public static func pinball(_ prediction: Variable, _ target: Tensor, tau: Double) -> Variable {
    precondition(tau > 0 && tau < 1, "pinball loss needs a level τ in (0, 1), got \(tau)")
    let u = Variable(target) - prediction
    let isUnder = u.value .>= 0
    return Variable.where(isUnder, u * tau, u * (tau - 1)).mean()
  }
}
