import RealModule

// Classification metrics with scikit-learn's definitions, so that a number a
// learner computes with `sklearn.metrics` and one a grader computes here
// agree. `accuracy(predictions:labels:)` and
// `balancedAccuracy(predictions:labels:)` live in Baselines.swift.
//
// Labels are integers with no assumed meaning. Where a metric needs class
// indices (probability rows), label `k` is column `k` of the row.

/// A confusion matrix: how many examples of each true class were predicted
/// as each class.
///
/// `counts[i][j]` is the number of examples whose true label is
/// `classes[i]` and whose predicted label is `classes[j]`; rows are truth,
/// columns predictions, as in scikit-learn's `confusion_matrix`.
public struct ConfusionMatrix: Sendable, Equatable {
  /// The labels that index the rows and columns: the sorted union of the
  /// true and predicted labels (scikit-learn's default `labels`).
  public var classes: [Int]
  /// `counts[i][j]`: true `classes[i]`, predicted `classes[j]`.
  public var counts: [[Int]]

  /// The confusion matrix of `predictions` against `labels`.
  ///
  /// ```swift
  /// ConfusionMatrix(predictions: [0, 1, 1], labels: [0, 0, 1]).counts
  /// // [[1, 1], [0, 1]]
  /// ```
  ///
  /// - Parameters:
  ///   - predictions: predicted labels.
  ///   - labels: true labels; same length as `predictions`, not empty.
  public init(predictions: [Int], labels: [Int]) {
    precondition(!labels.isEmpty, "a confusion matrix needs at least one example")
    precondition(
      predictions.count == labels.count,
      "\(predictions.count) predictions but \(labels.count) labels")
    let classes = Set(predictions).union(labels).sorted()
    var index: [Int: Int] = [:]
    for (position, label) in classes.enumerated() { index[label] = position }
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
    for (prediction, label) in zip(predictions, labels) {
      counts[index[label]!][index[prediction]!] += 1
    }
    self.classes = classes
    self.counts = counts
  }

  /// The number of examples.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// Examples of class `classes[i]` predicted as that class: `counts[i][i]`.
  public func truePositives(_ i: Int) -> Int { counts[i][i] }

  /// Examples predicted as `classes[i]` that are of another class: the
  /// column sum minus the diagonal.
  public func falsePositives(_ i: Int) -> Int { counts.reduce(0) { $0 + $1[i] } - counts[i][i] }

  /// Examples of class `classes[i]` predicted as another class: the row sum
  /// minus the diagonal.
  public func falseNegatives(_ i: Int) -> Int { counts[i].reduce(0, +) - counts[i][i] }

  /// The number of examples whose true label is `classes[i]` (the row sum),
  /// scikit-learn's "support".
  public func support(_ i: Int) -> Int { counts[i].reduce(0, +) }
}

/// How per-class precision, recall and F1 are combined into one number
/// (scikit-learn's `average` argument).
public enum MetricAverage: Sendable, Equatable {
  /// Only the class `positive`, as for a binary problem.
  case binary(positive: Int)
  /// The unweighted mean over the classes of the confusion matrix (the
  /// union of true and predicted labels): every class counts the same.
  case macro
  /// The metric of the pooled counts `Σ TP, Σ FP, Σ FN` over classes. For
  /// single-label multi-class data micro precision, recall and F1 all equal
  /// the accuracy.
  case micro
  /// The mean over classes weighted by each class's support (its number of
  /// true examples).
  case weighted
}

/// Precision, recall, F1 and support of one class.
///
/// Zero-division convention (scikit-learn's `zero_division=0`): a ratio
/// whose denominator is 0 is 0. Precision is `TP / (TP + FP)` and is 0 for a
/// class never predicted; recall is `TP / (TP + FN)` and is 0 for a class
/// absent from the labels; F1 is `2·TP / (2·TP + FP + FN)`, the harmonic mean
/// of precision and recall, and is 0 when `TP = 0`.
public struct ClassScores: Sendable, Equatable {
  /// The label these scores are for.
  public var label: Int
  /// `TP / (TP + FP)`, or 0 when nothing was predicted as this class.
  public var precision: Double
  /// `TP / (TP + FN)`, or 0 when the class does not occur in the labels.
  public var recall: Double
  /// `2·TP / (2·TP + FP + FN)`, or 0 when that denominator is 0.
  public var f1: Double
  /// The number of true examples of the class.
  public var support: Int
}

/// Per-class precision, recall, F1 and support for every class of the
/// confusion matrix, in order of label (scikit-learn's
/// `precision_recall_fscore_support(average=None, zero_division=0)`).
///
/// See `ClassScores` for the definitions and the zero-division convention.
public func classScores(predictions: [Int], labels: [Int]) -> [ClassScores] {
  classScores(ConfusionMatrix(predictions: predictions, labels: labels))
}

