import Groundwork

/// Cross-entropy of one example: −log softmax(logits)[label], with the
/// natural logarithm, computed without overflow for logits as large as
/// ±10,000.
func crossEntropy(logits: [Double], label: Int) -> Double {
  // BEGIN SOLUTION: compute −log softmax(logits)[label] stably
  // −log(e^{z_y} / Σ e^{z_j}) = log Σ e^{z_j} − z_y, and
  // log Σ e^{z_j} = m + log Σ e^{z_j − m} with m = max z: every exponent
  // is then ≤ 0, so nothing overflows, and the largest term is exactly 1.
  logSumExp(logits) - logits[label]
  // END SOLUTION
}

/// The gradient of `crossEntropy(logits:label:)` with respect to each logit:
/// softmax(logits) − onehot(label).
func crossEntropyGradient(logits: [Double], label: Int) -> [Double] {
  // BEGIN SOLUTION: compute softmax(logits) minus the one-hot label, stably
  let normaliser = logSumExp(logits)
  var gradient = logits.map { Double.exp($0 - normaliser) }
  gradient[label] -= 1
  return gradient
  // END SOLUTION
}

/// log Σ e^{zᵢ}, shifted by the maximum so that no exponential overflows.
func logSumExp(_ z: [Double]) -> Double {
  // BEGIN SOLUTION: compute log Σ exp(z) without overflow
  let m = z.max() ?? 0
  return m + Double.log(z.reduce(0) { $0 + Double.exp($1 - m) })
  // END SOLUTION
}
