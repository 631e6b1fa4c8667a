import Foundation
import Testing
@testable import TerminalUI

@Suite("Pager")
struct PagerTests {
  @Test func pagerCommandFromTheEnvironment() {
    #expect(Pager(environment: [:]).command == "less -R")
    #expect(Pager(environment: ["PAGER": "  "]).command == "less -R")
    #expect(Pager(environment: ["PAGER": "more"]).command == "more")
  }

  @Test func pagesOnlyLongTextOnATerminal() {
    let long = String(repeating: "line\n", count: 30)
    #expect(Pager.shouldPage(long, stdoutIsTTY: true, screenRows: 24))
    #expect(!Pager.shouldPage(long, stdoutIsTTY: false, screenRows: 24))
    #expect(!Pager.shouldPage(long, stdoutIsTTY: true, screenRows: nil))
    #expect(!Pager.shouldPage(long, stdoutIsTTY: true, screenRows: 40))
    #expect(!Pager.shouldPage("short\n", stdoutIsTTY: true, screenRows: 24))
  }

  @Test func linesComeFromTheEnvironmentFirst() {
    #expect(terminalHeight(environment: ["LINES": "33"]) == 33)
  }

  @Test func textReachesThePagersInput() throws {
    let file = "/tmp/pager-test-\(UInt64.random(in: 0...UInt64.max))"
    defer { _ = unlink(file) }
    #expect(Pager(environment: ["PAGER": "cat > \(file)"]).show("one\ntwo\n"))
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "one\ntwo\n")
    #expect(!Pager(environment: ["PAGER": "no-such-pager-program 2>/dev/null"]).show("x\n"))
  }
}