/// Per-class scores read off an existing confusion matrix; see
/// `classScores(predictions:labels:)`.
public func classScores(_ matrix: ConfusionMatrix) -> [ClassScores] {
  matrix.classes.indices.map { i in
    let tp = matrix.truePositives(i)
    let fp = matrix.falsePositives(i)
    let fn = matrix.falseNegatives(i)
    return ClassScores(
      label: matrix.classes[i], precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn),
      f1: ratio(2 * tp, 2 * tp + fp + fn), support: tp + fn)
  }
}

/// Precision, `TP / (TP + FP)`: of the examples predicted as a class, the
/// fraction that are of it, averaged as `average` says (scikit-learn's
/// `precision_score(zero_division=0)`; a 0/0 ratio counts as 0).
///
/// ```swift
/// precision(predictions: [1, 1, 0], labels: [1, 0, 0], average: .binary(positive: 1))  // 0.5
/// ```
public func precision(predictions: [Int], labels: [Int], average: MetricAverage) -> Double {
  averagedScore(predictions: predictions, labels: labels, average: average, \.precision) { tp, fp, _ in
    ratio(tp, tp + fp)
  }
}

/// Recall, `TP / (TP + FN)`: of the examples of a class, the fraction
/// predicted as it, averaged as `average` says (scikit-learn's
/// `recall_score(zero_division=0)`; a 0/0 ratio counts as 0). Macro recall
/// over the classes present in the labels is the balanced accuracy.
public func recall(predictions: [Int], labels: [Int], average: MetricAverage) -> Double {
  averagedScore(predictions: predictions, labels: labels, average: average, \.recall) { tp, _, fn in
    ratio(tp, tp + fn)
  }
}

/// F1, the harmonic mean of precision and recall, `2·TP / (2·TP + FP + FN)`,
/// averaged as `average` says (scikit-learn's `f1_score(zero_division=0)`).
///
/// Macro F1 is the mean of the per-class F1 scores, not the harmonic mean of
/// macro precision and macro recall.
public func f1Score(predictions: [Int], labels: [Int], average: MetricAverage) -> Double {
  averagedScore(predictions: predictions, labels: labels, average: average, \.f1) { tp, fp, fn in
    ratio(2 * tp, 2 * tp + fp + fn)
  }
}

/// Combines per-class scores under `average`; `pooled` computes the score
/// from summed counts for `.micro`.
private func averagedScore(
  predictions: [Int], labels: [Int], average: MetricAverage, _ score: KeyPath<ClassScores, Double>,
  pooled: (Int, Int, Int) -> Double
) -> Double {
  let matrix = ConfusionMatrix(predictions: predictions, labels: labels)
  let scores = classScores(matrix)
  switch average {
  case .binary(let positive):
    // A positive label that never occurs has TP = FP = FN = 0: every score is 0.
    return scores.first { $0.label == positive }?[keyPath: score] ?? 0
  case .macro:
    return scores.reduce(0) { $0 + $1[keyPath: score] } / Double(scores.count)
  case .micro:
    var tp = 0
    var fp = 0
    var fn = 0
    for i in matrix.classes.indices {
      tp += matrix.truePositives(i)
      fp += matrix.falsePositives(i)
      fn += matrix.falseNegatives(i)
    }
    return pooled(tp, fp, fn)
  case .weighted:
    let total = scores.reduce(0) { $0 + $1.support }
    return scores.reduce(0) { $0 + $1[keyPath: score] * Double($1.support) } / Double(total)
  }
}

/// `numerator / denominator`, or 0 when the denominator is 0.
private func ratio(_ numerator: Int, _ denominator: Int) -> Double {
  denominator == 0 ? 0 : Double(numerator) / Double(denominator)
}

/// The ranks of `values` from 1, ties given the mean of the ranks they
/// span (scipy's `rankdata(method="average")`).
func averageRanks(_ values: [Double]) -> [Double] {
  let order = values.indices.sorted { values[$0] < values[$1] }
  var ranks = [Double](repeating: 0, count: values.count)
  var start = 0
  while start < order.count {
    var end = start + 1
    while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
    // Positions start..<end hold equal values: ranks start+1 … end.
    let rank = Double(start + 1 + end) / 2
    for position in start..<end { ranks[order[position]] = rank }
    start = end
  }
  return ranks
}

/// The area under the ROC curve: the probability that a random positive
/// scores above a random negative, ties counting one half.
///
/// Computed in the Mann–Whitney form (Hanley and McNeil 1982):
/// `AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ · n₋)`, where `R₊` is the sum of the
/// positives' ranks among all scores, tied scores sharing their average
/// rank. This equals the trapezoidal area under the ROC curve with tied
/// scores as one threshold, scikit-learn's `roc_auc_score`.
///
/// ```swift
/// rocAUC(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true])  // 0.75
/// ```
///
/// - Parameters:
///   - scores: any real scores, larger meaning more likely positive.
///   - labels: whether each example is positive; both classes must occur.
public func rocAUC(scores: [Double], labels: [Bool]) -> Double {
  precondition(scores.count == labels.count, "\(scores.count) scores but \(labels.count) labels")
  let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
  let negatives = labels.count - positives
  precondition(positives > 0 && negatives > 0, "ROC AUC needs both positive and negative examples")
  let ranks = averageRanks(scores)
  var positiveRankSum = 0.0
  for (rank, isPositive) in zip(ranks, labels) where isPositive { positiveRankSum += rank }
  let p = Double(positives)
  return (positiveRankSum - p * (p + 1) / 2) / (p * Double(negatives))
}

