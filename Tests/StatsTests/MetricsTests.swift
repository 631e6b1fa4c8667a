import Foundation
import Stats
import Testing
import _TestSupport

// Expected values: scikit-learn 1.9.1 (`sklearn.metrics`) on the same inputs,
// printed with repr(); numpy for the multi-class Brier score.

@Suite("Classification metrics")
struct MetricsTests {
  static let labels = [0, 1, 2, 2, 1, 0, 3, 3, 1]
  static let predictions = [0, 2, 2, 2, 1, 1, 3, 0, 1]

  @Test("the confusion matrix has truth in rows and predictions in columns")
  func confusion() {
    let matrix = ConfusionMatrix(predictions: Self.predictions, labels: Self.labels)
    #expect(matrix.classes == [0, 1, 2, 3])
    #expect(matrix.counts == [[1, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 0], [1, 0, 0, 1]])
    #expect(matrix.total == 9)
    #expect(matrix.support(1) == 3 && matrix.falsePositives(0) == 1 && matrix.falseNegatives(3) == 1)
  }

  @Test("per-class scores match precision_recall_fscore_support")
  func perClass() {
    let scores = classScores(predictions: Self.predictions, labels: Self.labels)
    let expected: [(Double, Double, Double, Int)] = [
      (0.5, 0.5, 0.5, 2), (2.0 / 3, 2.0 / 3, 2.0 / 3, 3), (2.0 / 3, 1, 0.8, 2), (1, 0.5, 2.0 / 3, 2),
    ]
    for (score, (p, r, f, support)) in zip(scores, expected) {
      expectClose(score.precision, p, absolute: 1e-15)
      expectClose(score.recall, r, absolute: 1e-15)
      expectClose(score.f1, f, absolute: 1e-15)
      #expect(score.support == support)
    }
  }

  @Test(
    "averages match scikit-learn",
    arguments: [
      (MetricAverage.macro, 0.7083333333333333, 0.6666666666666666, 0.6583333333333333),
      (.micro, 0.6666666666666666, 0.6666666666666666, 0.6666666666666666),
      (.weighted, 0.7037037037037037, 0.6666666666666666, 0.6592592592592592),
    ])
  func averages(_ average: MetricAverage, _ p: Double, _ r: Double, _ f: Double) {
    expectClose(precision(predictions: Self.predictions, labels: Self.labels, average: average), p, absolute: 1e-15)
    expectClose(recall(predictions: Self.predictions, labels: Self.labels, average: average), r, absolute: 1e-15)
    expectClose(f1Score(predictions: Self.predictions, labels: Self.labels, average: average), f, absolute: 1e-15)
  }

  @Test("a class only predicted counts as 0 in the macro average (zero_division=0)")
  func zeroDivision() {
    let labels = [0, 0, 1, 1, 1]
    let predictions = [0, 2, 1, 1, 0]
    expectClose(precision(predictions: predictions, labels: labels, average: .macro), 0.5, absolute: 1e-15)
    expectClose(recall(predictions: predictions, labels: labels, average: .macro), 0.38888888888888884, absolute: 1e-15)
    expectClose(f1Score(predictions: predictions, labels: labels, average: .macro), 0.43333333333333335, absolute: 1e-15)
    expectClose(precision(predictions: predictions, labels: labels, average: .weighted), 0.8, absolute: 1e-15)
    expectClose(f1Score(predictions: predictions, labels: labels, average: .weighted), 0.68, absolute: 1e-15)
    expectClose(recall(predictions: predictions, labels: labels, average: .micro), 0.6, absolute: 1e-15)
    #expect(precision(predictions: predictions, labels: labels, average: .binary(positive: 7)) == 0)
  }

