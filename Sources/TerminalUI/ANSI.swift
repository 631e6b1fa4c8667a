/// ANSI SGR escape sequences and helpers that apply them only when a
/// `TerminalStyle` allows colour.
public enum ANSI {
  /// Clears every attribute and colour.
  public static let reset = "\u{1B}[0m"
  /// Bold (increased intensity).
  public static let bold = "\u{1B}[1m"
  /// Dim (decreased intensity).
  public static let dim = "\u{1B}[2m"
  /// Italic.
  public static let italic = "\u{1B}[3m"
  /// Single underline.
  public static let underline = "\u{1B}[4m"
  /// Red foreground.
  public static let red = "\u{1B}[31m"
  /// Green foreground.
  public static let green = "\u{1B}[32m"
  /// Yellow foreground.
  public static let yellow = "\u{1B}[33m"
  /// Blue foreground.
  public static let blue = "\u{1B}[34m"
  /// Magenta foreground.
  public static let magenta = "\u{1B}[35m"
  /// Cyan foreground.
  public static let cyan = "\u{1B}[36m"
  /// Bright black (grey) foreground.
  public static let gray = "\u{1B}[90m"

  /// `text` wrapped in `codes` and a trailing reset when `style.color` is
  /// on; `text` unchanged otherwise (or when it is empty).
  public static func apply(_ codes: String..., to text: String, style: TerminalStyle) -> String {
    guard style.color, !codes.isEmpty, !text.isEmpty else { return text }
    return codes.joined() + text + reset
  }

  /// `text` with every escape sequence (CSI such as SGR colours, and OSC such
  /// as OSC 8 hyperlinks) removed: what the terminal actually displays.
  public static func strip(_ text: String) -> String {
    var result = ""
    for piece in EscapeScanner.pieces(of: text) {
      if case .text(let t) = piece { result += t }
    }
    return result
  }

  /// The OSC 8 sequence that starts a hyperlink to `url`.
  static func linkOpen(_ url: String) -> String {
    "\u{1B}]8;;" + url + "\u{1B}\\"
  }

  /// The OSC 8 sequence that ends the current hyperlink.
  static let linkClose = "\u{1B}]8;;\u{1B}\\"
}

/// Splits a string into runs of displayed text and escape sequences.
enum EscapeScanner {
  enum Piece: Equatable {
    case text(String)
    case escape(String)
  }

  static func pieces(of string: String) -> [Piece] {
    let scalars = string.unicodeScalars
    var pieces: [Piece] = []
    var text = String.UnicodeScalarView()
    var i = scalars.startIndex
    let end = scalars.endIndex

    func flushText() {
      if !text.isEmpty {
        pieces.append(.text(String(text)))
        text = String.UnicodeScalarView()
      }
    }

    while i < end {
      let scalar = scalars[i]
      guard scalar == "\u{1B}" else {
        text.append(scalar)
        i = scalars.index(after: i)
        continue
      }
      flushText()
      var j = scalars.index(after: i)
      if j < end, scalars[j] == "[" {
        // CSI: parameters and intermediates, then one final byte 0x40...0x7E.
        j = scalars.index(after: j)
        while j < end, !(0x40...0x7E).contains(scalars[j].value) {
          j = scalars.index(after: j)
        }
        if j < end { j = scalars.index(after: j) }
      } else if j < end, scalars[j] == "]" {
        // OSC: terminated by BEL or ESC \.
        j = scalars.index(after: j)
        while j < end {
          if scalars[j] == "\u{07}" {
            j = scalars.index(after: j)
            break
          }
          if scalars[j] == "\u{1B}" {
            let k = scalars.index(after: j)
            j = (k < end && scalars[k] == "\\") ? scalars.index(after: k) : k
            break
          }
          j = scalars.index(after: j)
        }
      } else if j < end {
        j = scalars.index(after: j)
      }
      pieces.append(.escape(String(scalars[i..<j])))
      i = j
    }
    flushText()
    return pieces
  }
}
