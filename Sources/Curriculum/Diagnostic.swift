/// A problem found in the curriculum's files, tied to the place it was found.
///
/// Its description is the one line a learner or instructor sees, in the
/// form compilers use so that editors can jump to it:
/// `Lessons/1-foundation/02-calibration.md:41: exercise block: missing "grader"`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file, relative to the project root (e.g. `Lessons/1-foundation/x.md`).
  public var path: String
  /// The 1-based line in that file, or nil when the problem is the whole file.
  public var line: Int?
  /// What is wrong, as a sentence fragment without a trailing period.
  public var message: String

  /// A diagnostic at `path` (and `line`, when known).
  public init(path: String, line: Int? = nil, message: String) {
    self.path = path
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { return "\(path):\(line): \(message)" }
    return "\(path): \(message)"
  }
}

/// Several diagnostics found together (all the problems of one lesson).
public struct DiagnosticList: Error, Sendable, Hashable {
  /// The problems, in file order.
  public var diagnostics: [Diagnostic]

  /// A list of `diagnostics`.
  public init(_ diagnostics: [Diagnostic]) {
    self.diagnostics = diagnostics
  }
}
