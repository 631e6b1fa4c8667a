import Stats

/// Everything `groundwork stats metrics` prints, computed with the Stats
/// module's reference functions.
struct MetricsReport {
  /// Precision, recall or F1 under each averaging.
  struct Averages {
    /// Class 1 alone, when every label and prediction is 0 or 1.
    var binary: Double?
    /// The unweighted mean over classes.
    var macro: Double
    /// From the pooled counts (for precision and recall, the accuracy).
    var micro: Double
    /// The mean weighted by support.
    var weighted: Double
  }

  /// The four multi-class ROC AUCs.
  struct MulticlassAUC {
    /// One-vs-rest, every class counting the same.
    var oneVsRestMacro: Double
    /// One-vs-rest, weighted by class prevalence.
    var oneVsRestWeighted: Double
    /// One-vs-one (Hand and Till's M).
    var oneVsOneMacro: Double
    /// One-vs-one, weighted by pair prevalence.
    var oneVsOneWeighted: Double
  }

  /// The number of rows.
  var count: Int
  /// Rows: label, columns: prediction, over the union of both.
  var matrix: ConfusionMatrix
  /// The share of rows whose prediction is the label.
  var accuracy: Double
  /// The mean recall over the classes present in the labels.
  var balancedAccuracy: Double
  /// Precision, `TP / (TP + FP)`, 0/0 counting as 0.
  var precision: Averages
  /// Recall, `TP / (TP + FN)`, 0/0 counting as 0.
  var recall: Averages
  /// F1, `2·TP / (2·TP + FP + FN)`, 0/0 counting as 0.
  var f1: Averages
  /// Precision, recall, F1 and support of every class.
  var perClass: [ClassScores]
  /// Binary: the AUC of p1; multi-class: one-vs-rest macro. Nil without
  /// probabilities or when a class never occurs among the labels.
  var rocAUC: Double?
  /// The four multi-class AUCs; nil for two classes.
  var multiclassAUC: MulticlassAUC?
  /// Binary: the average precision of p1; multi-class: the macro
  /// one-vs-rest average precision.
  var prAUC: Double?
  /// The mean negative log probability of the label (nats).
  var logLoss: Double?
  /// Binary: mean (p1 − y)²; multi-class: Brier's sum over classes.
  var brier: Double?

  /// Computes every metric `input` allows.
  init(_ input: MetricsInput) {
    let labels = input.labels
    let predictions = input.predictions
    count = labels.count
    matrix = ConfusionMatrix(predictions: predictions, labels: labels)
    accuracy = Stats.accuracy(predictions: predictions, labels: labels)
    balancedAccuracy = Stats.balancedAccuracy(predictions: predictions, labels: labels)
    let isBinary = Set(matrix.classes).isSubset(of: [0, 1])
    func averages(_ metric: ([Int], [Int], MetricAverage) -> Double) -> Averages {
      Averages(
        binary: isBinary ? metric(predictions, labels, .binary(positive: 1)) : nil,
        macro: metric(predictions, labels, .macro), micro: metric(predictions, labels, .micro),
        weighted: metric(predictions, labels, .weighted))
    }
    precision = averages { Stats.precision(predictions: $0, labels: $1, average: $2) }
    recall = averages { Stats.recall(predictions: $0, labels: $1, average: $2) }
    f1 = averages { f1Score(predictions: $0, labels: $1, average: $2) }
    perClass = classScores(matrix)

    guard let probabilities = input.probabilities else { return }
    let classCount = probabilities[0].count
    logLoss = Stats.logLoss(probabilities: probabilities, labels: labels)
    let everyClassOccurs = Set(labels).count == classCount
    if classCount == 2 {
      let positive = probabilities.map { $0[1] }
      let isPositive = labels.map { $0 == 1 }
      brier = brierScore(positiveProbabilities: positive, labels: isPositive)
      if everyClassOccurs {
        rocAUC = Stats.rocAUC(scores: positive, labels: isPositive)
        prAUC = averagePrecision(scores: positive, labels: isPositive)
      }
    } else {
      brier = brierScore(probabilities: probabilities, labels: labels)
      if everyClassOccurs {
        func auc(_ scheme: MulticlassAUCScheme, _ average: MulticlassAUCAverage) -> Double {
          Stats.rocAUC(probabilities: probabilities, labels: labels, scheme: scheme, average: average)
        }
        let multiclass = MulticlassAUC(
          oneVsRestMacro: auc(.oneVsRest, .macro), oneVsRestWeighted: auc(.oneVsRest, .weighted),
          oneVsOneMacro: auc(.oneVsOne, .macro), oneVsOneWeighted: auc(.oneVsOne, .weighted))
        multiclassAUC = multiclass
        rocAUC = multiclass.oneVsRestMacro
        prAUC = averagePrecision(probabilities: probabilities, labels: labels)
      }
    }
  }
}
