extension BlockContext {
  /// The lines of a paragraph that holds a GitHub pipe table, or nil when it
  /// holds none and should be laid out as prose.
  ///
  /// The table is read from the paragraph's source lines, not from cmark's
  /// inline nodes: cmark has already turned `\|` into `|` by then, and a
  /// code span may contain pipes. Each cell's text is then parsed on its own
  /// as inline Markdown, so emphasis, code and links work inside cells.
  func pipeTable(_ node: MarkdownNode, width: Int) -> [String]? {
    guard node.line >= 1, node.endLine <= source.count, node.endLine > node.line else { return nil }
    var lines = source[(node.line - 1)..<node.endLine].map(stripContainerMarkers)
    // The first line starts where cmark says the paragraph starts, after a
    // list item's marker (`- `, `1. `) that the other lines do not repeat.
    let first = source[node.line - 1].utf8
    if node.column > 1, node.column - 1 <= first.count {
      lines[0] = String(decoding: first.dropFirst(node.column - 1), as: UTF8.self)
    }
    guard lines.contains(where: { $0.contains("|") }), let table = PipeTable.parse(lines) else { return nil }

    var out: [String] = []
    if !table.leadingLines.isEmpty {
      let prose = MarkdownNode.parse(table.leadingLines.joined(separator: "\n"))
      out += blocks(prose.children, width: width, tight: false)
    }
    let layout = TableLayout(
      header: table.header.map { cell(markdown: $0, base: style.color ? [ANSI.bold] : []) },
      rows: table.rows.map { $0.map { cell(markdown: $0, base: []) } },
      alignments: table.alignments, style: style)
    out += layout.lines(width: width)
    return out
  }

  /// One cell's inline Markdown, rendered on one line.
  private func cell(markdown: String, base: [String]) -> String {
    guard !markdown.isEmpty else { return "" }
    let document = MarkdownNode.parse(markdown)
    let inlines = document.children.flatMap { block -> [MarkdownNode] in
      if case .paragraph = block.kind { return block.children }
      // A cell such as `# x` or `- x` parses as a heading or a list; show
      // its text rather than lose it.
      return [MarkdownNode.text(block.plainTextDeep)]
    }
    return inline(inlines, base: base).replacingNewlines
  }

  /// A source line without the `>` markers of the enclosing block quotes and
  /// without the indentation of an enclosing list item.
  private func stripContainerMarkers(_ line: Substring) -> String {
    var view = line
    func dropSpaces() {
      while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
    }
    dropSpaces()
    for _ in 0..<quoteDepth {
      guard view.first == ">" else { break }
      view.removeFirst()
      dropSpaces()
    }
    return String(view)
  }
}

extension MarkdownNode {
  /// The text of this node and everything under it, blocks included.
  var plainTextDeep: String {
    switch kind {
    case .text(let s), .code(let s), .htmlInline(let s): return s
    case .codeBlock(_, let literal): return literal
    case .softBreak, .lineBreak: return " "
    default: return children.map(\.plainTextDeep).joined(separator: " ")
    }
  }
}

extension String {
  /// Hard breaks inside a table cell become spaces: a cell is one line of
  /// source, and the layout does its own wrapping.
  fileprivate var replacingNewlines: String {
    String(map { $0 == "\n" ? " " : $0 })
  }
}
