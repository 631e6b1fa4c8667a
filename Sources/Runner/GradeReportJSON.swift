import Foundation

/// A grading report as JSON: the shape of `groundwork check --json` (for
/// editors and CI) and of the reports stored in a class's gradebook, with
/// the same facts as the printed report.
///
/// ```json
/// {"exercise": "calibration-ece", "file": "Exercises/1-foundation/calibration.swift",
///  "seed": 1, "passed": false, "passedCount": 6, "plannedChecks": 7, "blocker": null,
///  "checks": [{"index": 0, "id": "calibration-ece#1", "name": "…", "tried": "…",
///              "status": "failed", "message": "…", "expected": "…", "got": "…", "hint": "…"}],
///  "output": "", "outputDropped": 0}
/// ```
///
/// `output` is the start of what the learner's code printed; `outputDropped`
/// counts the bytes printed after it, which were read and dropped.
///
/// Every key is always present, with `null` where a value does not apply,
/// so a reader never has to guess whether a key was forgotten. A check's
/// `status` is `passed`, `failed`, `crashed`, `timedOut` or `notRun`; its
/// `id` is the exercise id and the check's 1-based position, stable as long
/// as the grader's checks keep their order. `blocker`, when set, is
/// `{"kind": "compileFailed" | "forbiddenSymbol" | "didNotStart", "message", "line"}`
/// and `checks` is empty.
public struct GradeReportJSON: Encodable {
  struct Check: Encodable {
    var index: Int
    var id: String
    var name: String
    var tried: String
    var status: String
    var message: String?
    var expected: String?
    var got: String?
    var hint: String?

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(index, forKey: .index)
      try container.encode(id, forKey: .id)
      try container.encode(name, forKey: .name)
      try container.encode(tried, forKey: .tried)
      try container.encode(status, forKey: .status)
      try container.encode(message, forKey: .message)
      try container.encode(expected, forKey: .expected)
      try container.encode(got, forKey: .got)
      try container.encode(hint, forKey: .hint)
    }

    private enum CodingKeys: String, CodingKey {
      case index, id, name, tried, status, message, expected, got, hint
    }
  }

  struct Blocker: Encodable {
    var kind: String
    var message: String
    var line: Int?

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(kind, forKey: .kind)
      try container.encode(message, forKey: .message)
      try container.encode(line, forKey: .line)
    }

    private enum CodingKeys: String, CodingKey { case kind, message, line }
  }

  var exercise: String
  var file: String
  var seed: UInt64
  var passed: Bool
  var passedCount: Int
  var plannedChecks: Int
  var blocker: Blocker?
  var checks: [Check]
  var output: String
  var outputDropped: Int

  /// The JSON form of `report`, naming the graded file `displayPath`.
  public init(_ report: GradeReport, displayPath: String) {
    exercise = report.exerciseID
    file = displayPath
    seed = report.seed
    passed = report.passed
    passedCount = report.passedCount
    plannedChecks = max(report.plannedChecks, report.checks.count)
    output = report.learnerOutput
    outputDropped = report.droppedOutputBytes
    switch report.blocker {
    case .compileFailed(let failure)?:
      blocker = Blocker(kind: "compileFailed", message: failure.description, line: nil)
    case .forbiddenSymbol(let name, let line)?:
      blocker = Blocker(
        kind: "forbiddenSymbol",
        message: "uses `\(name)`: the kernel's \(name) does this exercise's work; write the computation yourself",
        line: line)
    case .didNotStart(let explanation)?:
      blocker = Blocker(kind: "didNotStart", message: explanation, line: nil)
    case nil:
      blocker = nil
    }
    checks = report.checks.enumerated().map { index, check in
      var entry = Check(
        index: index, id: "\(report.exerciseID)#\(index + 1)", name: check.name, tried: check.tried, status: "passed")
      switch check.status {
      case .passed:
        break
      case .failed(let expected, let got, let message, let hint):
        entry.status = "failed"
        entry.expected = expected
        entry.got = got
        entry.message = message.isEmpty ? nil : message
        entry.hint = hint
      case .crashed(let explanation):
        entry.status = "crashed"
        entry.message = explanation
      case .timedOut(let explanation):
        entry.status = "timedOut"
        entry.message = explanation
      case .notRun:
        entry.status = "notRun"
      }
      return entry
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(exercise, forKey: .exercise)
    try container.encode(file, forKey: .file)
    try container.encode(seed, forKey: .seed)
    try container.encode(passed, forKey: .passed)
    try container.encode(passedCount, forKey: .passedCount)
    try container.encode(plannedChecks, forKey: .plannedChecks)
    try container.encode(blocker, forKey: .blocker)
    try container.encode(checks, forKey: .checks)
    try container.encode(output, forKey: .output)
    try container.encode(outputDropped, forKey: .outputDropped)
  }

  private enum CodingKeys: String, CodingKey {
    case exercise, file, seed, passed, passedCount, plannedChecks, blocker, checks, output, outputDropped
  }

  /// The report as one line of JSON.
  /// The object as one line of JSON.
  public func rendered() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
