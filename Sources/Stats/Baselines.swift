import RealModule

// Baselines, subgroup accuracy and precision under a change of prevalence:
// the numbers to put next to any accuracy before believing it.
//
// Labels are integers with no assumed meaning: class 0 need not be the
// negative class, nor the most frequent one, and any integer (−1, 7) is a
// label.

/// How many times each label occurs.
///
/// ```swift
/// classCounts([0, 0, 1, 0])   // [0: 3, 1: 1]
/// ```
public func classCounts(_ labels: [Int]) -> [Int: Int] {
  labels.reduce(into: [:]) { counts, label in counts[label, default: 0] += 1 }
}

/// The counts of the labels in order of label, so that sums over classes
/// add their terms in the same order in every run (a dictionary's order
/// changes from one process to the next).
func sortedCounts(_ labels: [Int]) -> [Int] {
  let counts = classCounts(labels)
  return counts.keys.sorted().map { counts[$0]! }
}

/// The accuracy of always predicting the most frequent label: the share of
/// the most frequent label, max_k n_k / n. Any model worth deploying must
/// beat it; on data with 1% fraud it is 0.99.
///
/// This is scikit-learn's `DummyClassifier` with `strategy="most_frequent"`
/// (and, for accuracy, with its default `"prior"`, which predicts the same
/// label).
///
/// - Parameter labels: the true labels; must not be empty.
/// - Returns: a fraction in (0, 1].
public func majorityBaselineAccuracy(labels: [Int]) -> Double {
  precondition(!labels.isEmpty, "the majority baseline of no labels is undefined")
  let largest = classCounts(labels).values.max() ?? 0
  return Double(largest) / Double(labels.count)
}

/// The expected accuracy of guessing each label at random with its own
/// frequency (scikit-learn's `"stratified"` dummy): Σ_k p_k², never more
/// than the majority baseline. On 1% fraud it is 0.99² + 0.01² = 0.9802.
///
/// - Parameter labels: the true labels; must not be empty.
public func stratifiedGuessAccuracy(labels: [Int]) -> Double {
  precondition(!labels.isEmpty, "the stratified baseline of no labels is undefined")
  let n = Double(labels.count)
  return sortedCounts(labels).reduce(0) { total, count in
    let share = Double(count) / n
    return total + share * share
  }
}

/// The log loss (natural log, nats per example) of predicting the class
/// frequencies as probabilities for every input: the entropy of the labels,
/// −Σ_k p_k ln p_k. A probabilistic model must beat this number; on 1%
/// fraud it is 0.0560 nats.
///
/// - Parameter labels: the true labels; must not be empty.
public func priorBaselineLogLoss(labels: [Int]) -> Double {
  precondition(!labels.isEmpty, "the prior baseline of no labels is undefined")
  let n = Double(labels.count)
  return sortedCounts(labels).reduce(0) { total, count in
    let share = Double(count) / n
    return total - share * Double.log(share)
  }
}

