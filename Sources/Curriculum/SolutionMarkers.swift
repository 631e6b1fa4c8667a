/// Derives a learner's exercise file from its reference solution, so that
/// the two can never drift apart: the solution is the one source of truth.
///
/// A solution marks the code the learner must write:
///
/// ```swift
/// func ece(confidences: [Double], correct: [Bool], binCount: Int) -> Double {
///   // BEGIN SOLUTION: put predictions in bins, then weight each bin's gap
///   …
///   // END SOLUTION
/// }
/// ```
///
/// In the exercise each marked region becomes one line that still compiles
/// and fails the grader with a clear message:
/// `fatalError("TODO: put predictions in bins, then weight each bin's gap")`,
/// indented like the marker. Everything outside the regions (imports, doc
/// comments, signatures) is copied unchanged.
public enum SolutionMarkers {
  /// The marker that opens a region; text after a colon becomes the TODO.
  public static let begin = "// BEGIN SOLUTION"
  /// The marker that closes a region.
  public static let end = "// END SOLUTION"

  /// The exercise text for `solution`, or every marker problem found, each
  /// at `path:LINE`.
  public static func exercise(fromSolution solution: String, path: String) -> Result<String, DiagnosticList> {
    var output: [String] = []
    var problems: [Diagnostic] = []
    var openedAt: Int?
    var regions = 0
    for (index, line) in solution.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = index + 1
      let text = String(line).trimmed
      if text.hasPrefix(begin) {
        if let openedAt {
          problems.append(
            Diagnostic(
              path: path, line: lineNumber,
              message: "\(begin) inside the region opened at line \(openedAt); regions cannot nest"))
          continue
        }
        openedAt = lineNumber
        regions += 1
        let indent = String(line.prefix { $0 == " " || $0 == "\t" })
        var note = String(text.dropFirst(begin.count)).trimmed
        if note.hasPrefix(":") { note = String(note.dropFirst()).trimmed }
        output.append("\(indent)fatalError(\"TODO: \(escaped(note.isEmpty ? "write this part" : note))\")")
      } else if text.hasPrefix(end) {
        if openedAt == nil {
          problems.append(Diagnostic(path: path, line: lineNumber, message: "\(end) without a \(begin) before it"))
        }
        openedAt = nil
      } else if openedAt == nil {
        output.append(String(line))
      }
    }
    if let openedAt {
      problems.append(Diagnostic(path: path, line: openedAt, message: "\(begin) is never closed by \(end)"))
    }
    if regions == 0 && problems.isEmpty {
      problems.append(
        Diagnostic(path: path, message: "no \(begin) … \(end) region: mark the code the learner writes"))
    }
    guard problems.isEmpty else { return .failure(DiagnosticList(problems)) }
    return .success(output.joined(separator: "\n"))
  }

  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      default: result.append(character)
      }
    }
    return result
  }
}
