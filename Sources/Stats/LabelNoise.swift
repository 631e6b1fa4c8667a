// Label noise in the test set: what a measured accuracy says about the true
// one when some test labels are wrong.
//
// The model below is symmetric noise: each test label is replaced, with
// probability η, by one of the other K − 1 classes chosen uniformly, and the
// replacement does not depend on whether the model is right. Under it a
// model of true accuracy a agrees with the noisy label when it is right and
// the label was kept, or when it is wrong and the label was changed to
// exactly its wrong answer:
//
//     m = a(1 − η) + (1 − a) · η/(K − 1)

/// The accuracy measured against noisy labels, `a(1 − η) + (1 − a)·η/(K − 1)`,
/// for a model of true accuracy `a` under symmetric label noise at rate `η`
/// over `K` classes.
///
/// A model of true accuracy 0.90, scored on 10-class labels of which 5% are
/// wrong, measures 0.8555…:
///
/// ```swift
/// measuredAccuracyUnderLabelNoise(trueAccuracy: 0.9, noiseRate: 0.05, classes: 10)   // 0.85555…
/// ```
///
/// - Parameters:
///   - trueAccuracy: `a`, in [0, 1].
///   - noiseRate: `η`, the probability that a label was changed, in [0, 1).
///   - classes: `K ≥ 2`.
public func measuredAccuracyUnderLabelNoise(trueAccuracy: Double, noiseRate: Double, classes: Int) -> Double {
  precondition(classes >= 2, "label noise needs at least 2 classes, got \(classes)")
  let chance = noiseRate / Double(classes - 1)
  return trueAccuracy * (1 - noiseRate) + (1 - trueAccuracy) * chance
}

/// The true accuracy implied by an accuracy `m` measured against labels
/// with symmetric noise: `a = (m − η/(K − 1)) / (1 − η − η/(K − 1))`, the
/// inverse of `measuredAccuracyUnderLabelNoise`.
///
/// The denominator is 0 at `η = (K − 1)/K`, where the noisy labels are
/// independent of the true ones and no measurement says anything; the
/// result is then not finite. With sampling noise in `m` the result can
/// leave [0, 1]; it is returned unclipped so that the caller sees it.
///
/// - Parameters:
///   - measured: `m`, the accuracy against the noisy labels.
///   - noiseRate: `η`.
///   - classes: `K ≥ 2`.
public func accuracyCorrectedForLabelNoise(measured: Double, noiseRate: Double, classes: Int) -> Double {
  precondition(classes >= 2, "label noise needs at least 2 classes, got \(classes)")
  let chance = noiseRate / Double(classes - 1)
  return (measured - chance) / (1 - noiseRate - chance)
}
