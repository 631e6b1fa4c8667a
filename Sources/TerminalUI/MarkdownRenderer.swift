/// Renders CommonMark lessons as terminal text: wrapped prose, headings,
/// lists, quotes, code blocks and exercise cards, with ANSI styling and OSC 8
/// links when the `TerminalStyle` allows them and readable plain text when not.
public struct MarkdownRenderer: Sendable {
  /// The number of terminal columns available.
  public let width: Int
  /// Which escapes the output may contain.
  public let style: TerminalStyle

  /// Prose is never wrapped wider than this, however wide the terminal.
  static let maximumProseWidth = 100

  /// A renderer for a terminal `width` columns wide.
  public init(width: Int, style: TerminalStyle) {
    self.width = max(1, width)
    self.style = style
  }

  private var proseWidth: Int { min(width, Self.maximumProseWidth) }

  /// Render a Markdown document. `exerciseCard` is called with the 1-based
  /// source line of each ```` ```exercise ```` fence and its body; returning
  /// nil renders the block as an ordinary code block. The result ends with
  /// exactly one newline, and blocks are separated by one blank line.
  public func render(
    _ markdown: String,
    exerciseCard: (_ line: Int, _ body: String) -> ExerciseCard? = { _, _ in nil }
  ) -> String {
    let document = MarkdownNode.parse(markdown)
    let source = markdown.split(separator: "\n", omittingEmptySubsequences: false)
    return withoutActuallyEscaping(exerciseCard) { exerciseCard in
      let context = BlockContext(style: style, exerciseCard: exerciseCard, source: source)
      return Self.finish(context.blocks(document.children, width: proseWidth, tight: false))
    }
  }

  /// Render one card on its own (used by `check` and `status`), ending with
  /// one newline.
  public func render(card: ExerciseCard) -> String {
    Self.finish(card.lines(width: proseWidth, style: style))
  }

