/// The distribution of a sample as vertical bars over equal-width bins
/// (confidences, errors, latencies), for the terminal and as SVG.
///
/// Bin i of n covers [lo + i·w, lo + (i+1)·w), the last bin also holding
/// the maximum, where lo and hi are the sample's smallest and largest
/// finite values (or the `range` given) and w = (hi − lo) / n. Values
/// outside a given range, and non-finite values, are counted in `excluded`
/// rather than dropped silently.
///
/// Bars rise in eighths of a cell with Unicode (`▁▂▃▄▅▆▇█`), in whole `#`
/// cells in ASCII.
public struct Histogram: Sendable, Equatable {
  /// A line above the chart, if any.
  public var title: String?
  /// How many values fell in each bin.
  public private(set) var counts: [Int]
  /// The lower edge of the first bin and the upper edge of the last.
  public private(set) var range: ClosedRange<Double>
  /// Values left out: not finite, or outside a given range.
  public private(set) var excluded: Int

  /// Bins `values` into `binCount` bins over `range` (default: the values'
  /// own range).
  public init(title: String? = nil, values: [Double], binCount: Int = 10, range: ClosedRange<Double>? = nil) {
    self.title = title
    let bins = max(1, binCount)
    let finite = values.filter(\.isFinite)
    var lower = range?.lowerBound ?? finite.min() ?? 0
    var upper = range?.upperBound ?? finite.max() ?? 1
    if lower == upper {
      lower -= 0.5
      upper += 0.5
    }
    self.range = lower...upper
    var counts = Array(repeating: 0, count: bins)
    var excluded = values.count - finite.count
    for value in finite {
      guard value >= lower && value <= upper else {
        excluded += 1
        continue
      }
      let index = min(bins - 1, Int((value - lower) / (upper - lower) * Double(bins)))
      counts[index] += 1
    }
    self.counts = counts
    self.excluded = excluded
  }

  /// The chart in `width` × `height` terminal cells, ending with a newline.
  public func render(width: Int, height: Int, style: TerminalStyle) -> String {
    var out: [String] = []
    if let title { out.append(style.color ? ANSI.bold + title + ANSI.reset : title) }
    let largest = counts.max() ?? 0
    let yLabels = (String(largest), "", "0")
    let labelWidth = yLabels.0.count
    let available = max(counts.count, width - labelWidth - 2)
    let binWidth = max(1, available / counts.count)
    let plotWidth = binWidth * counts.count
    let rows = max(1, height - 2 - (title == nil ? 0 : 1) - (excluded > 0 ? 1 : 0))
    let blocks = ["", "▁", "▂", "▃", "▄", "▅", "▆", "▇"]
    var plot: [String] = []
    for row in 0..<rows {
      let rowFromBottom = rows - 1 - row
      var line = ""
      for count in counts {
        let level = largest == 0 ? 0 : Int((Double(count) / Double(largest) * Double(rows * 8)).rounded())
        let filled = level - rowFromBottom * 8
        let glyph: String
        if style.color {
          glyph = filled >= 8 ? "█" : (filled > 0 ? blocks[filled] : " ")
        } else {
          glyph = filled >= 4 ? "#" : " "
        }
        let cell = TextLayout.repeated(glyph, binWidth)
        line += style.color && glyph != " " ? ANSI.cyan + cell + ANSI.reset : cell
      }
      plot.append(line)
    }
    let frame = ChartFrame(
      plot: plot, plotWidth: plotWidth, yLabels: yLabels,
      xLabels: (formatTick(range.lowerBound), formatTick(range.upperBound)), style: style)
    out += frame.lines()
    if excluded > 0 { out.append("(\(excluded) value\(excluded == 1 ? "" : "s") left out: not finite or outside the range)") }
    return out.joined(separator: "\n") + "\n"
  }

  /// The chart as a standalone SVG document `width` × `height` pixels.
  public func svg(width: Int = 640, height: Int = 360) -> String {
    var svg = SVGWriter(width: width, height: height, title: title)
    let area = svg.plotArea(legendEntries: 0)
    let largest = counts.max() ?? 0
    let xScale = ChartScale([range.lowerBound, range.upperBound])
    let yScale = ChartScale([0, Double(max(1, largest))])
    svg.axes(area, x: xScale, y: yScale)
    let binWidth = area.width / Double(counts.count)
    let step = (range.upperBound - range.lowerBound) / Double(counts.count)
    for (index, count) in counts.enumerated() {
      let barHeight = Double(count) / Double(max(1, largest)) * area.height
      let lower = range.lowerBound + Double(index) * step
      svg.rect(
        x: area.x + Double(index) * binWidth + 1, y: area.y + area.height - barHeight, width: binWidth - 2,
        height: barHeight, color: ChartPalette.svgColors[0],
        label: "[\(formatTick(lower)), \(formatTick(lower + step))): \(count)")
    }
    return svg.document()
  }
}
