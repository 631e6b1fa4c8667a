/// Horizontal bars with labels and values, for comparing a few numbers
/// (per-bin accuracy, per-class recall, memory by component).
///
/// ```text
/// weights     ████████████▌        1.4
/// gradients   ████████████▌        1.4
/// optimizer   █████████████████████ 2.8
/// ```
///
/// Bars grow from 0 in eighths of a cell with Unicode (`▏▎▍▌▋▊▉█`), in
/// whole `#` cells in ASCII. Negative values are drawn as empty bars (a
/// bar chart of signed values hides more than it shows), with the value
/// still printed; non-finite values print as `nan`/`inf` with no bar.
public struct BarChart: Sendable, Equatable {
  /// One bar.
  public struct Bar: Sendable, Equatable {
    /// Its label.
    public var label: String
    /// Its value.
    public var value: Double

    /// A bar for `value` labelled `label`.
    public init(label: String, value: Double) {
      self.label = label
      self.value = value
    }
  }

  /// A line above the chart, if any.
  public var title: String?
  /// The bars, top to bottom.
  public var bars: [Bar]

  /// A chart of `bars` under `title`.
  public init(title: String? = nil, bars: [Bar]) {
    self.title = title
    self.bars = bars
  }

  /// The chart at most `width` columns wide, ending with a newline.
  public func render(width: Int, style: TerminalStyle) -> String {
    var out: [String] = []
    if let title { out.append(style.color ? ANSI.bold + title + ANSI.reset : title) }
    guard !bars.isEmpty else { return (out + ["(no data)"]).joined(separator: "\n") + "\n" }
    let labels = bars.map { TextLayout.sanitize($0.label) }
    let values = bars.map { formatTick($0.value) }
    let labelWidth = labels.map(visibleWidth).max() ?? 0
    let valueWidth = values.map(\.count).max() ?? 0
    let barWidth = max(1, width - labelWidth - valueWidth - 2)
    let largest = bars.map(\.value).filter(\.isFinite).max() ?? 0
    for (index, bar) in bars.enumerated() {
      let fraction = largest > 0 && bar.value.isFinite ? max(0, bar.value) / largest : 0
      let drawn = Self.bar(fraction: fraction, cells: barWidth, unicode: style.color)
      let colored = style.color && !drawn.isEmpty ? ANSI.cyan + drawn + ANSI.reset : drawn
      let labelPad = TextLayout.repeated(" ", labelWidth - visibleWidth(labels[index]))
      let barPad = TextLayout.repeated(" ", barWidth - visibleWidth(drawn))
      let valuePad = TextLayout.repeated(" ", valueWidth - values[index].count)
      out.append(labels[index] + labelPad + " " + colored + barPad + " " + valuePad + values[index])
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// A bar `fraction` of `cells` long, in eighths with Unicode.
  static func bar(fraction: Double, cells: Int, unicode: Bool) -> String {
    let clamped = min(1, max(0, fraction))
    if !unicode { return TextLayout.repeated("#", Int((clamped * Double(cells)).rounded())) }
    let eighths = Int((clamped * Double(cells) * 8).rounded())
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
    return TextLayout.repeated("█", eighths / 8) + partial
  }

  /// The chart as a standalone SVG document `width` × `height` pixels.
  public func svg(width: Int = 640, height: Int = 360) -> String {
    var svg = SVGWriter(width: width, height: height, title: title)
    let area = svg.plotArea(legendEntries: 0)
    let largest = max(0, bars.map(\.value).filter(\.isFinite).max() ?? 0)
    let labelRoom = 100.0
    let rowHeight = area.height / Double(max(1, bars.count))
    for (index, bar) in bars.enumerated() {
      let y = area.y + Double(index) * rowHeight
      svg.text(bar.label, x: area.x + labelRoom - 6, y: y + rowHeight / 2 + 4, anchor: "end")
      let fraction = largest > 0 && bar.value.isFinite ? max(0, bar.value) / largest : 0
      let length = fraction * (area.width - labelRoom - 60)
      svg.rect(
        x: area.x + labelRoom, y: y + rowHeight * 0.15, width: length, height: rowHeight * 0.7,
        color: ChartPalette.svgColors[0], label: "\(bar.label): \(formatTick(bar.value))")
      svg.text(formatTick(bar.value), x: area.x + labelRoom + length + 6, y: y + rowHeight / 2 + 4)
    }
    return svg.document()
  }
}
