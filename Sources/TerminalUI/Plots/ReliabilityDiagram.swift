/// A reliability diagram: per confidence bin, how often the model was right
/// (the bar) against how sure it said it was (the marker), with each bin's
/// count printed under it, because a wild bar may rest on one prediction.
///
/// ```text
///   1 ┤        ━ ██
///     │     ━  ██ ██
///     │  ━  ██ ██ ██
///   0 ┤━ ██ ██ ██ ██
///     └──────────────
///  n   3  12 40 95 310
/// ```
///
/// A calibrated model's bars reach their markers; bars below the marker
/// are overconfident bins. Empty bins draw nothing. The diagram takes plain
/// numbers so that any calibration code (the Stats kernel, a grader) can
/// feed it.
public struct ReliabilityDiagram: Sendable, Equatable {
  /// One confidence bin.
  public struct Bin: Sendable, Equatable {
    /// The bin's lower edge.
    public var lower: Double
    /// The bin's upper edge.
    public var upper: Double
    /// How many predictions fell in it.
    public var count: Int
    /// The fraction of them that were correct; nil when the bin is empty.
    public var accuracy: Double?
    /// Their mean confidence; nil when the bin is empty.
    public var confidence: Double?

    /// A bin with the given contents.
    public init(lower: Double, upper: Double, count: Int, accuracy: Double?, confidence: Double?) {
      self.lower = lower
      self.upper = upper
      self.count = count
      self.accuracy = accuracy
      self.confidence = confidence
    }
  }

  /// A line above the chart, if any (e.g. "ECE 0.041 · 15 bins").
  public var title: String?
  /// The bins, from low confidence to high.
  public var bins: [Bin]

  /// A diagram of `bins` under `title`.
  public init(title: String? = nil, bins: [Bin]) {
    self.title = title
    self.bins = bins
  }

  /// The diagram in `width` × `height` terminal cells, ending with a newline.
  public func render(width: Int, height: Int, style: TerminalStyle) -> String {
    var out: [String] = []
    if let title { out.append(style.color ? ANSI.bold + title + ANSI.reset : title) }
    guard !bins.isEmpty else { return (out + ["(no data)"]).joined(separator: "\n") + "\n" }
    let labelWidth = 1
    let binWidth = max(1, min(4, (width - labelWidth - 2) / bins.count))
    let rows = max(2, height - 3 - (title == nil ? 0 : 1))
    var plot: [String] = []
    for row in 0..<rows {
      let rowFromBottom = rows - 1 - row
      var line = ""
      for bin in bins {
        line += cell(bin, rowFromBottom: rowFromBottom, rows: rows, width: binWidth, style: style)
      }
      plot.append(line)
    }
    let plotWidth = binWidth * bins.count
    out += ChartFrame(
      plot: plot, plotWidth: plotWidth, yLabels: ("1", "", "0"),
      xLabels: (formatTick(bins.first!.lower), formatTick(bins.last!.upper)), style: style
    ).lines()
    // Counts under their bins when they fit, else the smallest and largest.
    let counts = bins.map { String($0.count) }
    if counts.allSatisfy({ $0.count < binWidth }) {
      out.append("n " + counts.map { TextLayout.repeated(" ", binWidth - $0.count) + $0 }.joined())
    } else {
      let nonEmpty = bins.map(\.count).filter { $0 > 0 }
      out.append("n per bin: \(nonEmpty.min() ?? 0) to \(nonEmpty.max() ?? 0)")
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// One row of one bin: bar (accuracy) in blocks, marker (confidence) on
  /// top of it, and a gap of one column between bins when there is room.
  private func cell(_ bin: Bin, rowFromBottom: Int, rows: Int, width: Int, style: TerminalStyle) -> String {
    let inner = width > 1 ? width - 1 : 1
    let gap = TextLayout.repeated(" ", width - inner)
    guard bin.count > 0, let accuracy = bin.accuracy, let confidence = bin.confidence else {
      return TextLayout.repeated(" ", width)
    }
    let markerRow = min(rows - 1, Int((min(1, max(0, confidence)) * Double(rows - 1)).rounded()))
    if rowFromBottom == markerRow {
      let marker = TextLayout.repeated(style.color ? "━" : "-", inner)
      return gap + (style.color ? ANSI.red + marker + ANSI.reset : marker)
    }
    let eighths = Int((min(1, max(0, accuracy)) * Double(rows * 8)).rounded())
    let filled = eighths - rowFromBottom * 8
    let glyph: String
    if style.color {
      glyph = filled >= 8 ? "█" : (filled > 0 ? ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"][filled] : " ")
    } else {
      glyph = filled >= 4 ? "#" : " "
    }
    let bar = TextLayout.repeated(glyph, inner)
    return gap + (style.color && glyph != " " ? ANSI.cyan + bar + ANSI.reset : bar)
  }

  /// The diagram as a standalone SVG document: bars for accuracy, the
  /// diagonal of perfect calibration, a marker at each bin's confidence.
  public func svg(width: Int = 480, height: Int = 480) -> String {
    var svg = SVGWriter(width: width, height: height, title: title)
    let area = svg.plotArea(legendEntries: 0)
    let unit = ChartScale([0, 1])
    svg.axes(area, x: unit, y: unit)
    svg.polyline([(area.x, area.y + area.height), (area.x + area.width, area.y)], color: "#999")
    for bin in bins {
      guard bin.count > 0, let accuracy = bin.accuracy, let confidence = bin.confidence else { continue }
      let x = area.x + min(1, max(0, bin.lower)) * area.width
      let binWidth = (min(1, bin.upper) - max(0, bin.lower)) * area.width
      let barHeight = min(1, max(0, accuracy)) * area.height
      svg.rect(
        x: x + 1, y: area.y + area.height - barHeight, width: binWidth - 2, height: barHeight,
        color: ChartPalette.svgColors[0],
        label: "(\(formatTick(bin.lower)), \(formatTick(bin.upper))]: \(bin.count) predictions, "
          + "accuracy \(formatTick(accuracy)), confidence \(formatTick(confidence))")
      let markerY = area.y + (1 - min(1, max(0, confidence))) * area.height
      svg.polyline([(x + 1, markerY), (x + binWidth - 1, markerY)], color: "#d62728")
    }
    return svg.document()
  }
}
