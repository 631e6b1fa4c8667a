import Groundwork

/// Binary focal loss (Lin et al. 2017) of one example, from its logit x and
/// label y ∈ {0, 1}, with the natural logarithm:
/// FL = −(1 − p_t)^γ · log p_t, where p = σ(x) and p_t = p if y = 1,
/// 1 − p if y = 0. γ = 0 is the cross-entropy.
func focalLoss(logit: Double, label: Int, gamma: Double) -> Double {
  fatalError("TODO: compute the focal loss from the logit")
}

/// d focalLoss / d logit.
func focalLossGradient(logit: Double, label: Int, gamma: Double) -> Double {
  fatalError("TODO: differentiate the focal loss with respect to the logit")
}

/// σ(x) = 1 / (1 + e^{−x}).
func sigmoid(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + Double.exp(-x)) : Double.exp(x) / (1 + Double.exp(x))
}

/// log(1 + eˣ), without overflow for large x.
func softplus(_ x: Double) -> Double {
  max(x, 0) + Double.log(1 + Double.exp(-abs(x)))
}
