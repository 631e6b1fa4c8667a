/// The axes around a plot area: value labels on the left at the top, middle
/// and bottom rows, a baseline, and the first and last x labels under it.
///
/// ```text
/// 2.5 ┤⠀⠀⢀⠔⠁
///     │⠀⡠⠃⠀⠀
///   0 ┤⠊⠀⠀⠀⠀
///     └─────
///     0    10
/// ```
struct ChartFrame {
  /// The plot area, one string per row, each `plotWidth` columns wide.
  var plot: [String]
  var plotWidth: Int
  /// Labels for the top, middle and bottom rows (empty strings for none).
  var yLabels: (top: String, middle: String, bottom: String)
  /// Labels under the left and right ends of the baseline.
  var xLabels: (left: String, right: String)
  var style: TerminalStyle

  /// The framed plot's lines.
  func lines() -> [String] {
    let color = style.color
    let labelWidth = max(visibleWidth(yLabels.top), visibleWidth(yLabels.middle), visibleWidth(yLabels.bottom))
    let gray = { (text: String) in color ? ANSI.gray + text + ANSI.reset : text }
    let middleRow = plot.count / 2
    var out: [String] = []
    for (row, line) in plot.enumerated() {
      let label: String
      switch row {
      case 0: label = yLabels.top
      case plot.count - 1: label = yLabels.bottom
      case middleRow where plot.count >= 5: label = yLabels.middle
      default: label = ""
      }
      let pad = TextLayout.repeated(" ", labelWidth - visibleWidth(label))
      let tick = label.isEmpty ? (color ? "│" : "|") : (color ? "┤" : "+")
      out.append(pad + label + " " + gray(tick) + line)
    }
    let indent = TextLayout.repeated(" ", labelWidth + 1)
    out.append(indent + gray((color ? "└" : "+") + TextLayout.repeated(color ? "─" : "-", plotWidth)))
    let gap = plotWidth + 1 - visibleWidth(xLabels.left) - visibleWidth(xLabels.right)
    if !xLabels.left.isEmpty || !xLabels.right.isEmpty {
      out.append(indent + xLabels.left + TextLayout.repeated(" ", max(1, gap)) + xLabels.right)
    }
    return out
  }
}

/// Colours and ASCII marks given to series in order.
enum ChartPalette {
  /// SGR foreground codes: blue, orange-ish yellow, green, magenta, cyan, red.
  static let colors = [ANSI.blue, ANSI.yellow, ANSI.green, ANSI.magenta, ANSI.cyan, ANSI.red]
  /// The same series' colours for SVG.
  static let svgColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#17becf"]
  /// ASCII marks, one per series.
  static let marks: [Character] = ["*", "+", "o", "x", "#", "%"]
}
