/// A confusion matrix as a heat map: rows are the true classes, columns the
/// predicted ones, each cell its count on a background as dark as the count
/// is large (a grey ramp), or with an ASCII shade after the count in plain
/// style (` .:*#` from least to most).
///
/// ```text
///  true \ pred   cat  dog  fox
///  cat            50    3    1
///  dog             4   41    9
///  fox             0   12   30
/// ```
public struct ConfusionMatrixHeatMap: Sendable, Equatable {
  /// A line above the table, if any.
  public var title: String?
  /// The class names, in the order of the rows and columns.
  public var labels: [String]
  /// `counts[t][p]`: how many items of true class t were predicted as p.
  public var counts: [[Int]]

  /// A heat map of `counts` (square, one row and column per label; missing
  /// entries count as 0).
  public init(title: String? = nil, labels: [String], counts: [[Int]]) {
    self.title = title
    self.labels = labels
    self.counts = labels.indices.map { row in
      labels.indices.map { column in
        row < counts.count && column < counts[row].count ? max(0, counts[row][column]) : 0
      }
    }
  }

  /// The table, ending with a newline.
  public func render(style: TerminalStyle) -> String {
    var out: [String] = []
    if let title { out.append(style.color ? ANSI.bold + title + ANSI.reset : title) }
    guard !labels.isEmpty else { return (out + ["(no data)"]).joined(separator: "\n") + "\n" }
    let names = labels.map { TextLayout.sanitize($0) }
    let corner = "true \\ pred"
    let rowLabelWidth = max(visibleWidth(corner), names.map(visibleWidth).max() ?? 0)
    let largest = counts.flatMap { $0 }.max() ?? 0
    let numberWidth = max(String(largest).count, names.map(visibleWidth).max() ?? 0)
    let cellWidth = numberWidth + (style.color ? 2 : 3)
    func pad(_ text: String, _ width: Int, right: Bool) -> String {
      let space = TextLayout.repeated(" ", width - visibleWidth(text))
      return right ? space + text : text + space
    }
    out.append(pad(corner, rowLabelWidth, right: false) + names.map { " " + pad($0, cellWidth, right: true) }.joined())
    for (row, name) in names.enumerated() {
      var line = pad(name, rowLabelWidth, right: false)
      for column in names.indices {
        let count = counts[row][column]
        let share = largest == 0 ? 0 : Double(count) / Double(largest)
        if style.color {
          // Grey ramp 232 (near black) to 250 (light): text flips from
          // white to black once the background is light enough to need it.
          let shade = 236 + Int((share * 14).rounded())
          let foreground = shade >= 246 ? "30" : "97"
          let diagonal = row == column ? ANSI.bold : ""
          line += " " + "\u{1B}[48;5;\(shade)m\u{1B}[\(foreground)m" + diagonal
            + pad(String(count), cellWidth - 1, right: true) + " " + ANSI.reset
        } else {
          let marks: [Character] = [" ", ".", ":", "*", "#"]
          let mark = count == 0 ? " " : marks[max(1, Int((share * 4).rounded()))]
          line += " " + pad(String(count), cellWidth - 2, right: true) + " " + String(mark)
        }
      }
      out.append(line)
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The heat map as a standalone SVG document, cells shaded from white to
  /// the chart blue.
  public func svg(cellSize: Int = 48) -> String {
    let margin = 90.0
    let size = Double(cellSize)
    let width = Int(margin + size * Double(labels.count) + 16)
    let height = Int(margin + size * Double(labels.count) + 16)
    var svg = SVGWriter(width: width, height: height, title: title)
    let largest = max(1, counts.flatMap { $0 }.max() ?? 0)
    for (column, name) in labels.enumerated() {
      svg.text(name, x: margin + (Double(column) + 0.5) * size, y: margin - 8, anchor: "middle")
    }
    for (row, name) in labels.enumerated() {
      let y = margin + Double(row) * size
      svg.text(name, x: margin - 8, y: y + size / 2 + 4, anchor: "end")
      for column in labels.indices {
        let count = counts[row][column]
        let share = Double(count) / Double(largest)
        // From white (0) to #1f77b4 (the largest count).
        let red = Int(255 - share * (255 - 0x1f))
        let green = Int(255 - share * (255 - 0x77))
        let blue = Int(255 - share * (255 - 0xb4))
        let color = "rgb(\(red),\(green),\(blue))"
        let x = margin + Double(column) * size
        svg.rect(
          x: x, y: y, width: size - 1, height: size - 1, color: color,
          label: "true \(name), predicted \(labels[column]): \(count)")
        svg.text(String(count), x: x + size / 2, y: y + size / 2 + 4, anchor: "middle")
      }
    }
    return svg.document()
  }
}
