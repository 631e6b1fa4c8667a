import Groundwork

/// The target's class prior under label shift, by black-box shift
/// estimation (Lipton et al. 2018).
///
/// `sourcePredictions` and `sourceLabels` are a classifier's predictions
/// and the true classes on labelled source data; `targetPredictions` are its
/// predictions on unlabelled target data; classes are 0..<classes. Return
/// q[j], the estimated share of class j in the target. Do not clip or
/// renormalise the result.
func estimateTargetPrior(sourcePredictions: [Int], sourceLabels: [Int], targetPredictions: [Int], classes: Int) -> [Double] {
  fatalError("TODO: solve C·w = μ for the weights, then scale the source prior")
}
