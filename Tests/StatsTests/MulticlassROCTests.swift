import Stats
import Testing
import _TestSupport

// Expected values: scikit-learn 1.9.1,
// `roc_auc_score(y, P, multi_class=scheme, average=average)` printed with
// repr(), for the rows below:
//
//   P3 = np.array([[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.4, 0.2], [0.3, 0.3, 0.4],
//                  [0.6, 0.2, 0.2], [0.2, 0.2, 0.6], [0.3, 0.5, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5],
//                  [0.4, 0.2, 0.4], [0.1, 0.8, 0.1]])
//   y3 = np.array([0, 1, 2, 0, 2, 0, 1, 1, 2, 0, 0, 1])
//   P4 = np.array([[0.4, 0.3, 0.2, 0.1], [0.1, 0.6, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25],
//                  [0.1, 0.2, 0.3, 0.4], [0.3, 0.3, 0.2, 0.2], [0.2, 0.1, 0.6, 0.1], [0.1, 0.1, 0.1, 0.7],
//                  [0.4, 0.4, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25], [0.2, 0.2, 0.5, 0.1]])
//   y4 = np.array([0, 1, 3, 3, 0, 2, 3, 1, 2, 0])
//   for mc in ("ovr", "ovo"):
//       for avg in ("macro", "weighted"):
//           print(mc, avg, repr(roc_auc_score(y3, P3, multi_class=mc, average=avg)))

@Suite("Multi-class ROC AUC")
struct MulticlassROCTests {
  static let three: [[Double]] = [
    [0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.4, 0.2], [0.3, 0.3, 0.4], [0.6, 0.2, 0.2],
    [0.2, 0.2, 0.6], [0.3, 0.5, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5], [0.4, 0.2, 0.4], [0.1, 0.8, 0.1],
  ]
  static let threeLabels = [0, 1, 2, 0, 2, 0, 1, 1, 2, 0, 0, 1]
  static let four: [[Double]] = [
    [0.4, 0.3, 0.2, 0.1], [0.1, 0.6, 0.2, 0.1], [0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.3, 0.4],
    [0.3, 0.3, 0.2, 0.2], [0.2, 0.1, 0.6, 0.1], [0.1, 0.1, 0.1, 0.7], [0.4, 0.4, 0.1, 0.1],
    [0.25, 0.25, 0.25, 0.25], [0.2, 0.2, 0.5, 0.1],
  ]
  static let fourLabels = [0, 1, 3, 3, 0, 2, 3, 1, 2, 0]

  @Test(
    "three classes with ties match scikit-learn",
    arguments: [
      (MulticlassAUCScheme.oneVsRest, MulticlassAUCAverage.macro, 0.7540674603174603),
      (.oneVsRest, .weighted, 0.7663690476190476),
      (.oneVsOne, .macro, 0.7472222222222222),
      (.oneVsOne, .weighted, 0.753125),
    ])
  func three(_ scheme: MulticlassAUCScheme, _ average: MulticlassAUCAverage, _ expected: Double) {
    let auc = rocAUC(probabilities: Self.three, labels: Self.threeLabels, scheme: scheme, average: average)
    expectClose(auc, expected, absolute: 1e-15)
  }

  @Test(
    "four classes with tied rows match scikit-learn",
    arguments: [
      (MulticlassAUCScheme.oneVsRest, MulticlassAUCAverage.macro, 0.8954613095238095),
      (.oneVsRest, .weighted, 0.8901785714285714),
      (.oneVsOne, .macro, 0.8935185185185185),
      (.oneVsOne, .weighted, 0.8916666666666666),
    ])
  func four(_ scheme: MulticlassAUCScheme, _ average: MulticlassAUCAverage, _ expected: Double) {
    let auc = rocAUC(probabilities: Self.four, labels: Self.fourLabels, scheme: scheme, average: average)
    expectClose(auc, expected, absolute: 1e-15)
  }

  @Test("with two classes every scheme and average is the binary AUC", arguments: MulticlassAUCScheme.allCases)
  func twoClasses(_ scheme: MulticlassAUCScheme) {
    let positive = [0.9, 0.3, 0.6, 0.6, 0.2, 0.8, 0.4, 0.6]
    let labels = [1, 0, 1, 0, 0, 1, 1, 0]
    let binary = rocAUC(scores: positive, labels: labels.map { $0 == 1 })
    for average in MulticlassAUCAverage.allCases {
      let auc = rocAUC(
        probabilities: positive.map { [1 - $0, $0] }, labels: labels, scheme: scheme, average: average)
      expectClose(auc, binary, absolute: 1e-15)
    }
  }

  @Test("scores that rank every class perfectly give 1; reversed ones give 0")
  func extremes() {
    let labels = [0, 1, 2, 2, 1, 0]
    let perfect = labels.map { label in (0..<3).map { $0 == label ? 0.8 : 0.1 } }
    let reversed = labels.map { label in (0..<3).map { $0 == label ? 0.0 : 0.5 } }
    for scheme in MulticlassAUCScheme.allCases {
      #expect(rocAUC(probabilities: perfect, labels: labels, scheme: scheme) == 1)
      #expect(rocAUC(probabilities: reversed, labels: labels, scheme: scheme) == 0)
    }
  }
}
