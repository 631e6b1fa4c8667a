/// The macro one-vs-rest average precision of class-score rows:
/// `(1/K) Σ_k AP_k`, where `AP_k = averagePrecision(scores: column k,
/// labels: label == k)` (scikit-learn's
/// `average_precision_score(label_binarize(labels, classes=range(K)),
/// probabilities, average="macro")`).
///
/// Class `k` is column `k` of each row; every class `0..<K` must occur among
/// the labels, or its average precision would be undefined.
///
/// - Parameters:
///   - probabilities: one row per example, `K ≥ 2` scores each.
///   - labels: class indices in `0..<K`; every class occurs.
/// - Returns: the mean of the per-class average precisions, in [0, 1].
public func averagePrecision(probabilities: [[Double]], labels: [Int]) -> Double {
  precondition(
    probabilities.count == labels.count, "\(probabilities.count) rows but \(labels.count) labels")
  let classCount = probabilities.first?.count ?? 0
  precondition(classCount >= 2, "a multi-class average precision needs at least two score columns")
  precondition(probabilities.allSatisfy { $0.count == classCount }, "every row needs \(classCount) scores")
  var total = 0.0
  for k in 0..<classCount {
    let isK = labels.map { $0 == k }
    precondition(isK.contains(true), "class \(k) does not occur in the labels")
    total += averagePrecision(scores: probabilities.map { $0[k] }, labels: isK)
  }
  return total / Double(classCount)
}
