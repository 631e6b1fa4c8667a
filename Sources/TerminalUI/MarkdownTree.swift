internal import CCMark

/// A Swift copy of the cmark syntax tree, built with `cmark_iter`, so that
/// rendering works on plain values and no C pointer outlives the parse.
struct MarkdownNode {
  enum Kind {
    case document
    case blockQuote
    case list(ordered: Bool, start: Int, tight: Bool, parenDelimiter: Bool)
    case item
    case codeBlock(info: String, literal: String)
    case htmlBlock(String)
    case customBlock
    case paragraph
    case heading(level: Int)
    case thematicBreak
    case text(String)
    case softBreak
    case lineBreak
    case code(String)
    case htmlInline(String)
    case customInline
    case emphasis
    case strong
    case link(url: String)
    case image(url: String)
  }

  var kind: Kind
  /// 1-based source line where the node starts.
  var line: Int
  /// 1-based source line where the node ends (equal to `line` for inlines
  /// cmark does not track).
  var endLine: Int
  /// 1-based byte column where the node starts on `line` (after any
  /// list marker or quote marker that contains it).
  var column = 1
  var children: [MarkdownNode] = []

  /// Parses CommonMark text into a tree rooted at a `.document` node.
  static func parse(_ markdown: String) -> MarkdownNode {
    let root: OpaquePointer? = markdown.withCString { pointer in
      cmark_parse_document(pointer, markdown.utf8.count, CMARK_OPT_DEFAULT)
    }
    guard let root else { return MarkdownNode(kind: .document, line: 1) }
    defer { cmark_node_free(root) }
    guard let iterator = cmark_iter_new(root) else {
      return MarkdownNode(kind: .document, line: 1)
    }
    defer { cmark_iter_free(iterator) }

    var stack: [MarkdownNode] = []
    var result = MarkdownNode(kind: .document, line: 1)
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
      guard let pointer = cmark_iter_get_node(iterator) else { continue }
      if event == CMARK_EVENT_ENTER {
        let node = MarkdownNode(pointer)
        if isLeaf(cmark_node_get_type(pointer)) {
          if stack.isEmpty { result.children.append(node) } else {
            stack[stack.count - 1].children.append(node)
          }
        } else {
          stack.append(node)
        }
      } else if event == CMARK_EVENT_EXIT, let node = stack.popLast() {
        if stack.isEmpty { result = node } else {
          stack[stack.count - 1].children.append(node)
        }
      }
    }
    return result
  }

  /// Node types for which `cmark_iter` reports only an enter event.
  private static func isLeaf(_ type: cmark_node_type) -> Bool {
    switch type {
    case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK,
      CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE,
      CMARK_NODE_HTML_INLINE:
      return true
    default:
      return false
    }
  }

  private init(kind: Kind, line: Int, endLine: Int? = nil) {
    self.kind = kind
    self.line = line
    self.endLine = max(line, endLine ?? line)
  }

  private init(_ node: OpaquePointer) {
    func string(_ value: UnsafePointer<CChar>?) -> String {
      value.map { String(cString: $0) } ?? ""
    }
    let literal = string(cmark_node_get_literal(node))
    let kind: Kind
    switch cmark_node_get_type(node) {
    case CMARK_NODE_DOCUMENT: kind = .document
    case CMARK_NODE_BLOCK_QUOTE: kind = .blockQuote
    case CMARK_NODE_LIST:
      kind = .list(
        ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
        start: Int(cmark_node_get_list_start(node)),
        tight: cmark_node_get_list_tight(node) != 0,
        parenDelimiter: cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM)
    case CMARK_NODE_ITEM: kind = .item
    case CMARK_NODE_CODE_BLOCK:
      kind = .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: literal)
    case CMARK_NODE_HTML_BLOCK: kind = .htmlBlock(literal)
    case CMARK_NODE_PARAGRAPH: kind = .paragraph
    case CMARK_NODE_HEADING: kind = .heading(level: Int(cmark_node_get_heading_level(node)))
    case CMARK_NODE_THEMATIC_BREAK: kind = .thematicBreak
    case CMARK_NODE_TEXT: kind = .text(literal)
    case CMARK_NODE_SOFTBREAK: kind = .softBreak
    case CMARK_NODE_LINEBREAK: kind = .lineBreak
    case CMARK_NODE_CODE: kind = .code(literal)
    case CMARK_NODE_HTML_INLINE: kind = .htmlInline(literal)
    case CMARK_NODE_EMPH: kind = .emphasis
    case CMARK_NODE_STRONG: kind = .strong
    case CMARK_NODE_LINK: kind = .link(url: string(cmark_node_get_url(node)))
    case CMARK_NODE_IMAGE: kind = .image(url: string(cmark_node_get_url(node)))
    case CMARK_NODE_CUSTOM_INLINE: kind = .customInline
    default: kind = .customBlock
    }
    self.init(
      kind: kind, line: Int(cmark_node_get_start_line(node)), endLine: Int(cmark_node_get_end_line(node)))
    self.column = max(1, Int(cmark_node_get_start_column(node)))
  }

  /// A text node holding `text`, for content built by the renderer.
  static func text(_ text: String) -> MarkdownNode {
    MarkdownNode(kind: .text(text), line: 1)
  }

  /// The text content of the inline children, without any markup.
  var plainText: String {
    var result = ""
    for child in children {
      switch child.kind {
      case .text(let s), .code(let s), .htmlInline(let s): result += s
      case .softBreak, .lineBreak: result += " "
      default: result += child.plainText
      }
    }
    return result
  }
}