/// The fraction of predictions equal to their label.
///
/// - Parameters:
///   - predictions: predicted labels.
///   - labels: true labels; same length, not empty.
public func accuracy(predictions: [Int], labels: [Int]) -> Double {
  precondition(predictions.count == labels.count, "predictions and labels differ in length")
  precondition(!labels.isEmpty, "the accuracy of no predictions is undefined")
  let correct = zip(predictions, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
  return Double(correct) / Double(labels.count)
}

/// The mean over classes of each class's recall (the fraction of that
/// class's examples predicted as that class), over the classes present in
/// `labels`. A constant predictor scores 1/K on K classes, whatever their
/// frequencies.
public func balancedAccuracy(predictions: [Int], labels: [Int]) -> Double {
  precondition(predictions.count == labels.count, "predictions and labels differ in length")
  precondition(!labels.isEmpty, "the balanced accuracy of no predictions is undefined")
  var totals: [Int: (count: Int, correct: Int)] = [:]
  for (prediction, label) in zip(predictions, labels) {
    totals[label, default: (0, 0)].count += 1
    if prediction == label { totals[label]!.correct += 1 }
  }
  let recalls = totals.keys.sorted().map { Double(totals[$0]!.correct) / Double(totals[$0]!.count) }
  return recalls.reduce(0, +) / Double(recalls.count)
}

/// One subgroup's share of an evaluation: how many examples it holds, how
/// many were predicted right, and the resulting accuracy.
public struct SubgroupAccuracy: Sendable, Equatable {
  /// The group's name, as given.
  public var group: String
  /// The number of examples in the group.
  public var count: Int
  /// The number of those predicted correctly.
  public var correct: Int

  /// A group of `count` examples of which `correct` were right.
  public init(group: String, count: Int, correct: Int) {
    self.group = group
    self.count = count
    self.correct = correct
  }

  /// correct / count.
  public var accuracy: Double { Double(correct) / Double(count) }
}

/// Accuracy within each subgroup, with the group's size, in order of group
/// name. Every group that occurs in `groups` appears, even one with a single
/// example; the rows of a group need not be next to each other.
///
/// ```swift
/// accuracyBySubgroup(predictions: [1, 0, 1], labels: [1, 1, 1], groups: ["a", "b", "a"])
/// // [a: 2 of 2, b: 0 of 1]
/// ```
///
/// - Parameters:
///   - predictions: predicted labels.
///   - labels: true labels.
///   - groups: the subgroup of each example; all three arrays have the same length.
public func accuracyBySubgroup(predictions: [Int], labels: [Int], groups: [String]) -> [SubgroupAccuracy] {
  precondition(
    predictions.count == labels.count && labels.count == groups.count,
    "predictions, labels and groups differ in length")
  var totals: [String: (count: Int, correct: Int)] = [:]
  for index in groups.indices {
    totals[groups[index], default: (0, 0)].count += 1
    if predictions[index] == labels[index] { totals[groups[index]]!.correct += 1 }
  }
  return totals.keys.sorted().map { group in
    SubgroupAccuracy(group: group, count: totals[group]!.count, correct: totals[group]!.correct)
  }
}

/// The lowest accuracy of any subgroup (ties: the first group by name), or
/// nil when there are no examples.
public func worstSubgroup(predictions: [Int], labels: [Int], groups: [String]) -> SubgroupAccuracy? {
  accuracyBySubgroup(predictions: predictions, labels: labels, groups: groups).min { $0.accuracy < $1.accuracy }
}

/// Precision (positive predictive value) of a classifier with the given
/// true- and false-positive rates, deployed where a fraction `prevalence`
/// of cases are positive:
///
///     PPV = TPR·π / (TPR·π + FPR·(1 − π))
///
/// TPR and FPR are properties of the classifier that carry over to a new
/// population as long as each class looks the same there (only the class
/// mix changes); precision is not, because it depends on π. TPR 0.9 and
/// FPR 0.05 give precision 0.947 at π = 0.5 but 0.154 at π = 0.01.
///
/// - Parameters:
///   - truePositiveRate: P(predicted positive | positive), the recall, in [0, 1].
///   - falsePositiveRate: P(predicted positive | negative), 1 − specificity, in [0, 1].
///   - prevalence: P(positive) where the model is used, in [0, 1].
/// - Returns: P(positive | predicted positive); nan when the classifier
///   predicts no positives at all (the denominator is 0).
public func precisionAtPrevalence(truePositiveRate: Double, falsePositiveRate: Double, prevalence: Double) -> Double {
  let truePositives = truePositiveRate * prevalence
  let falsePositives = falsePositiveRate * (1 - prevalence)
  let predictedPositive = truePositives + falsePositives
  guard predictedPositive > 0 else { return .nan }
  return truePositives / predictedPositive
}

/// Accuracy of a classifier with the given rates at prevalence π:
/// TPR·π + (1 − FPR)·(1 − π).
public func accuracyAtPrevalence(truePositiveRate: Double, falsePositiveRate: Double, prevalence: Double) -> Double {
  truePositiveRate * prevalence + (1 - falsePositiveRate) * (1 - prevalence)
}
