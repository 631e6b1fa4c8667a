/// The record of one check as it travels from the grading process to the
/// runner: one JSON object per line of the report file, written as the
/// check starts and again when it ends, so that a crash mid-check still
/// tells the runner which check was running.
public struct ReportEvent: Sendable, Equatable {
  /// What happened.
  public enum Kind: String, Sendable {
    /// How many checks will run (its `index` is the count), sent first so
    /// that a report cut short by a crash can say how many never ran.
    case plan
    /// A check is about to run.
    case begin
    /// A check finished with a verdict.
    case result
    /// Every check ran.
    case done
  }

  /// What happened.
  public var kind: Kind
  /// The check's position (0-based); unused for `done`.
  public var index: Int
  /// The check's name (for `begin`).
  public var name: String?
  /// What the check tries (for `begin`).
  public var tried: String?
  /// Whether it passed (for `result`).
  public var passed: Bool?
  /// The expected value, as shown to the learner.
  public var expected: String?
  /// The value the learner's code produced.
  public var got: String?
  /// What the difference means.
  public var message: String?
  /// A hint aimed at the likely mistake.
  public var hint: String?

  /// An event of `kind` for check `index`.
  public init(kind: Kind, index: Int) {
    self.kind = kind
    self.index = index
  }

  /// The event as one line of JSON (no trailing newline).
  public var jsonLine: String {
    var fields: [(String, String)] = [("event", jsonStringLiteral(kind.rawValue)), ("index", String(index))]
    if let name { fields.append(("name", jsonStringLiteral(name))) }
    if let tried { fields.append(("tried", jsonStringLiteral(tried))) }
    if let passed { fields.append(("passed", passed ? "true" : "false")) }
    if let expected { fields.append(("expected", jsonStringLiteral(expected))) }
    if let got { fields.append(("got", jsonStringLiteral(got))) }
    if let message { fields.append(("message", jsonStringLiteral(message))) }
    if let hint { fields.append(("hint", jsonStringLiteral(hint))) }
    return "{" + fields.map { "\(jsonStringLiteral($0.0)):\($0.1)" }.joined(separator: ",") + "}"
  }
}

/// A JSON string literal for `text` (RFC 8259 escaping), written without
/// Foundation so that grading programs start quickly; the tool's own JSON
/// output uses it too.
public func jsonStringLiteral(_ text: String) -> String {
  var result = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    case _ where scalar.value < 0x20:
      let hex = String(scalar.value, radix: 16)
      result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result + "\""
}
