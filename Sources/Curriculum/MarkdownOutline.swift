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

  var headings: [Heading] = []
  var fencedBlocks: [FencedBlock] = []

  init(markdown: String) {
    guard let document = cmark_parse_document(markdown, markdown.utf8.count, CMARK_OPT_DEFAULT)
    else { return }
    defer { cmark_node_free(document) }
    guard let iterator = cmark_iter_new(document) else { return }
    defer { cmark_iter_free(iterator) }

    while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      let line = Int(cmark_node_get_start_line(node))
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
