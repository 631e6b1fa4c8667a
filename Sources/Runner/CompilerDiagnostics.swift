/// One diagnostic from `swiftc -diagnostic-style=llvm`: `FILE:LINE:COL:
/// error: MESSAGE`, followed by the source line and a caret.
struct CompilerDiagnostic: Sendable, Equatable {
  var file: String
  var line: Int
  var column: Int
  var severity: String
  var message: String
  /// The lines the compiler printed under the diagnostic (source excerpt, caret).
  var excerpt: [String]

  /// Parses the compiler's output into diagnostics, keeping each one's excerpt.
  static func parse(_ output: String) -> [CompilerDiagnostic] {
    var diagnostics: [CompilerDiagnostic] = []
    for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(rawLine)
      if let diagnostic = parseHeader(line) {
        diagnostics.append(diagnostic)
      } else if !diagnostics.isEmpty, !line.isEmpty, diagnostics[diagnostics.count - 1].excerpt.count < 4 {
        diagnostics[diagnostics.count - 1].excerpt.append(line)
      }
    }
    return diagnostics
  }

  /// Reads `FILE:LINE:COL: SEVERITY: MESSAGE`.
  static func parseHeader(_ line: String) -> CompilerDiagnostic? {
    for severity in ["error", "warning", "note"] {
      guard let marker = line.range(of: ": \(severity): ") else { continue }
      let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
      guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
        let column = Int(location[location.count - 1])
      else { continue }
      let file = location.dropLast(2).joined(separator: ":")
      return CompilerDiagnostic(
        file: file, line: lineNumber, column: column, severity: severity,
        message: String(line[marker.upperBound...]), excerpt: [])
    }
    return nil
  }
}
