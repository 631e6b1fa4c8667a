import ArgumentParser
import Stats

/// `groundwork stats metrics FILE`: the classification metrics of one
/// model's predictions, scikit-learn's definitions.
struct StatsMetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract: "Classification metrics: confusion matrix, accuracy, precision/recall/F1, ROC and PR AUC, log loss, Brier.",
    discussion: """
      FILE has a column `label` (the true class, an integer) and either a \
      column `prediction` (the predicted class), probability columns `p0`, \
      `p1`, … (column pk is the probability of class k; each row sums to 1 \
      within 0.001), or both. Without `prediction` the predicted class is the \
      most probable one (the first on ties). Precision, recall and F1 treat \
      0/0 as 0; `binary` is class 1 alone and appears when every label and \
      prediction is 0 or 1. With probabilities: ROC AUC (ties count one \
      half; for more than two classes one-vs-rest and one-vs-one (Hand and \
      Till 2001), macro and prevalence-weighted, and roc_auc is one-vs-rest \
      macro), PR AUC (average precision; macro one-vs-rest for more than two \
      classes), log loss (natural log, probabilities clipped to [eps, 1 - eps]) \
      and Brier (binary: mean (p1 - y)^2; more classes: the sum over classes). \
      An AUC is null when a class never occurs among the labels.
      """)

  @Argument(help: "CSV file with `label` and `prediction` and/or `p0`, `p1`, … columns.")
  var file: String

  @Flag(
    help: """
      Print one JSON object: {n, classes, confusion_matrix, accuracy, balanced_accuracy, precision, recall, f1, \
      per_class, roc_auc, roc_auc_multiclass, pr_auc, log_loss, brier}.
      """)
  var json = false

  func run() throws {
    let report = MetricsReport(try MetricsInput(try CSVTable.load(file)))
    if json {
      printJSON(report.json)
    } else {
      print(report.text)
    }
  }
}

extension MetricsReport {
  /// The report as the command's JSON object.
  var json: JSONValue {
    func averages(_ value: Averages) -> JSONValue {
      .object([
        ("binary", .number(value.binary)), ("macro", .number(value.macro)), ("micro", .number(value.micro)),
        ("weighted", .number(value.weighted)),
      ])
    }
    let multiclass: JSONValue = multiclassAUC.map { auc in
      .object([
        ("ovr_macro", .number(auc.oneVsRestMacro)), ("ovr_weighted", .number(auc.oneVsRestWeighted)),
        ("ovo_macro", .number(auc.oneVsOneMacro)), ("ovo_weighted", .number(auc.oneVsOneWeighted)),
      ])
    } ?? .null
    return .object([
      ("n", .integer(count)),
      ("classes", .array(matrix.classes.map { .integer($0) })),
      ("confusion_matrix", .array(matrix.counts.map { .array($0.map { .integer($0) }) })),
      ("accuracy", .number(accuracy)),
      ("balanced_accuracy", .number(balancedAccuracy)),
      ("precision", averages(precision)),
      ("recall", averages(recall)),
      ("f1", averages(f1)),
      (
        "per_class",
        .array(
          perClass.map { scores in
            .object([
              ("label", .integer(scores.label)), ("precision", .number(scores.precision)),
              ("recall", .number(scores.recall)), ("f1", .number(scores.f1)), ("support", .integer(scores.support)),
            ])
          })
      ),
      ("roc_auc", .number(rocAUC)),
      ("roc_auc_multiclass", multiclass),
      ("pr_auc", .number(prAUC)),
      ("log_loss", .number(logLoss)),
      ("brier", .number(brier)),
    ])
  }

  /// The report as readable tables.
  var text: String {
    let classes = matrix.classes.map(String.init)
    let confusion = textTable(
      headers: ["label \\ predicted"] + classes,
      rows: matrix.counts.enumerated().map { row, counts in [classes[row]] + counts.map(String.init) },
      rightAligned: [false] + classes.map { _ in true })
    let scores = textTable(
      headers: ["class", "precision", "recall", "f1", "support"],
      rows: perClass.map { [String($0.label), fixed($0.precision), fixed($0.recall), fixed($0.f1), String($0.support)] }
        + [
          ["macro", fixed(precision.macro), fixed(recall.macro), fixed(f1.macro), ""],
          ["micro", fixed(precision.micro), fixed(recall.micro), fixed(f1.micro), ""],
          ["weighted", fixed(precision.weighted), fixed(recall.weighted), fixed(f1.weighted), String(count)],
        ] + (precision.binary == nil ? [] : [["binary (1)", fixed(precision.binary), fixed(recall.binary), fixed(f1.binary), ""]]),
      rightAligned: [false, true, true, true, true])
    var summary: [(String, String)] = [
      ("accuracy", fixed(accuracy)), ("balanced accuracy", fixed(balancedAccuracy)),
    ]
    if logLoss != nil {
      if let auc = multiclassAUC {
        summary += [
          ("ROC AUC one-vs-rest macro", fixed(auc.oneVsRestMacro)),
          ("ROC AUC one-vs-rest weighted", fixed(auc.oneVsRestWeighted)),
          ("ROC AUC one-vs-one macro", fixed(auc.oneVsOneMacro)),
          ("ROC AUC one-vs-one weighted", fixed(auc.oneVsOneWeighted)),
        ]
      } else {
        summary.append(("ROC AUC", fixed(rocAUC)))
      }
      summary += [("PR AUC (average precision)", fixed(prAUC)), ("log loss", fixed(logLoss)), ("Brier", fixed(brier))]
    }
    return """
      \(count) examples, \(classes.count) classes
      Confusion matrix (rows: label, columns: prediction)
      \(confusion)

      \(scores)

      \(keyValueLines(summary))
      """
  }
}