  private static func finish(_ lines: [String]) -> String {
    var lines = lines
    while let last = lines.last, last.isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Block layout: each function returns the lines of a block laid out in a
/// given width, without trailing newlines.
struct BlockContext {
  let style: TerminalStyle
  let exerciseCard: (_ line: Int, _ body: String) -> ExerciseCard?
  /// The document's source lines: pipe tables are read from the source,
  /// because by the time cmark hands over a paragraph an escaped `\|` and a
  /// cell separator look the same.
  var source: [Substring] = []
  /// How many block quotes enclose the blocks being laid out (their `>`
  /// markers are part of the source lines of a table inside them).
  var quoteDepth = 0

  private var color: Bool { style.color }

  private func paint(_ text: String, _ codes: String...) -> String {
    guard color, !text.isEmpty else { return text }
    return codes.joined() + text + ANSI.reset
  }

  func blocks(_ nodes: [MarkdownNode], width: Int, tight: Bool) -> [String] {
    var out: [String] = []
    for node in nodes {
      let lines = block(node, width: max(1, width))
      if lines.isEmpty { continue }
      if !out.isEmpty && !tight { out.append("") }
      out += lines
    }
    return out
  }

  func block(_ node: MarkdownNode, width: Int) -> [String] {
    switch node.kind {
    case .document, .customBlock, .item:
      return blocks(node.children, width: width, tight: false)

    case .paragraph:
      if let lines = pipeTable(node, width: width) { return lines }
      return TextLayout.wrap(inline(node.children), width: width)

    case .heading(let level):
      return heading(node, level: level, width: width)

    case .thematicBreak:
      return [paint(TextLayout.repeated(color ? "─" : "-", width), ANSI.gray)]

    case .blockQuote:
      var quoted = self
      quoted.quoteDepth += 1
      let inner = quoted.blocks(node.children, width: width - 2, tight: false)
      let gutter = paint(color ? "│" : ">", ANSI.gray)
      return inner.map { $0.isEmpty ? gutter : gutter + " " + $0 }

    case .list(let ordered, let start, let tight, let paren):
      return list(node, ordered: ordered, start: start, tight: tight, paren: paren, width: width)

    case .codeBlock(let info, let literal):
      let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
      if language == "exercise", let card = exerciseCard(node.line, literal) {
        return card.lines(width: width, style: style)
      }
      return codeBlock(literal, language: language)

    case .htmlBlock(let literal):
      var text = TextLayout.sanitize(literal, keepTabs: true, keepNewlines: true)
      while text.hasSuffix("\n") { text.removeLast() }
      return text.split(separator: "\n", omittingEmptySubsequences: false).map {
        paint(String($0), ANSI.gray)
      }

    default:
      // Inline content at block level does not occur in a cmark tree; render
      // it as a paragraph if it ever does.
      return TextLayout.wrap(inline([node]), width: width)
    }
  }

  private func heading(_ node: MarkdownNode, level: Int, width: Int) -> [String] {
    if !color {
      switch level {
      case 1, 2:
        let lines = TextLayout.wrap(inline(node.children), width: width)
        let ruleWidth = min(width, lines.map(visibleWidth).max() ?? 0)
        return lines + [TextLayout.repeated(level == 1 ? "=" : "-", max(ruleWidth, 1))]
      default:
        let marker = TextLayout.repeated("#", level) + " "
        return TextLayout.wrap(marker + inline(node.children), width: width)
      }
    }
    switch level {
    case 1:
      let base = [ANSI.bold, ANSI.underline, ANSI.magenta]
      let lines = TextLayout.wrap(inline(node.children, base: base), width: width)
      let ruleWidth = min(width, lines.map(visibleWidth).max() ?? 0)
      return lines + [paint(TextLayout.repeated("─", max(ruleWidth, 1)), ANSI.magenta)]
    case 2:
      return TextLayout.wrap(inline(node.children, base: [ANSI.bold, ANSI.cyan]), width: width)
    default:
      return TextLayout.wrap(inline(node.children, base: [ANSI.bold]), width: width)
    }
  }

  private func list(
    _ node: MarkdownNode, ordered: Bool, start: Int, tight: Bool, paren: Bool, width: Int
  ) -> [String] {
    let count = node.children.count
    let markers: [String]
    if ordered {
      let last = start + max(0, count - 1)
      let digits = max(String(start).count, String(last).count)
      markers = (0..<count).map { index in
        let number = String(start + index)
        return TextLayout.repeated(" ", digits - number.count) + number + (paren ? ")" : ".")
      }
    } else {
      markers = Array(repeating: color ? "•" : "-", count: count)
    }
    let markerWidth = (markers.map(visibleWidth).max() ?? 1) + 1
    let indent = TextLayout.repeated(" ", markerWidth)

    var out: [String] = []
    for (index, item) in node.children.enumerated() {
      var content = blocks(item.children, width: width - markerWidth, tight: tight)
      if content.isEmpty { content = [""] }
      if !out.isEmpty && !tight { out.append("") }
      let marker = paint(markers[index], ANSI.cyan)
      for (lineIndex, line) in content.enumerated() {
        if lineIndex == 0 {
          out.append(line.isEmpty ? marker : marker + " " + line)
        } else {
          out.append(line.isEmpty ? "" : indent + line)
        }
      }
    }
    return out
  }

  private func codeBlock(_ literal: String, language: String) -> [String] {
    var code = TextLayout.sanitize(literal, keepTabs: true, keepNewlines: true)
    if code.hasSuffix("\n") { code.removeLast() }
    let lines: [String]
    if color && language == "swift" {
      lines = SwiftHighlighter.highlight(code)
    } else {
      lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    return lines.map { $0.isEmpty ? "" : "  " + $0 }
  }

  // MARK: - Inline content

  /// Inline nodes as one string, with `\n` for hard breaks and SGR/OSC 8
  /// escapes when enabled. `base` attributes stay on throughout.
  func inline(_ nodes: [MarkdownNode], base: [String] = []) -> String {
    var writer = InlineWriter(style: style, stack: color ? base : [])
    if color { writer.out = base.joined() }
    writer.write(nodes)
    guard color && !base.isEmpty else { return writer.out }
    let reopened = ANSI.reset + base.joined()
    if writer.out.hasSuffix(reopened) {
      writer.out.removeLast(reopened.count - ANSI.reset.count)
    } else {
      writer.out += ANSI.reset
    }
    return writer.out
  }
}

/// Accumulates inline output, keeping a stack of open SGR attributes so a
/// closing span can restore the attributes of the spans around it.
private struct InlineWriter {
  let style: TerminalStyle
  var stack: [String]
  var out = ""

  init(style: TerminalStyle, stack: [String]) {
    self.style = style
    self.stack = stack
  }

  private mutating func open(_ codes: String...) {
    guard style.color else { return }
    stack.append(codes.joined())
    out += codes.joined()
  }

  private mutating func close() {
    guard style.color, !stack.isEmpty else { return }
    stack.removeLast()
    out += ANSI.reset + stack.joined()
  }

  mutating func write(_ nodes: [MarkdownNode]) {
    for node in nodes { write(node) }
  }

  private mutating func write(_ node: MarkdownNode) {
    switch node.kind {
    case .text(let text):
      out += TextLayout.sanitize(text)
    case .softBreak:
      out += " "
    case .lineBreak:
      out += "\n"
    case .code(let code):
      let text = TextLayout.sanitize(code)
      if style.color {
        open(ANSI.yellow)
        out += text
        close()
      } else {
        let fence = text.contains("`") ? "``" : "`"
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        out += fence + pad + text + pad + fence
      }
    case .htmlInline(let html):
      out += TextLayout.sanitize(html)
    case .emphasis:
      if style.color {
        open(ANSI.italic)
        write(node.children)
        close()
      } else {
        out += "*"
        write(node.children)
        out += "*"
      }
    case .strong:
      if style.color {
        open(ANSI.bold)
        write(node.children)
        close()
      } else {
        out += "**"
        write(node.children)
        out += "**"
      }
    case .link(let rawURL):
      let url = TextLayout.sanitize(rawURL)
      let text = node.plainText
      let useOSC8 = style.hyperlinks && !url.isEmpty
      if useOSC8 { out += ANSI.linkOpen(url) }
      open(ANSI.blue, ANSI.underline)
      write(node.children)
      close()
      if useOSC8 {
        out += ANSI.linkClose
      } else if !url.isEmpty && text != url && "mailto:" + text != url {
        out += " (" + url + ")"
      }
    case .image(let rawURL):
      let url = TextLayout.sanitize(rawURL)
      let alt = TextLayout.sanitize(node.plainText)
      let label = "[image" + (alt.isEmpty ? "" : ": " + alt) + "]"
      if style.hyperlinks && !url.isEmpty {
        out += ANSI.linkOpen(url)
        open(ANSI.blue, ANSI.underline)
        out += label
        close()
        out += ANSI.linkClose
      } else {
        open(ANSI.dim)
        out += label
        close()
        if !url.isEmpty { out += " (" + url + ")" }
      }
    default:
      write(node.children)
    }
  }
}
