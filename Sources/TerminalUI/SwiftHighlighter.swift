/// A small line-at-a-time Swift tokenizer that colours keywords, type names,
/// attributes, string literals, numbers and comments. State (an open block
/// comment or multi-line string) carries from one line to the next; every
/// returned line closes its own colours.
struct SwiftHighlighter {
  private enum State {
    case normal
    case blockComment(depth: Int)
    case multilineString
  }

  static let keywordColor = ANSI.magenta
  static let typeColor = ANSI.cyan
  static let stringColor = ANSI.green
  static let numberColor = ANSI.yellow
  static let commentColor = ANSI.gray
  static let attributeColor = ANSI.magenta

  private static let keywords: Set<String> = [
    "actor", "any", "as", "associatedtype", "async", "await", "borrowing", "break",
    "case", "catch", "class", "consuming", "continue", "convenience", "default", "defer",
    "deinit", "didSet", "do", "dynamic", "else", "enum", "extension", "fallthrough",
    "false", "fileprivate", "final", "for", "func", "get", "guard", "if", "import", "in",
    "indirect", "init", "inout", "internal", "is", "isolated", "lazy", "let", "mutating",
    "nil", "nonisolated", "nonmutating", "open", "operator", "override", "package",
    "private", "protocol", "public", "repeat", "required", "rethrows", "return", "self",
    "Self", "sending", "set", "some", "static", "struct", "subscript", "super", "switch",
    "throw", "throws", "true", "try", "typealias", "unowned", "var", "weak", "where",
    "while", "willSet",
  ]

  private var state = State.normal

  /// Highlights a whole snippet, one output line per input line.
  static func highlight(_ code: String) -> [String] {
    var highlighter = SwiftHighlighter()
    return code.split(separator: "\n", omittingEmptySubsequences: false).map {
      highlighter.highlight(line: String($0))
    }
  }

  mutating func highlight(line: String) -> String {
    let chars = Array(line)
    var out = ""
    var i = 0

    func paint(_ color: String, _ from: Int, _ to: Int) {
      guard from < to else { return }
      out += color + String(chars[from..<to]) + ANSI.reset
    }
    func matches(_ s: String, at index: Int) -> Bool {
      var k = index
      for c in s {
        guard k < chars.count, chars[k] == c else { return false }
        k += 1
      }
      return true
    }

    while i < chars.count {
      switch state {
      case .blockComment(let depth):
        let start = i
        var d = depth
        while i < chars.count, d > 0 {
          if matches("*/", at: i) {
            d -= 1
            i += 2
          } else if matches("/*", at: i) {
            d += 1
            i += 2
          } else {
            i += 1
          }
        }
        paint(Self.commentColor, start, i)
        state = d > 0 ? .blockComment(depth: d) : .normal
      case .multilineString:
        let start = i
        var closed = false
        while i < chars.count {
          if chars[i] == "\\" {
            i += 2
          } else if matches("\"\"\"", at: i) {
            i += 3
            closed = true
            break
          } else {
            i += 1
          }
        }
        i = min(i, chars.count)
        paint(Self.stringColor, start, i)
        if closed { state = .normal }
      case .normal:
        let c = chars[i]
        if matches("//", at: i) {
          paint(Self.commentColor, i, chars.count)
          i = chars.count
        } else if matches("/*", at: i) {
          paint(Self.commentColor, i, i + 2)
          i += 2
          state = .blockComment(depth: 1)
        } else if matches("\"\"\"", at: i) {
          paint(Self.stringColor, i, i + 3)
          i += 3
          state = .multilineString
        } else if c == "\"" {
          let start = i
          i += 1
          while i < chars.count {
            if chars[i] == "\\" {
              i += 2
            } else if chars[i] == "\"" {
              i += 1
              break
            } else {
              i += 1
            }
          }
          i = min(i, chars.count)
          paint(Self.stringColor, start, i)
        } else if c.isNumber && c.isASCII {
          let start = i
          i += 1
          while i < chars.count {
            let d = chars[i]
            if d.isASCII && (d.isLetter || d.isNumber || d == "_") {
              i += 1
            } else if d == ".", i + 1 < chars.count, chars[i + 1].isNumber, chars[i + 1].isASCII {
              i += 1
            } else if (d == "-" || d == "+"), i > start, "eEpP".contains(chars[i - 1]),
              i + 1 < chars.count, chars[i + 1].isNumber
            {
              i += 1
            } else {
              break
            }
          }
          paint(Self.numberColor, start, i)
        } else if Self.isIdentifierStart(c) || ((c == "@" || c == "#") && i + 1 < chars.count
          && Self.isIdentifierStart(chars[i + 1]))
        {
          let start = i
          i += 1
          while i < chars.count, Self.isIdentifierPart(chars[i]) { i += 1 }
          let word = String(chars[start..<i])
          if c == "@" || c == "#" {
            paint(Self.attributeColor, start, i)
          } else if Self.keywords.contains(word) {
            paint(Self.keywordColor, start, i)
          } else if c.isUppercase {
            paint(Self.typeColor, start, i)
          } else {
            out += word
          }
        } else if c == "`" {
          let start = i
          i += 1
          while i < chars.count, chars[i] != "`" { i += 1 }
          i = min(i + 1, chars.count)
          out += String(chars[start..<i])
        } else {
          out.append(c)
          i += 1
        }
      }
    }
    return out
  }

  private static func isIdentifierStart(_ c: Character) -> Bool {
    c == "_" || c.isLetter
  }

  private static func isIdentifierPart(_ c: Character) -> Bool {
    c == "_" || c.isLetter || c.isNumber
  }
}
