import Foundation
import Testing
import _TestSupport

// Expected values: scikit-learn 1.9.1 on the rows below, printed with repr():
//
//   P = np.array([[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.4, 0.2], [0.3, 0.3, 0.4],
//                 [0.6, 0.2, 0.2], [0.2, 0.2, 0.6], [0.3, 0.5, 0.2], [0.5, 0.3, 0.2], [0.2, 0.3, 0.5],
//                 [0.4, 0.2, 0.4], [0.1, 0.8, 0.1]])
//   y = np.array([0, 1, 2, 0, 2, 0, 1, 1, 2, 0, 0, 1]); pred = P.argmax(axis=1)
//   confusion_matrix(y, pred); accuracy_score; balanced_accuracy_score;
//   precision_score/recall_score/f1_score(y, pred, average=a, zero_division=0) for a in macro, micro, weighted;
//   roc_auc_score(y, P, multi_class="ovr"|"ovo", average="macro"|"weighted");
//   average_precision_score(label_binarize(y, classes=[0, 1, 2]), P, average="macro"); log_loss(y, P);
//   Brier: np.mean(np.sum((P - label_binarize(y, classes=[0, 1, 2])) ** 2, axis=1))
//
//   p1 = np.array([0.9, 0.3, 0.6, 0.6, 0.2, 0.8, 0.4, 0.6, 0.1, 0.7])
//   yb = np.array([1, 0, 1, 0, 0, 1, 1, 0, 0, 1]); pb = np.array([1, 0, 1, 1, 0, 1, 0, 1, 1, 1])
//   the same metrics of (yb, pb), average="binary" too; roc_auc_score(yb, p1);
//   average_precision_score(yb, p1); log_loss(yb, p1); brier_score_loss(yb, p1)

@Suite("groundwork stats metrics")
struct StatsMetricsCLITests {
  static let threeClass: String = {
    let rows: [([Double], Int)] = [
      ([0.5, 0.3, 0.2], 0), ([0.2, 0.5, 0.3], 1), ([0.1, 0.3, 0.6], 2), ([0.4, 0.4, 0.2], 0),
      ([0.3, 0.3, 0.4], 2), ([0.6, 0.2, 0.2], 0), ([0.2, 0.2, 0.6], 1), ([0.3, 0.5, 0.2], 1),
      ([0.5, 0.3, 0.2], 2), ([0.2, 0.3, 0.5], 0), ([0.4, 0.2, 0.4], 0), ([0.1, 0.8, 0.1], 1),
    ]
    // Columns in a shuffled order, with an extra one, to show they are found by name.
    return "id,p2,label,p0,p1\r\n"
      + rows.enumerated().map { "\($0),\($1.0[2]),\($1.1),\($1.0[0]),\($1.0[1])" }.joined(separator: "\r\n") + "\r\n"
  }()

