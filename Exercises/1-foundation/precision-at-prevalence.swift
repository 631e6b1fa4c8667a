import Groundwork

/// The precision (positive predictive value) of a classifier with the given
/// true- and false-positive rates, used where a share `prevalence` (π) of
/// cases are positive:
///
///     precision = TPR·π / (TPR·π + FPR·(1 − π))
///
/// Of all cases, TPR·π are true positives and FPR·(1 − π) false positives;
/// precision is the share of the flagged cases that are real.
func precisionAtPrevalence(truePositiveRate: Double, falsePositiveRate: Double, prevalence: Double) -> Double {
  fatalError("TODO: weight each rate by the share of its class")
}
