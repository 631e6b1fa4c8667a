import Groundwork

/// The parameters after each of `steps` AdamW updates from `start`, with
/// the gradient of the loss at θ given by `gradient(θ)`: the algorithm of
/// Loshchilov and Hutter (2019) as PyTorch's `torch.optim.AdamW` runs it.
///
/// At step t = 1, 2, …, with m and v starting at zero:
///
///     θ ← θ − η·λ·θ                          (decoupled weight decay)
///     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
///     m̂ ← m / (1 − β₁ᵗ),       v̂ ← v / (1 − β₂ᵗ)
///     θ ← θ − η·m̂ / (√v̂ + ε)
///
/// where g is the gradient at θ before the step. Row t − 1 of the result is
/// θ after step t.
func adamWTrajectory(
  start: [Double], gradient: ([Double]) -> [Double], steps: Int, learningRate: Double, beta1: Double,
  beta2: Double, epsilon: Double, weightDecay: Double
) -> [[Double]] {
  fatalError("TODO: run AdamW and record θ after every step")
}
