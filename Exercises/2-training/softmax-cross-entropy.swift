import Groundwork

/// Cross-entropy of one example: −log softmax(logits)[label], with the
/// natural logarithm, computed without overflow for logits as large as
/// ±10,000.
func crossEntropy(logits: [Double], label: Int) -> Double {
  fatalError("TODO: compute −log softmax(logits)[label] stably")
}

/// The gradient of `crossEntropy(logits:label:)` with respect to each logit:
/// softmax(logits) − onehot(label).
func crossEntropyGradient(logits: [Double], label: Int) -> [Double] {
  fatalError("TODO: compute softmax(logits) minus the one-hot label, stably")
}

/// log Σ e^{zᵢ}, shifted by the maximum so that no exponential overflows.
func logSumExp(_ z: [Double]) -> Double {
  fatalError("TODO: compute log Σ exp(z) without overflow")
}
