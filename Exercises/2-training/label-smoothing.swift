import Groundwork
import RealModule

/// The mean cross-entropy of `logits` (one row of K class scores per
/// example) against integer `targets`, with label smoothing ε = `smoothing`
/// (Szegedy et al. 2016): the target distribution of each row is
///
///     q_c = (1 − ε) · [c = target] + ε / K
///
/// and its loss −Σ_c q_c · log softmax(z)_c. The softmax is taken through a
/// log-sum-exp shifted by the row's largest logit, so logits in the
/// thousands neither overflow nor lose precision.
func labelSmoothedCrossEntropy(logits: [[Double]], targets: [Int], smoothing: Double) -> Double {
  fatalError("TODO: average −Σ q_c · log p_c over the rows, with a stable log-softmax")
}
