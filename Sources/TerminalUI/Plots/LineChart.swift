/// A line chart of one or more series, such as a training and a validation
/// loss curve, for the terminal (braille dots, or ASCII marks in plain
/// style) and as SVG.
///
/// ```swift
/// let chart = LineChart(title: "loss", series: [
///   .init(name: "train", values: [2.3, 1.1, 0.7, 0.5]),
///   .init(name: "val", values: [2.4, 1.3, 1.0, 0.9]),
/// ])
/// print(chart.render(width: 60, height: 12, style: .ansi))
/// ```
///
/// Points whose x or y is not finite (NaN, infinity: a diverged run) are
/// left out and break the line there; a chart with no finite point says
/// "no data".
public struct LineChart: Sendable, Equatable {
  /// One named line.
  public struct Series: Sendable, Equatable {
    /// The name shown in the legend.
    public var name: String
    /// The x coordinates, one per point.
    public var xs: [Double]
    /// The y coordinates, one per point.
    public var ys: [Double]

    /// A series with explicit coordinates (pairs beyond the shorter array are dropped).
    public init(name: String, xs: [Double], ys: [Double]) {
      let count = min(xs.count, ys.count)
      self.name = name
      self.xs = Array(xs.prefix(count))
      self.ys = Array(ys.prefix(count))
    }

    /// A series of `values` at x = 0, 1, 2, … (steps, epochs).
    public init(name: String, values: [Double]) {
      self.init(name: name, xs: values.indices.map(Double.init), ys: values)
    }
  }

  /// A line above the chart, if any.
  public var title: String?
  /// The lines, drawn in order (a later one wins a shared cell).
  public var series: [Series]

  /// A chart of `series` under `title`.
  public init(title: String? = nil, series: [Series]) {
    self.title = title
    self.series = series
  }

  /// The chart in `width` × `height` terminal cells (axes and labels
  /// included), ending with a newline.
  public func render(width: Int, height: Int, style: TerminalStyle) -> String {
    var out: [String] = []
    if let title { out.append(style.color ? ANSI.bold + title + ANSI.reset : title) }
    guard let xScale = ChartScale(series.flatMap(\.xs)), let yScale = ChartScale(finiteYs) else {
      out.append("(no data)")
      return out.joined(separator: "\n") + "\n"
    }
    let yLabels = (formatTick(yScale.upper), formatTick((yScale.lower + yScale.upper) / 2), formatTick(yScale.lower))
    let labelWidth = max(yLabels.0.count, yLabels.1.count, yLabels.2.count)
    let plotWidth = max(2, width - labelWidth - 2)
    let legendRows = series.count > 1 ? 1 : 0
    let plotHeight = max(2, height - 2 - legendRows - (title == nil ? 0 : 1))
    var canvas = PlotCanvas(columns: plotWidth, rows: plotHeight, braille: style.color)
    for (index, line) in series.enumerated() {
      var previous: (x: Int, y: Int)?
      for (x, y) in zip(line.xs, line.ys) {
        guard x.isFinite, y.isFinite else {
          previous = nil
          continue
        }
        let point = (
          x: xScale.position(x, count: canvas.dotColumns),
          y: canvas.dotRows - 1 - yScale.position(y, count: canvas.dotRows)
        )
        if let previous { canvas.line(from: previous, to: point, series: index) } else {
          canvas.set(x: point.x, y: point.y, series: index)
        }
        previous = point
      }
    }
    let frame = ChartFrame(
      plot: canvas.lines(colors: style.color ? ChartPalette.colors : nil, marks: ChartPalette.marks),
      plotWidth: plotWidth, yLabels: yLabels, xLabels: (formatTick(xScale.lower), formatTick(xScale.upper)),
      style: style)
    out += frame.lines()
    if legendRows > 0 { out.append(legend(style: style)) }
    return out.joined(separator: "\n") + "\n"
  }

  private var finiteYs: [Double] {
    series.flatMap { zip($0.xs, $0.ys).filter { $0.0.isFinite && $0.1.isFinite }.map(\.1) }
  }

  private func legend(style: TerminalStyle) -> String {
    series.enumerated().map { index, line in
      let mark =
        style.color
        ? ChartPalette.colors[index % ChartPalette.colors.count] + "━━" + ANSI.reset
        : String(ChartPalette.marks[index % ChartPalette.marks.count])
      return mark + " " + TextLayout.sanitize(line.name)
    }.joined(separator: "   ")
  }

  /// The chart as a standalone SVG document `width` × `height` pixels.
  public func svg(width: Int = 640, height: Int = 360) -> String {
    var svg = SVGWriter(width: width, height: height, title: title)
    guard let xScale = ChartScale(series.flatMap(\.xs)), let yScale = ChartScale(finiteYs) else {
      svg.text("no data", x: Double(width) / 2, y: Double(height) / 2, anchor: "middle")
      return svg.document()
    }
    let area = svg.plotArea(legendEntries: series.count > 1 ? series.count : 0)
    svg.axes(area, x: xScale, y: yScale)
    for (index, line) in series.enumerated() {
      var run: [(Double, Double)] = []
      func flush() {
        if !run.isEmpty { svg.polyline(run, color: ChartPalette.svgColors[index % ChartPalette.svgColors.count]) }
        run = []
      }
      for (x, y) in zip(line.xs, line.ys) {
        guard x.isFinite, y.isFinite else {
          flush()
          continue
        }
        run.append((area.x + xScale.fraction(x) * area.width, area.y + (1 - yScale.fraction(y)) * area.height))
      }
      flush()
    }
    if series.count > 1 {
      svg.legend(series.map(\.name), colors: ChartPalette.svgColors, below: area)
    }
    return svg.document()
  }
}
