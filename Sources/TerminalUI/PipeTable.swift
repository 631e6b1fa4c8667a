/// A GitHub-style pipe table read from Markdown source lines:
///
/// ```markdown
/// | bins | ECE   |
/// |:-----|------:|
/// | 5    | 0.288 |
/// ```
///
/// libcmark implements CommonMark only, which has no tables: such a block
/// reaches the renderer as an ordinary paragraph. The renderer gives the
/// paragraph's source lines to `PipeTable.parse`, which follows the GitHub
/// Flavored Markdown rules: a header row, then a delimiter row with the same
/// number of cells (`---`, `:--`, `--:` or `:-:`), then body rows until the
/// paragraph ends. Body rows with fewer cells are padded with empty ones and
/// extra cells are dropped. `\|` is a literal pipe inside a cell.
struct PipeTable: Equatable {
  /// How a column's cells are placed in their width.
  enum Alignment: Equatable {
    /// Flush left (`---` or `:--`).
    case left
    /// Centred (`:-:`).
    case center
    /// Flush right (`--:`).
    case right
  }

  /// Paragraph lines before the header row, which stay prose.
  var leadingLines: [String]
  /// The header cells, as Markdown inline source.
  var header: [String]
  /// One alignment per column.
  var alignments: [Alignment]
  /// The body rows, each with exactly `header.count` cells.
  var rows: [[String]]

  /// The table in `lines` (a paragraph's source lines with any block-quote
  /// or list indentation removed), or nil when they hold no pipe table.
  static func parse(_ lines: [String]) -> PipeTable? {
    guard lines.count >= 2 else { return nil }
    for headerIndex in 0..<(lines.count - 1) {
      let headerLine = lines[headerIndex]
      let delimiterLine = lines[headerIndex + 1]
      guard headerLine.contains("|") || delimiterLine.contains("|") else { continue }
      guard let alignments = delimiterRow(delimiterLine) else { continue }
      let header = cells(of: headerLine)
      guard header.count == alignments.count else { continue }
      let rows = lines[(headerIndex + 2)...].map { line -> [String] in
        var row = cells(of: line)
        if row.count > header.count { row.removeLast(row.count - header.count) }
        while row.count < header.count { row.append("") }
        return row
      }
      return PipeTable(
        leadingLines: Array(lines[..<headerIndex]), header: header, alignments: alignments, rows: rows)
    }
    return nil
  }

  /// The alignments a delimiter row declares, or nil when `line` is not one.
  static func delimiterRow(_ line: String) -> [Alignment]? {
    let row = cells(of: line)
    guard !row.isEmpty else { return nil }
    var alignments: [Alignment] = []
    for cell in row {
      let leftColon = cell.hasPrefix(":")
      let rightColon = cell.hasSuffix(":") && cell.count > 1
      let dashes = cell.dropFirst(leftColon ? 1 : 0).dropLast(rightColon ? 1 : 0)
      guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
      switch (leftColon, rightColon) {
      case (true, true): alignments.append(.center)
      case (false, true): alignments.append(.right)
      default: alignments.append(.left)
      }
    }
    return alignments
  }

  /// The trimmed cells of one row: split at every `|` that is not escaped,
  /// ignoring one leading and one trailing pipe.
  static func cells(of line: String) -> [String] {
    var text = Substring(trimmed(line))
    if text.hasPrefix("|") { text = text.dropFirst() }
    if text.hasSuffix("|") && !text.hasSuffix("\\|") { text = text.dropLast() }
    var result: [String] = []
    var cell = ""
    var escaped = false
    for character in text {
      if escaped {
        // `\|` is a literal pipe; any other escape is left for cmark to read
        // when the cell's inline content is parsed.
        if character != "|" { cell.append("\\") }
        cell.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "|" {
        result.append(trimmed(cell))
        cell = ""
      } else {
        cell.append(character)
      }
    }
    if escaped { cell.append("\\") }
    result.append(trimmed(cell))
    return result
  }

  private static func trimmed<S: StringProtocol>(_ text: S) -> String {
    var view = Substring(text)
    while let first = view.first, first == " " || first == "\t" || first == "\r" { view.removeFirst() }
    while let last = view.last, last == " " || last == "\t" || last == "\r" { view.removeLast() }
    return String(view)
  }
}
