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
  // BEGIN SOLUTION: run AdamW and record θ after every step
  var theta = start
  var m = [Double](repeating: 0, count: start.count)
  var v = [Double](repeating: 0, count: start.count)
  // β₁ᵗ and β₂ᵗ, kept as running products so that no pow is needed.
  var beta1Power = 1.0
  var beta2Power = 1.0
  var trajectory: [[Double]] = []
  for _ in 0..<steps {
    let g = gradient(theta)
    beta1Power *= beta1
    beta2Power *= beta2
    for i in theta.indices {
      // Decoupled: the decay shrinks θ directly and never enters m or v,
      // so Adam's per-coordinate scaling cannot weaken it.
      theta[i] -= learningRate * weightDecay * theta[i]
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
      let mHat = m[i] / (1 - beta1Power)
      let vHat = v[i] / (1 - beta2Power)
      theta[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
    }
    trajectory.append(theta)
  }
  return trajectory
  // END SOLUTION
}