/// Average precision, the area under the precision–recall curve as
/// scikit-learn's `average_precision_score` defines it:
/// `AP = Σ_n (R_n − R_{n−1}) · P_n`, the precision at each threshold
/// weighted by the recall gained there, with no interpolation.
///
/// Thresholds are the distinct scores in decreasing order; examples with
/// equal scores enter together, so ties are never split.
///
/// - Parameters:
///   - scores: any real scores, larger meaning more likely positive.
///   - labels: whether each example is positive; at least one must be.
public func averagePrecision(scores: [Double], labels: [Bool]) -> Double {
  precondition(scores.count == labels.count, "\(scores.count) scores but \(labels.count) labels")
  let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
  precondition(positives > 0, "average precision needs at least one positive example")
  let order = scores.indices.sorted { scores[$0] > scores[$1] }
  var truePositives = 0
  var seen = 0
  var previousRecall = 0.0
  var sum = 0.0
  var start = 0
  while start < order.count {
    var end = start
    while end < order.count && scores[order[end]] == scores[order[start]] {
      if labels[order[end]] { truePositives += 1 }
      end += 1
    }
    seen = end
    let recall = Double(truePositives) / Double(positives)
    sum += (recall - previousRecall) * Double(truePositives) / Double(seen)
    previousRecall = recall
    start = end
  }
  return sum
}

/// The probability clipping of `logLoss`: probabilities are moved into
/// `[ε, 1 − ε]` with `ε = Double.ulpOfOne ≈ 2.22 · 10⁻¹⁶`, scikit-learn's
/// choice for float64 input, so that a confident mistake costs about 36.04
/// nats instead of infinity.
public let logLossClip = Double.ulpOfOne

/// The log loss (cross-entropy, natural log, nats per example) of
/// class-probability rows: `−(1/n) Σ_i ln p_i[y_i]`, each probability first
/// clipped to `[ε, 1 − ε]` with `ε = logLossClip` (scikit-learn's
/// `log_loss`).
///
/// - Parameters:
///   - probabilities: one row per example, `K` probabilities each, summing
///     to 1.
///   - labels: class indices in `0..<K`.
public func logLoss(probabilities: [[Double]], labels: [Int]) -> Double {
  precondition(!labels.isEmpty, "the log loss of no examples is undefined")
  precondition(
    probabilities.count == labels.count, "\(probabilities.count) rows but \(labels.count) labels")
  var sum = 0.0
  for (row, label) in zip(probabilities, labels) {
    precondition(row.indices.contains(label), "label \(label) has no column among \(row.count)")
    sum -= Double.log(min(max(row[label], logLossClip), 1 - logLossClip))
  }
  return sum / Double(labels.count)
}

/// The binary log loss `−(1/n) Σ [y ln p + (1 − y) ln(1 − p)]` for
/// `p = P(positive)`, with the clipping of `logLoss(probabilities:labels:)`.
public func logLoss(positiveProbabilities: [Double], labels: [Bool]) -> Double {
  logLoss(probabilities: positiveProbabilities.map { [1 - $0, $0] }, labels: labels.map { $0 ? 1 : 0 })
}

/// The Brier score of binary forecasts (Brier 1950; scikit-learn's
/// `brier_score_loss`): `(1/n) Σ (p_i − y_i)²` for `p_i = P(positive)`, in
/// [0, 1].
public func brierScore(positiveProbabilities: [Double], labels: [Bool]) -> Double {
  precondition(!labels.isEmpty, "the Brier score of no examples is undefined")
  precondition(
    positiveProbabilities.count == labels.count,
    "\(positiveProbabilities.count) probabilities but \(labels.count) labels")
  var sum = 0.0
  for (p, label) in zip(positiveProbabilities, labels) {
    let residual = p - (label ? 1 : 0)
    sum += residual * residual
  }
  return sum / Double(labels.count)
}

/// The multi-class Brier score in Brier's (1950) original form:
/// `(1/n) Σ_i Σ_k (p_ik − [y_i = k])²`, in [0, 2]. For two classes it is
/// twice the binary score of `brierScore(positiveProbabilities:labels:)`.
///
/// - Parameters:
///   - probabilities: one row per example, `K` probabilities each.
///   - labels: class indices in `0..<K`.
public func brierScore(probabilities: [[Double]], labels: [Int]) -> Double {
  precondition(!labels.isEmpty, "the Brier score of no examples is undefined")
  precondition(
    probabilities.count == labels.count, "\(probabilities.count) rows but \(labels.count) labels")
  var sum = 0.0
  for (row, label) in zip(probabilities, labels) {
    precondition(row.indices.contains(label), "label \(label) has no column among \(row.count)")
    for (k, p) in row.enumerated() {
      let residual = p - (k == label ? 1 : 0)
      sum += residual * residual
    }
  }
  return sum / Double(labels.count)
}
