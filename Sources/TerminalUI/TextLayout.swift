/// The number of terminal columns `text` occupies: escape sequences count as
/// zero, East Asian wide characters and emoji as two, everything else as one
/// per grapheme cluster.
public func visibleWidth(_ text: String) -> Int {
  var width = 0
  for piece in EscapeScanner.pieces(of: text) {
    if case .text(let t) = piece { width += TextLayout.width(ofPlain: t) }
  }
  return width
}

enum TextLayout {
  /// Columns taken by text that holds no escape sequences.
  static func width(ofPlain text: String) -> Int {
    var width = 0
    for character in text { width += columns(of: character) }
    return width
  }

  /// Columns taken by one grapheme cluster.
  static func columns(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let value = first.value
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    if value < 0x300 { return 1 }
    switch first.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
      return 0
    default:
      break
    }
    if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    if first.properties.isEmojiPresentation { return 2 }
    return isWide(value) ? 2 : 1
  }

  private static func isWide(_ v: UInt32) -> Bool {
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
      0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
      0x30000...0x3FFFD:
      return true
    default:
      return false
    }
  }

  /// Removes control characters (escape sequences included) from text that
  /// comes from a document, so it cannot drive the terminal. Tabs become a
  /// space unless `keepTabs`.
  static func sanitize(_ text: String, keepTabs: Bool = false, keepNewlines: Bool = false) -> String {
    var needsWork = false
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v < 0x20 || (0x7F..<0xA0).contains(v) {
        needsWork = true
        break
      }
    }
    guard needsWork else { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      let v = scalar.value
      switch v {
      case 0x09:
        result.append(keepTabs ? scalar : " ")
      case 0x0A:
        result.append(keepNewlines ? scalar : " ")
      case 0x0D:
        continue
      case 0..<0x20, 0x7F..<0xA0:
        continue
      default:
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Word-wraps `text` (which may hold SGR and OSC 8 escapes, and `\n` for
  /// forced breaks) so that no line is wider than `firstWidth` (first line)
  /// or `restWidth` (the others). Lines break at spaces; a word longer than
  /// a whole line is split between characters. Escapes are never split, and
  /// every line is self-contained: attributes and hyperlinks open at the end
  /// of a line are closed there and reopened at the start of the next.
  static func wrap(_ text: String, firstWidth: Int, restWidth: Int) -> [String] {
    var wrapper = Wrapper(firstWidth: max(1, firstWidth), restWidth: max(1, restWidth))
    wrapper.run(EscapeScanner.pieces(of: text))
    return wrapper.finish()
  }

  static func wrap(_ text: String, width: Int) -> [String] {
    wrap(text, firstWidth: width, restWidth: width)
  }

  /// `count` copies of `unit`.
  static func repeated(_ unit: String, _ count: Int) -> String {
    String(repeating: unit, count: max(0, count))
  }
}

private struct Wrapper {
  private enum Token {
    case word([EscapeScanner.Piece], width: Int)
    case space(String)
    case newline
  }

  let firstWidth: Int
  let restWidth: Int
  private var lines: [String] = []
  private var line = ""
  private var lineWidth = 0
  private var lineHasText = false
  private var pendingSpace = ""
  private var attributes: [String] = []
  private var link: String?

  init(firstWidth: Int, restWidth: Int) {
    self.firstWidth = firstWidth
    self.restWidth = restWidth
  }

  private var limit: Int { lines.isEmpty ? firstWidth : restWidth }

  mutating func run(_ pieces: [EscapeScanner.Piece]) {
    for token in Self.tokens(pieces) {
      switch token {
      case .newline:
        breakLine()
      case .space(let s):
        pendingSpace += s
      case .word(let parts, let width):
        place(parts, width: width)
      }
    }
  }

  mutating func finish() -> [String] {
    closeLine()
    return lines
  }

  private mutating func place(_ parts: [EscapeScanner.Piece], width: Int) {
    if width == 0 {
      for part in parts {
        if case .escape(let e) = part { emit(escape: e) }
      }
      return
    }
    if lineHasText {
      let spaceWidth = TextLayout.width(ofPlain: pendingSpace)
      if lineWidth + spaceWidth + width > limit {
        breakLine()
      } else {
        line += pendingSpace
        lineWidth += spaceWidth
      }
    }
    pendingSpace = ""
    for part in parts {
      switch part {
      case .escape(let e):
        emit(escape: e)
      case .text(let t):
        let w = TextLayout.width(ofPlain: t)
        if lineWidth + w <= limit {
          line += t
          lineWidth += w
          lineHasText = true
        } else {
          for character in t {
            let cw = TextLayout.columns(of: character)
            if lineHasText && lineWidth + cw > limit { breakLine() }
            line.append(character)
            lineWidth += cw
            lineHasText = true
          }
        }
      }
    }
  }

  private mutating func emit(escape: String) {
    line += escape
    if escape == ANSI.reset || escape == "\u{1B}[m" {
      attributes.removeAll()
    } else if escape.hasPrefix("\u{1B}[") && escape.hasSuffix("m") {
      attributes.append(escape)
    } else if escape.hasPrefix("\u{1B}]8;") {
      link = escape == ANSI.linkClose ? nil : escape
    }
  }

  private mutating func closeLine() {
    if !attributes.isEmpty { line += ANSI.reset }
    if link != nil { line += ANSI.linkClose }
    lines.append(line)
  }

  private mutating func breakLine() {
    closeLine()
    line = (link ?? "") + attributes.joined()
    lineWidth = 0
    lineHasText = false
    pendingSpace = ""
  }

  private static func tokens(_ pieces: [EscapeScanner.Piece]) -> [Token] {
    var tokens: [Token] = []
    var word: [EscapeScanner.Piece] = []
    var wordWidth = 0
    var chunk = ""

    func flushChunk() {
      if !chunk.isEmpty {
        word.append(.text(chunk))
        wordWidth += TextLayout.width(ofPlain: chunk)
        chunk = ""
      }
    }
    func flushWord() {
      flushChunk()
      if !word.isEmpty {
        tokens.append(.word(word, width: wordWidth))
        word = []
        wordWidth = 0
      }
    }

    for piece in pieces {
      switch piece {
      case .escape:
        flushChunk()
        word.append(piece)
      case .text(let text):
        for character in text {
          if character == " " {
            flushWord()
            if case .space(let s)? = tokens.last {
              tokens[tokens.count - 1] = .space(s + " ")
            } else {
              tokens.append(.space(" "))
            }
          } else if character == "\n" {
            flushWord()
            tokens.append(.newline)
          } else {
            chunk.append(character)
          }
        }
      }
    }
    flushWord()
    return tokens
  }
}