  static let binary: String = {
    let p1 = [0.9, 0.3, 0.6, 0.6, 0.2, 0.8, 0.4, 0.6, 0.1, 0.7]
    let y = [1, 0, 1, 0, 0, 1, 1, 0, 0, 1]
    let predictions = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1]
    return "label,prediction,p0,p1\n"
      + p1.indices.map { "\(y[$0]),\(predictions[$0]),\(1 - p1[$0]),\(p1[$0])" }.joined(separator: "\n") + "\n"
  }()

  private func averages(_ object: [String: Any], _ key: String) throws -> [String: Any] {
    try #require(object[key] as? [String: Any])
  }

  @Test("three classes from probabilities match scikit-learn")
  func threeClasses() throws {
    let json = try statsJSON(try runStats(["metrics", "scores.csv", "--json"], files: ["scores.csv": Self.threeClass]))
    #expect(try jsonNumber(json, "n") == 12)
    #expect(json["classes"] as? [Int] == [0, 1, 2])
    #expect(json["confusion_matrix"] as? [[Int]] == [[4, 0, 1], [0, 3, 1], [1, 0, 2]])
    expectClose(try jsonNumber(json, "accuracy"), 0.75, absolute: 1e-15)
    expectClose(try jsonNumber(json, "balanced_accuracy"), 0.7388888888888889, absolute: 1e-15)
    let expected: [(String, [Double])] = [
      ("precision", [0.7666666666666666, 0.75, 0.7916666666666666]),
      ("recall", [0.7388888888888889, 0.75, 0.75]),
      ("f1", [0.7428571428571429, 0.75, 0.7619047619047619]),
    ]
    for (metric, values) in expected {
      let averages = try averages(json, metric)
      #expect(averages["binary"] is NSNull)
      for (key, value) in zip(["macro", "micro", "weighted"], values) {
        expectClose(try jsonNumber(averages, key), value, absolute: 1e-15, "\(metric) \(key)")
      }
    }
    expectClose(try jsonNumber(json, "roc_auc"), 0.7540674603174603, absolute: 1e-15)
    let multiclass = try averages(json, "roc_auc_multiclass")
    expectClose(try jsonNumber(multiclass, "ovr_macro"), 0.7540674603174603, absolute: 1e-15)
    expectClose(try jsonNumber(multiclass, "ovr_weighted"), 0.7663690476190476, absolute: 1e-15)
    expectClose(try jsonNumber(multiclass, "ovo_macro"), 0.7472222222222222, absolute: 1e-15)
    expectClose(try jsonNumber(multiclass, "ovo_weighted"), 0.753125, absolute: 1e-15)
    expectClose(try jsonNumber(json, "pr_auc"), 0.6591919191919192, absolute: 1e-15)
    expectClose(try jsonNumber(json, "log_loss"), 0.9084518561208993, absolute: 1e-14)
    expectClose(try jsonNumber(json, "brier"), 0.53, absolute: 1e-15)
    let perClass = try #require(json["per_class"] as? [[String: Any]])
    #expect(perClass.map { $0["support"] as? Int } == [5, 4, 3])
  }

  @Test("a binary prediction column with probabilities matches scikit-learn")
  func binary() throws {
    let json = try statsJSON(try runStats(["metrics", "b.csv", "--json"], files: ["b.csv": Self.binary]))
    #expect(json["confusion_matrix"] as? [[Int]] == [[2, 3], [1, 4]])
    expectClose(try jsonNumber(json, "accuracy"), 0.6, absolute: 1e-15)
    expectClose(try jsonNumber(json, "balanced_accuracy"), 0.6000000000000001, absolute: 1e-15)
    let expected: [(String, [Double])] = [
      ("precision", [0.5714285714285714, 0.6190476190476191, 0.6, 0.619047619047619]),
      ("recall", [0.8, 0.6000000000000001, 0.6, 0.6]),
      ("f1", [0.6666666666666666, 0.5833333333333333, 0.6, 0.5833333333333333]),
    ]
    for (metric, values) in expected {
      let averages = try averages(json, metric)
      for (key, value) in zip(["binary", "macro", "micro", "weighted"], values) {
        expectClose(try jsonNumber(averages, key), value, absolute: 1e-15, "\(metric) \(key)")
      }
    }
    expectClose(try jsonNumber(json, "roc_auc"), 0.8799999999999999, absolute: 1e-15)
    #expect(json["roc_auc_multiclass"] is NSNull)
    expectClose(try jsonNumber(json, "pr_auc"), 0.8761904761904762, absolute: 1e-15)
    expectClose(try jsonNumber(json, "log_loss"), 0.4630055841209993, absolute: 1e-14)
    expectClose(try jsonNumber(json, "brier"), 0.152, absolute: 1e-15)
  }

  @Test("predictions alone give the counting metrics and null scores")
  func predictionsOnly() throws {
    let csv = "label,prediction\n0,0\n1,1\n2,1\n1,1\n"
    let json = try statsJSON(try runStats(["metrics", "p.csv", "--json"], files: ["p.csv": csv]))
    expectClose(try jsonNumber(json, "accuracy"), 0.75, absolute: 1e-15)
    for key in ["roc_auc", "roc_auc_multiclass", "pr_auc", "log_loss", "brier"] {
      #expect(json[key] is NSNull, "\(key)")
    }
  }

  @Test("a class missing from the labels leaves the AUCs null")
  func absentClass() throws {
    let csv = "label,p0,p1,p2\n0,0.7,0.2,0.1\n1,0.2,0.7,0.1\n0,0.5,0.3,0.2\n"
    let json = try statsJSON(try runStats(["metrics", "a.csv", "--json"], files: ["a.csv": csv]))
    #expect(json["roc_auc"] is NSNull)
    #expect(json["pr_auc"] is NSNull)
    #expect(json["log_loss"] is NSNumber)
  }

  @Test("without --json: the confusion matrix, per-class scores and summary")
  func table() throws {
    let result = try runStats(["metrics", "scores.csv"], files: ["scores.csv": Self.threeClass])
    #expect(result.status == 0, "\(result.stderr)")
    for fragment in ["12 examples, 3 classes", "Confusion matrix", "weighted", "ROC AUC one-vs-one macro", "0.7472"] {
      #expect(result.stdout.contains(fragment), "\(fragment) in \(result.stdout)")
    }
  }

  struct BadInput: Sendable, CustomTestStringConvertible {
    var label: String
    var contents: String
    var mentions: [String]
    var testDescription: String { label }
  }

  @Test(
    "bad input fails with one line naming the file, row and column",
    arguments: [
      BadInput(label: "no label column", contents: "y,prediction\n1,1\n", mentions: [":1:", "\"label\""]),
      BadInput(label: "neither predictions nor probabilities", contents: "label,score\n1,0.5\n", mentions: [":1:", "\"prediction\"", "\"p0\""]),
      BadInput(label: "gap in probability columns", contents: "label,p0,p2\n0,0.5,0.5\n", mentions: [":1:", "\"p1\""]),
      BadInput(label: "only p0", contents: "label,p0\n0,1\n", mentions: [":1:", "\"p1\""]),
      BadInput(
        label: "fractional label", contents: "label,prediction\n1,1\n0.5,1\n",
        mentions: [":3:", "row 2", "\"label\"", "0.5"]),
      BadInput(
        label: "probability above 1", contents: "label,p0,p1\n0,0.2,0.8\n1,-0.1,1.1\n",
        mentions: [":3:", "row 2", "\"p0\""]),
      BadInput(
        label: "probabilities not summing to 1", contents: "label,p0,p1\n0,0.2,0.8\n1,0.3,0.3\n",
        mentions: [":3:", "row 2", "\"p0\"", "\"p1\"", "0.6"]),
      BadInput(
        label: "label without a probability column", contents: "label,p0,p1\n0,0.2,0.8\n2,0.3,0.7\n",
        mentions: [":3:", "row 2", "\"label\"", "2"]),
      BadInput(label: "text prediction", contents: "label,prediction\n1,cat\n", mentions: [":2:", "row 1", "\"prediction\"", "\"cat\""]),
    ])
  func badInput(_ input: BadInput) throws {
    let result = try runStats(["metrics", "m.csv", "--json"], files: ["m.csv": input.contents])
    expectOneLineError(result, file: "m.csv", mentions: input.mentions)
  }

  @Test("a missing file fails with one line")
  func missingFile() throws {
    expectOneLineError(try runStats(["metrics", "absent.csv"]), file: "absent.csv", mentions: ["no such file"])
  }
}
