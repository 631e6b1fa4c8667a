#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What the output terminal may receive: ANSI colour and attribute escapes,
/// and OSC 8 hyperlinks. With both off the output is plain text.
public struct TerminalStyle: Sendable, Equatable {
  /// Emit ANSI SGR escapes (colours, bold, italic, underline).
  public var color: Bool
  /// Emit OSC 8 hyperlinks instead of appending a link's URL in parentheses.
  public var hyperlinks: Bool

  /// A style with the given capabilities.
  public init(color: Bool, hyperlinks: Bool) {
    self.color = color
    self.hyperlinks = hyperlinks
  }

  /// Plain text: no escapes of any kind (pipes, files, `NO_COLOR`).
  public static let plain = TerminalStyle(color: false, hyperlinks: false)

  /// ANSI colour without hyperlinks: link URLs are printed after the text.
  public static let ansi = TerminalStyle(color: true, hyperlinks: false)

  /// The style the environment asks for.
  ///
  /// Colour is on when stdout is a terminal, `NO_COLOR` is unset or empty and
  /// `TERM` is not `dumb`. A non-empty `FORCE_COLOR` other than `"0"` turns
  /// colour on regardless (it wins over `NO_COLOR` and a pipe).
  ///
  /// Hyperlinks follow `FORCE_HYPERLINK` when it is set (`"0"` or empty means
  /// off); otherwise they are on only on a terminal known to support OSC 8
  /// (iTerm2, WezTerm, VS Code, Ghostty, kitty, Windows Terminal, VTE ≥ 0.50).
  public static func detect(environment: [String: String], stdoutIsTTY: Bool) -> TerminalStyle {
    func isSet(_ name: String) -> Bool {
      guard let value = environment[name] else { return false }
      return !value.isEmpty
    }
    let dumb = environment["TERM"] == "dumb"
    let forced = environment["FORCE_COLOR"].map { !$0.isEmpty && $0 != "0" } ?? false
    let color = forced || (stdoutIsTTY && !isSet("NO_COLOR") && !dumb)

    let hyperlinks: Bool
    if let force = environment["FORCE_HYPERLINK"] {
      hyperlinks = !force.isEmpty && force != "0"
    } else if stdoutIsTTY && !dumb {
      let program = environment["TERM_PROGRAM"] ?? ""
      let vte = Int(environment["VTE_VERSION"] ?? "") ?? 0
      hyperlinks = ["iTerm.app", "WezTerm", "vscode", "ghostty"].contains(program)
        || isSet("KITTY_WINDOW_ID") || isSet("WT_SESSION") || vte >= 5000
    } else {
      hyperlinks = false
    }
    return TerminalStyle(color: color, hyperlinks: hyperlinks)
  }
}

/// The number of columns to render for: `COLUMNS` when it holds a positive
/// integer, else the width of the terminal on stdout (`TIOCGWINSZ`), else 80.
public func terminalWidth(environment: [String: String]) -> Int {
  if let columns = environment["COLUMNS"]?.trimmingSpaces, let value = Int(columns),
    value > 0
  {
    return value
  }
  #if canImport(Darwin) || canImport(Glibc) || canImport(Musl)
  var size = winsize()
  if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
    return Int(size.ws_col)
  }
  #endif
  return 80
}

extension String {
  /// The string without leading and trailing spaces and tabs.
  fileprivate var trimmingSpaces: String {
    var view = Substring(self)
    while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
    while let last = view.last, last == " " || last == "\t" { view.removeLast() }
    return String(view)
  }
}
