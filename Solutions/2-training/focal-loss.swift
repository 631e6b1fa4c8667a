import Groundwork

/// Binary focal loss (Lin et al. 2017) of one example, from its logit x and
/// label y ∈ {0, 1}, with the natural logarithm:
/// FL = −(1 − p_t)^γ · log p_t, where p = σ(x) and p_t = p if y = 1,
/// 1 − p if y = 0. γ = 0 is the cross-entropy.
func focalLoss(logit: Double, label: Int, gamma: Double) -> Double {
  // BEGIN SOLUTION: compute the focal loss from the logit
  // log p_t = −log(1 + e^{−s}) with s = x for y = 1 and −x for y = 0,
  // written so that e^{…} never overflows; 1 − p_t = σ(−s).
  let s = label == 1 ? logit : -logit
  let logPt = -softplus(-s)
  let oneMinusPt = sigmoid(-s)
  return -Double.pow(oneMinusPt, gamma) * logPt
  // END SOLUTION
}

/// d focalLoss / d logit.
func focalLossGradient(logit: Double, label: Int, gamma: Double) -> Double {
  // BEGIN SOLUTION: differentiate the focal loss with respect to the logit
  // With s as above, q = 1 − p_t = σ(−s), dq/ds = −q·p_t and d log p_t/ds = q.
  // FL = −q^γ·log p_t, so dFL/ds = γ·q^γ·p_t·log p_t − q^(γ+1): the first
  // term is the modulating factor's own derivative. ds/dx = ±1.
  let s = label == 1 ? logit : -logit
  let pt = sigmoid(s)
  let q = sigmoid(-s)
  let logPt = -softplus(-s)
  let dFLds = gamma * Double.pow(q, gamma) * pt * logPt - Double.pow(q, gamma + 1)
  return label == 1 ? dFLds : -dFLds
  // END SOLUTION
}

/// σ(x) = 1 / (1 + e^{−x}).
func sigmoid(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + Double.exp(-x)) : Double.exp(x) / (1 + Double.exp(x))
}

/// log(1 + eˣ), without overflow for large x.
func softplus(_ x: Double) -> Double {
  max(x, 0) + Double.log(1 + Double.exp(-abs(x)))
}
