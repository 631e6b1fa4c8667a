internal import CCMark

/// The parts of a Markdown document that the loader needs, read with
/// libcmark so that what counts as a heading or a fenced block is exactly
/// what CommonMark says (a `#` inside a code block is not a heading).
struct MarkdownOutline {
  /// A heading: its level, plain text and 1-based line.
  struct Heading {
    var level: Int
    var text: String
    var line: Int
  }

  /// A fenced code block: its info string, literal body and the line of its
  /// opening fence.
  struct FencedBlock {
    var info: String
    var body: String
    var line: Int
  }

  /// A link: its destination and the line of the block that holds it.
  struct Link {
    var destination: String
    var line: Int
  }

  var headings: [Heading] = []
  var fencedBlocks: [FencedBlock] = []
  var links: [Link] = []

  init(markdown: String) {
    guard let document = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)
    else { return }
    defer { cmark_node_free(document) }
    guard let iterator = cmark_iter_new(document) else { return }
    defer { cmark_iter_free(iterator) }

    // Inline nodes carry no position in libcmark 0.30: a link is placed at
    // the line of the block that contains it.
    var lastLine = 1
    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      let line = Int(cmark_node_get_start_line(node))
      if line > 0 { lastLine = line }
      switch cmark_node_get_type(node) {
      case CMARK_NODE_HEADING:
        headings.append(
          Heading(
            level: Int(cmark_node_get_heading_level(node)), text: Self.plainText(of: node),
            line: line))
      case CMARK_NODE_CODE_BLOCK:
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let body = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        fencedBlocks.append(
          FencedBlock(info: info.trimmed, body: body, line: line))
      case CMARK_NODE_LINK:
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        links.append(Link(destination: destination, line: lastLine))
      default:
        break
      }
    }
  }

  /// The concatenated text of a node's descendants (emphasis and code spans
  /// flattened), as a title is shown in a list.
  static func plainText(of node: OpaquePointer) -> String {
    var text = ""
    var child = cmark_node_first_child(node)
    while let current = child {
      switch cmark_node_get_type(current) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE:
        text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
        text += " "
      default:
        text += plainText(of: current)
      }
      child = cmark_node_next(current)
    }
    return text
  }
}