  @Test("binary scores for either positive label")
  func binary() {
    let labels = [1, 0, 1, 1, 0, 0, 1, 0]
    let predictions = [1, 1, 1, 0, 0, 0, 1, 1]
    expectClose(precision(predictions: predictions, labels: labels, average: .binary(positive: 1)), 0.6, absolute: 1e-15)
    expectClose(recall(predictions: predictions, labels: labels, average: .binary(positive: 1)), 0.75, absolute: 1e-15)
    expectClose(f1Score(predictions: predictions, labels: labels, average: .binary(positive: 1)), 2.0 / 3, absolute: 1e-15)
    expectClose(precision(predictions: predictions, labels: labels, average: .binary(positive: 0)), 2.0 / 3, absolute: 1e-15)
    expectClose(recall(predictions: predictions, labels: labels, average: .binary(positive: 0)), 0.5, absolute: 1e-15)
    expectClose(f1Score(predictions: predictions, labels: labels, average: .binary(positive: 0)), 0.5714285714285714, absolute: 1e-15)
  }

  @Test("accuracy and balanced accuracy match scikit-learn; micro F1 is accuracy")
  func accuracies() {
    expectClose(accuracy(predictions: Self.predictions, labels: Self.labels), 0.6666666666666666, absolute: 1e-15)
    expectClose(balancedAccuracy(predictions: Self.predictions, labels: Self.labels), 0.6666666666666666, absolute: 1e-15)
    expectClose(
      balancedAccuracy(predictions: Self.predictions, labels: Self.labels),
      recall(predictions: Self.predictions, labels: Self.labels, average: .macro), absolute: 1e-15)
  }

  @Test("ROC AUC with tied scores matches roc_auc_score")
  func rocWithTies() {
    let scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1, 0.55, 0.55]
    let labels = [0, 0, 1, 1, 1, 0, 1, 0, 1, 0].map { $0 == 1 }
    expectClose(rocAUC(scores: scores, labels: labels), 0.78, absolute: 1e-15)
    // Reversing the scores turns AUC into 1 − AUC; a constant score gives ½.
    expectClose(rocAUC(scores: scores.map { -$0 }, labels: labels), 0.22, absolute: 1e-15)
    #expect(rocAUC(scores: [Double](repeating: 0.3, count: 10), labels: labels) == 0.5)
  }

  @Test("average precision matches average_precision_score")
  func averagePrecisionValues() {
    let scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.1, 0.55, 0.55]
    let labels = [0, 0, 1, 1, 1, 0, 1, 0, 1, 0].map { $0 == 1 }
    expectClose(averagePrecision(scores: scores, labels: labels), 0.7892857142857141, absolute: 1e-15)
    expectClose(
      averagePrecision(scores: [0.1, 0.4, 0.35, 0.8], labels: [false, false, true, true]), 0.8333333333333333,
      absolute: 1e-15)
    // A perfect ranking has AP 1.
    #expect(averagePrecision(scores: [0.9, 0.8, 0.2], labels: [true, true, false]) == 1)
  }

  @Test("log loss clips at machine epsilon, as log_loss does")
  func logLossValues() {
    let p = [0.9, 0.2, 0.65, 1.0, 0.0, 0.3]
    let y = [1, 0, 1, 0, 0, 1].map { $0 == 1 }
    expectClose(logLoss(positiveProbabilities: p, labels: y), 6.33448552941793, absolute: 1e-13)
    let rows = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25], [0.0, 0.0, 1.0]]
    expectClose(logLoss(probabilities: rows, labels: [0, 1, 2, 0, 1]), 7.785211395472828, absolute: 1e-13)
    // A certain mistake costs −ln ε.
    expectClose(logLoss(probabilities: [[1, 0]], labels: [1]), -log(Double.ulpOfOne), absolute: 1e-12)
  }

  @Test("Brier scores match brier_score_loss and the multi-class sum")
  func brier() {
    let p = [0.9, 0.2, 0.65, 1.0, 0.0, 0.3]
    let y = [1, 0, 1, 0, 0, 1].map { $0 == 1 }
    expectClose(brierScore(positiveProbabilities: p, labels: y), 0.2770833333333333, absolute: 1e-15)
    let rows = [[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25], [0.0, 0.0, 1.0]]
    expectClose(brierScore(probabilities: rows, labels: [0, 1, 2, 0, 1]), 0.7230000000000001, absolute: 1e-15)
    // Two classes: the multi-class form is twice the binary one.
    expectClose(
      brierScore(probabilities: p.map { [1 - $0, $0] }, labels: y.map { $0 ? 1 : 0 }),
      2 * brierScore(positiveProbabilities: p, labels: y), absolute: 1e-15)
  }
}
