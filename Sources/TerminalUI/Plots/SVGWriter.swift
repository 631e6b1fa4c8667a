/// Builds a small, standalone SVG document: the browser-side twin of the
/// terminal charts, so a learner can open a chart with `--svg FILE`.
///
/// Coordinates are pixels from the top-left corner. Text is XML-escaped;
/// numbers are written with two decimals at most, so documents are stable
/// enough to compare in tests.
struct SVGWriter {
  let width: Int
  let height: Int
  private var title: String?
  private var elements: [String] = []

  /// A plot's drawing rectangle.
  struct Area {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
  }

  init(width: Int, height: Int, title: String?) {
    self.width = max(1, width)
    self.height = max(1, height)
    self.title = title
  }

  /// The rectangle left for the plot once margins for labels, the title
  /// and a legend row are taken.
  func plotArea(legendEntries: Int) -> Area {
    let top = title == nil ? 16.0 : 36.0
    let bottom = 36.0 + (legendEntries > 0 ? 22 : 0)
    let left = 56.0
    let right = 16.0
    return Area(
      x: left, y: top, width: max(1, Double(width) - left - right), height: max(1, Double(height) - top - bottom))
  }

  /// A frame with the scales' ends and middle labelled.
  mutating func axes(_ area: Area, x: ChartScale?, y: ChartScale?) {
    elements.append(
      "<rect x=\"\(n(area.x))\" y=\"\(n(area.y))\" width=\"\(n(area.width))\" height=\"\(n(area.height))\" fill=\"none\" stroke=\"#999\"/>"
    )
    if let y {
      for (fraction, value) in [(0.0, y.upper), (0.5, (y.lower + y.upper) / 2), (1.0, y.lower)] {
        let py = area.y + fraction * area.height
        text(formatTick(value), x: area.x - 6, y: py + 4, anchor: "end")
        elements.append(
          "<line x1=\"\(n(area.x))\" y1=\"\(n(py))\" x2=\"\(n(area.x + area.width))\" y2=\"\(n(py))\" stroke=\"#eee\"/>")
      }
    }
    if let x {
      text(formatTick(x.lower), x: area.x, y: area.y + area.height + 16, anchor: "start")
      text(formatTick(x.upper), x: area.x + area.width, y: area.y + area.height + 16, anchor: "end")
    }
  }

  /// A line through `points`.
  mutating func polyline(_ points: [(Double, Double)], color: String) {
    let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
    elements.append("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>")
  }

  /// A filled rectangle.
  mutating func rect(x: Double, y: Double, width: Double, height: Double, color: String, label: String? = nil) {
    let tooltip = label.map { "<title>\(escape($0))</title>" } ?? ""
    elements.append(
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" height=\"\(n(max(0, height)))\" fill=\"\(color)\">\(tooltip)</rect>"
    )
  }

  /// Text anchored at `anchor` (`start`, `middle` or `end`).
  mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start") {
    elements.append("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(escape(content))</text>")
  }

  /// A row of coloured swatches with names under the plot.
  mutating func legend(_ names: [String], colors: [String], below area: Area) {
    var x = area.x
    let y = area.y + area.height + 40
    for (index, name) in names.enumerated() {
      rect(x: x, y: y - 10, width: 14, height: 4, color: colors[index % colors.count])
      text(name, x: x + 18, y: y - 4)
      x += 28 + Double(name.count) * 7
    }
  }

  /// The document.
  func document() -> String {
    var lines = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
    ]
    if let title {
      lines.append(
        "<text x=\"\(n(Double(width) / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(escape(title))</text>"
      )
    }
    lines += elements
    lines.append("</svg>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A number with at most two decimals and no trailing zeros.
  private func n(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }

  /// `text` safe inside an element or an attribute.
  private func escape(_ text: String) -> String {
    var result = ""
    for character in TextLayout.sanitize(text) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
