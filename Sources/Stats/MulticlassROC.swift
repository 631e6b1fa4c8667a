/// How a multi-class ROC AUC is reduced to binary ones (scikit-learn's
/// `multi_class` argument of `roc_auc_score`).
public enum MulticlassAUCScheme: String, Sendable, CaseIterable {
  /// One-vs-rest: for each class `k`, the binary AUC of "is `k`" against
  /// column `k` of the scores, over all examples (Provost and Domingos 2000).
  case oneVsRest = "ovr"
  /// One-vs-one (Hand and Till 2001): for each pair of classes `j < k`,
  /// over the examples of those two classes only,
  /// `Â(j, k) = (A(j | k) + A(k | j)) / 2`, where `A(j | k)` is the AUC of
  /// column `j` separating class `j` from class `k`.
  case oneVsOne = "ovo"
}

/// How the per-class (or per-pair) AUCs are averaged (scikit-learn's
/// `average` argument for multi-class `roc_auc_score`).
public enum MulticlassAUCAverage: String, Sendable, CaseIterable {
  /// The unweighted mean: every class (pair) counts the same. For one-vs-one
  /// this is Hand and Till's `M = 2 / (K(K − 1)) Σ_{j<k} Â(j, k)`.
  case macro
  /// One-vs-rest: weighted by each class's prevalence (its share of the
  /// labels). One-vs-one: weighted by each pair's prevalence (the share of
  /// the labels that are either class of the pair), as scikit-learn does.
  case weighted
}

/// The multi-class ROC AUC of class-score rows, one-vs-rest or one-vs-one,
/// macro or prevalence-weighted: scikit-learn's
/// `roc_auc_score(labels, probabilities, multi_class=…, average=…)`.
///
/// Every binary AUC is the Mann–Whitney form of `rocAUC(scores:labels:)`,
/// so tied scores share their average rank (count one half). Class `k` is
/// column `k` of each row; every class `0..<K` must occur among the labels,
/// or its AUC would be undefined. scikit-learn also insists that each row
/// sums to 1; here any scores work, larger meaning more likely that class
/// (for probabilities the results agree).
///
/// ```swift
/// let p = [[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.4, 0.2]]
/// rocAUC(probabilities: p, labels: [0, 1, 2, 1], scheme: .oneVsOne, average: .macro)
/// ```
///
/// - Parameters:
///   - probabilities: one row per example, `K ≥ 2` scores each.
///   - labels: class indices in `0..<K`; every class occurs.
///   - scheme: one-vs-rest (default) or one-vs-one.
///   - average: macro (default) or prevalence-weighted.
/// - Returns: the averaged AUC, in [0, 1].
public func rocAUC(
  probabilities: [[Double]],
  labels: [Int],
  scheme: MulticlassAUCScheme = .oneVsRest,
  average: MulticlassAUCAverage = .macro
) -> Double {
  precondition(
    probabilities.count == labels.count, "\(probabilities.count) rows but \(labels.count) labels")
  let classCount = probabilities.first?.count ?? 0
  precondition(classCount >= 2, "a multi-class ROC AUC needs at least two score columns")
  var counts = [Int](repeating: 0, count: classCount)
  for (row, label) in zip(probabilities, labels) {
    precondition(row.count == classCount, "rows have \(classCount) and \(row.count) scores")
    precondition((0..<classCount).contains(label), "label \(label) has no column among \(classCount)")
    counts[label] += 1
  }
  if let absent = counts.firstIndex(of: 0) {
    preconditionFailure("class \(absent) does not occur in the labels, so its ROC AUC is undefined")
  }

  var scores: [Double] = []
  var weights: [Double] = []
  switch scheme {
  case .oneVsRest:
    for k in 0..<classCount {
      scores.append(rocAUC(scores: probabilities.map { $0[k] }, labels: labels.map { $0 == k }))
      weights.append(Double(counts[k]))
    }
  case .oneVsOne:
    for j in 0..<classCount {
      for k in (j + 1)..<classCount {
        let pair = labels.indices.filter { labels[$0] == j || labels[$0] == k }
        let isJ = pair.map { labels[$0] == j }
        let jGivenK = rocAUC(scores: pair.map { probabilities[$0][j] }, labels: isJ)
        let kGivenJ = rocAUC(scores: pair.map { probabilities[$0][k] }, labels: isJ.map { !$0 })
        scores.append((jGivenK + kGivenJ) / 2)
        weights.append(Double(pair.count))
      }
    }
  }
  switch average {
  case .macro:
    return scores.reduce(0, +) / Double(scores.count)
  case .weighted:
    let total = weights.reduce(0, +)
    return zip(scores, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
  }
}
