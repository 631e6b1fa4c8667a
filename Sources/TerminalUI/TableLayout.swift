/// Lays out a table whose cells are already rendered (they may hold SGR and
/// OSC 8 escapes) inside a box at most `width` columns wide.
///
/// Columns get their natural width when the table fits. When it does not,
/// every column first gets the width of its longest word, and the room left
/// is shared out one column at a time, so narrow columns keep their shape
/// and only the long ones wrap. A cell that wraps makes its whole row taller,
/// and then body rows are separated by rules so that the rows stay legible.
/// Only when even the longest words do not fit are words split.
///
/// Colour styles draw Unicode box lines in grey and the header in bold;
/// plain styles draw `+`, `-` and `|`, which survive any pipe or font.
struct TableLayout {
  /// The header cells, rendered.
  var header: [String]
  /// The body rows, rendered, each as long as `header`.
  var rows: [[String]]
  /// One alignment per column.
  var alignments: [PipeTable.Alignment]
  /// Which characters to draw with.
  var style: TerminalStyle

  /// The table as lines no wider than `width` (unless even one column per
  /// cell does not fit).
  func lines(width: Int) -> [String] {
    let columnCount = header.count
    guard columnCount > 0 else { return [] }
    let widths = columnWidths(available: width - (3 * columnCount + 1))

    let color = style.color
    func rule(_ left: String, _ middle: String, _ right: String) -> String {
      let horizontal = color ? "─" : "-"
      let text = left + widths.map { TextLayout.repeated(horizontal, $0 + 2) }.joined(separator: middle) + right
      return color ? ANSI.gray + text + ANSI.reset : text
    }
    let bar = color ? ANSI.gray + "│" + ANSI.reset : "|"

    func rowLines(_ cells: [String]) -> [String] {
      let wrapped = (0..<columnCount).map { column -> [String] in
        let cell = column < cells.count ? cells[column] : ""
        return cell.isEmpty ? [""] : TextLayout.wrap(cell, width: widths[column])
      }
      let height = wrapped.map(\.count).max() ?? 1
      return (0..<height).map { lineIndex in
        let pieces = (0..<columnCount).map { column -> String in
          let text = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : ""
          return " " + Self.align(text, width: widths[column], alignments[column]) + " "
        }
        return bar + pieces.joined(separator: bar) + bar
      }
    }

    let body = rows.map(rowLines)
    let separateRows = body.contains { $0.count > 1 }
    var out = [color ? rule("┌", "┬", "┐") : rule("+", "+", "+")]
    out += rowLines(header)
    out.append(color ? rule("├", "┼", "┤") : rule("+", "+", "+"))
    for (index, row) in body.enumerated() {
      if index > 0 && separateRows { out.append(color ? rule("├", "┼", "┤") : rule("+", "+", "+")) }
      out += row
    }
    out.append(color ? rule("└", "┴", "┘") : rule("+", "+", "+"))
    return out
  }

  /// The width of each column's content, given `available` columns for all
  /// of them together.
  func columnWidths(available: Int) -> [Int] {
    let all = [header] + rows
    let columns = header.indices
    let natural = columns.map { column in
      max(1, all.map { column < $0.count ? visibleWidth($0[column]) : 0 }.max() ?? 1)
    }
    if natural.reduce(0, +) <= available { return natural }
    let longestWord = columns.map { column in
      max(1, all.map { column < $0.count ? Self.longestWord($0[column]) : 0 }.max() ?? 1)
    }
    var widths = longestWord
    var spare = available - widths.reduce(0, +)
    if spare >= 0 {
      // Share the room left one column at a time among those that still
      // want more, which favours no column over another.
      while spare > 0 {
        var grew = false
        for column in columns where widths[column] < natural[column] && spare > 0 {
          widths[column] += 1
          spare -= 1
          grew = true
        }
        if !grew { break }
      }
    } else {
      // Even the longest words do not fit: narrow the widest columns first,
      // splitting their words, down to one column each.
      while spare < 0, let widest = columns.max(by: { widths[$0] < widths[$1] }), widths[widest] > 1 {
        widths[widest] -= 1
        spare += 1
      }
    }
    return widths
  }

  /// The widest space-separated word in a rendered cell.
  static func longestWord(_ text: String) -> Int {
    ANSI.strip(text).split(separator: " ").map { TextLayout.width(ofPlain: String($0)) }.max() ?? 0
  }

  /// `text` padded with spaces to `width` columns as `alignment` says.
  static func align(_ text: String, width: Int, _ alignment: PipeTable.Alignment) -> String {
    let gap = max(0, width - visibleWidth(text))
    switch alignment {
    case .left: return text + TextLayout.repeated(" ", gap)
    case .right: return TextLayout.repeated(" ", gap) + text
    case .center: return TextLayout.repeated(" ", gap / 2) + text + TextLayout.repeated(" ", gap - gap / 2)
    }
  }
}
