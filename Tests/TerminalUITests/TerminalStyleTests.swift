import Testing
@testable import TerminalUI

@Suite("Terminal detection")
struct TerminalStyleTests {
  struct ColorCase: Sendable, CustomTestStringConvertible {
    var environment: [String: String]
    var isTTY: Bool
    var expected: Bool
    var testDescription: String { "\(environment) tty=\(isTTY) -> \(expected)" }
  }

  static let colorCases: [ColorCase] = [
    ColorCase(environment: [:], isTTY: true, expected: true),
    ColorCase(environment: [:], isTTY: false, expected: false),
    ColorCase(environment: ["NO_COLOR": "1"], isTTY: true, expected: false),
    ColorCase(environment: ["NO_COLOR": ""], isTTY: true, expected: true),
    ColorCase(environment: ["NO_COLOR": "1"], isTTY: false, expected: false),
    ColorCase(environment: ["FORCE_COLOR": "1"], isTTY: false, expected: true),
    ColorCase(environment: ["FORCE_COLOR": "1"], isTTY: true, expected: true),
    ColorCase(environment: ["FORCE_COLOR": "0"], isTTY: false, expected: false),
    ColorCase(environment: ["FORCE_COLOR": "0"], isTTY: true, expected: true),
    ColorCase(environment: ["FORCE_COLOR": ""], isTTY: false, expected: false),
    ColorCase(environment: ["FORCE_COLOR": "true", "NO_COLOR": "1"], isTTY: false, expected: true),
    ColorCase(environment: ["FORCE_COLOR": "0", "NO_COLOR": "1"], isTTY: true, expected: false),
    ColorCase(environment: ["TERM": "dumb"], isTTY: true, expected: false),
    ColorCase(environment: ["TERM": "dumb", "FORCE_COLOR": "3"], isTTY: true, expected: true),
  ]

  @Test(arguments: colorCases)
  func detectColor(_ testCase: ColorCase) {
    let style = TerminalStyle.detect(environment: testCase.environment, stdoutIsTTY: testCase.isTTY)
    #expect(style.color == testCase.expected)
  }

  @Test func detectHyperlinks() {
    func links(_ environment: [String: String], tty: Bool = true) -> Bool {
      TerminalStyle.detect(environment: environment, stdoutIsTTY: tty).hyperlinks
    }
    #expect(!links([:]))
    #expect(links(["TERM_PROGRAM": "iTerm.app"]))
    #expect(links(["TERM_PROGRAM": "WezTerm"]))
    #expect(!links(["TERM_PROGRAM": "iTerm.app"], tty: false))
    #expect(links(["VTE_VERSION": "6003"]))
    #expect(!links(["VTE_VERSION": "4000"]))
    #expect(links(["FORCE_HYPERLINK": "1"], tty: false))
    #expect(!links(["FORCE_HYPERLINK": "0", "TERM_PROGRAM": "vscode"]))
  }

  @Test func presets() {
    #expect(TerminalStyle.plain == TerminalStyle(color: false, hyperlinks: false))
    #expect(TerminalStyle.ansi == TerminalStyle(color: true, hyperlinks: false))
  }

  @Test func widthFromColumns() {
    #expect(terminalWidth(environment: ["COLUMNS": "123"]) == 123)
    #expect(terminalWidth(environment: ["COLUMNS": " 60 "]) == 60)
    for invalid in ["0", "-5", "wide", ""] {
      let width = terminalWidth(environment: ["COLUMNS": invalid])
      #expect(width > 0)
    }
  }

  @Test func ansiApplyRespectsStyle() {
    #expect(ANSI.apply(ANSI.bold, to: "x", style: .plain) == "x")
    #expect(ANSI.apply(ANSI.bold, ANSI.red, to: "x", style: .ansi) == "\u{1B}[1m\u{1B}[31mx\u{1B}[0m")
    #expect(ANSI.apply(ANSI.bold, to: "", style: .ansi) == "")
    #expect(ANSI.strip("\u{1B}]8;;u\u{1B}\\a\u{1B}[1mb\u{1B}[0m\u{1B}]8;;\u{7}") == "ab")
  }
}

@Suite("Progress bar")
struct ProgressBarTests {
  @Test func plainValues() {
    #expect(progressBar(done: 0, total: 5, width: 10, style: .plain) == "[----------] 0/5")
    #expect(progressBar(done: 3, total: 5, width: 10, style: .plain) == "[######----] 3/5")
    #expect(progressBar(done: 5, total: 5, width: 10, style: .plain) == "[##########] 5/5")
    #expect(progressBar(done: 0, total: 0, width: 10, style: .plain) == "[----------] 0/0")
  }

  @Test func edgeValues() {
    #expect(progressBar(done: 9, total: 10, width: 4, style: .plain) == "[###-] 9/10")
    #expect(progressBar(done: 7, total: 5, width: 5, style: .plain) == "[#####] 5/5")
    #expect(progressBar(done: -1, total: 5, width: 5, style: .plain) == "[-----] 0/5")
    #expect(progressBar(done: 1, total: -3, width: 5, style: .plain) == "[-----] 0/0")
    #expect(progressBar(done: 2, total: 4, width: 0, style: .plain) == "[] 2/4")
    #expect(progressBar(done: 2, total: 4, width: -2, style: .plain) == "[] 2/4")
  }

  @Test func colorValues() {
    let bar = progressBar(done: 3, total: 5, width: 10, style: .ansi)
    #expect(ANSI.strip(bar) == "[██████░░░░] 3/5")
    #expect(visibleWidth(bar) == 16)
    #expect(ANSI.strip(progressBar(done: 0, total: 0, width: 3, style: .ansi)) == "[░░░] 0/0")
    #expect(ANSI.strip(progressBar(done: 5, total: 5, width: 3, style: .ansi)) == "[███] 5/5")
  }
}
