import Foundation
import Testing

/// Paths the test suites share: the package root (from this file's
/// location) and the reference values in `../shared/reference`.
public enum TestPaths {
  /// The package root.
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared/reference/NAME` beside the package.
  public static func reference(_ name: String) -> URL {
    packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference").appendingPathComponent(name)
  }
}

/// Expects `actual` within `tolerance` (absolute) of `expected`, reporting
/// the caller's location.
public func expectClose(
  _ actual: Double, _ expected: Double, absolute tolerance: Double, _ comment: Comment? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    abs(actual - expected) <= tolerance,
    "\(actual) is not within \(tolerance) of \(expected)\(comment.map { ": \($0)" } ?? "")",
    sourceLocation: sourceLocation)
}

/// A minimal CSV reader for reference files: a header row, commas, optional
/// double quotes, CRLF or LF. Returns rows as dictionaries by column name.
public func readReferenceCSV(_ url: URL) throws -> [[String: String]] {
  let text = try String(contentsOf: url, encoding: .utf8)
  let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).filter { !$0.isEmpty }
  guard let header = lines.first else { return [] }
  func fields(_ line: Substring) -> [String] {
    line.split(separator: ",", omittingEmptySubsequences: false).map { field in
      var value = field.trimmingCharacters(in: .whitespaces)
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      return value
    }
  }
  let names = fields(header)
  return lines.dropFirst().map { line in
    Dictionary(uniqueKeysWithValues: zip(names, fields(line)))
  }
}
