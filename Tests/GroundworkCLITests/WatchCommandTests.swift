import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `groundwork watch` driven through a pseudo-terminal, as a learner would:
/// save a wrong file and see ✗, save the solution and see ✓ and the next
/// exercise, press keys, quit, and find the terminal as it was.
@Suite("watch", .serialized)
struct WatchCommandTests {
  #if os(Linux)
  /// A sandbox with a second exercise after calibration-ece, graded by the
  /// same grader, so that passing the first has somewhere to go.
  func sandboxWithTwoExercises() throws -> CLISandbox {
    let sandbox = try CLISandbox()
    try sandbox.write(
      "Lessons/1-foundation/08-again.md",
      """
      # Calibration again

      ```exercise
      id: calibration-again
      title: The same error, a second time
      file: 1-foundation/again.swift
      entry: func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double
      grader: calibration.ece
      hints:
        - Only one hint here.
      ```

      """)
    try sandbox.write("Exercises/1-foundation/again.swift", try sandbox.read("Exercises/1-foundation/calibration.swift"))
    try sandbox.write("Solutions/1-foundation/again.swift", try sandbox.read("Solutions/1-foundation/calibration.swift"))
    return sandbox
  }

  func startWatch(_ sandbox: CLISandbox, _ extra: [String] = []) throws -> PseudoTerminal {
    try PseudoTerminal(
      [sandbox.executable, "watch"] + extra, directory: sandbox.root.path,
      environment: ["NO_COLOR": "1", "COLUMNS": "100", "TERM": "xterm"])
  }

  /// Saves `text` the way editors that write in place do.
  func saveInPlace(_ sandbox: CLISandbox, _ path: String, _ text: String) throws {
    try sandbox.write(path, text)
  }

  /// Saves `text` the way editors that write a new file and rename it do.
  func saveByRename(_ sandbox: CLISandbox, _ path: String, _ text: String) throws {
    let temporary = path + ".swp"
    try sandbox.write(temporary, text)
    #expect(rename(sandbox.root.appendingPathComponent(temporary).path, sandbox.root.appendingPathComponent(path).path) == 0)
  }

  @Test("wrong save ✗, solution ✓, next exercise's card, keys, q restores the terminal", .timeLimit(.minutes(3)))
  func learnerLoop() throws {
    try runLoop(poll: false)
  }

  @Test("the same loop with --poll", .timeLimit(.minutes(3)))
  func learnerLoopPolling() throws {
    try runLoop(poll: true)
  }

  func runLoop(poll: Bool) throws {
    let sandbox = try sandboxWithTwoExercises()
    let terminal = try startWatch(sandbox, poll ? ["--poll"] : [])
    let before = terminal.settings()
    #expect(terminal.waitFor("0/7 checks passed"), "\(terminal.output)")
    #expect(terminal.output.contains(poll ? "polling Exercises/1-foundation/calibration.swift" : "watching Exercises/1-foundation/calibration.swift"))
    // Single-key mode is on: no echo, no line buffering.
    #expect(terminal.settings().c_lflag & tcflag_t(ECHO | ICANON) == 0)

    var mark = terminal.mark
    try saveInPlace(
      sandbox, "Exercises/1-foundation/calibration.swift",
      "import Groundwork\n\nfunc expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double {\n  0.5\n}\n")
    #expect(terminal.waitFor("FAIL", after: mark), "\(terminal.output[mark...])")
    #expect(terminal.waitFor("checks passed · seed 1", after: mark))

    mark = terminal.mark
    terminal.type("h")
    #expect(terminal.waitFor("Hint 1 of 3 for calibration-ece", after: mark))
    mark = terminal.mark
    terminal.type("l")
    #expect(terminal.waitFor("[pending] calibration-again", after: mark))

    mark = terminal.mark
    try saveByRename(sandbox, "Exercises/1-foundation/calibration.swift", try sandbox.read("Solutions/1-foundation/calibration.swift"))
    #expect(terminal.waitFor("7/7 checks passed", after: mark), "\(terminal.output[mark...])")
    #expect(terminal.waitFor("Exercise: The same error, a second time", after: mark))
    #expect(terminal.waitFor("Exercises/1-foundation/again.swift · h hint", after: mark))
    #expect(try sandbox.read(".groundwork/progress.json").contains("\"calibration-ece\""))

    // Now the second file is the one watched.
    mark = terminal.mark
    try saveInPlace(sandbox, "Exercises/1-foundation/again.swift", try sandbox.read("Exercises/1-foundation/again.swift") + "\n")
    #expect(terminal.waitFor("Checking calibration-again", after: mark))
    #expect(terminal.waitFor("0/7 checks passed", after: mark))

    terminal.type("q")
    #expect(terminal.waitForExit() == 0)
    let after = terminal.settings()
    #expect(after.c_lflag == before.c_lflag)
    #expect(after.c_lflag & tcflag_t(ECHO | ICANON) == tcflag_t(ECHO | ICANON))
  }

  @Test("SIGINT restores the terminal", .timeLimit(.minutes(2)))
  func interruptRestores() throws {
    let sandbox = try CLISandbox()
    let terminal = try startWatch(sandbox)
    let before = terminal.settings()
    #expect(terminal.waitFor("checks passed"))
    kill(terminal.pid, SIGINT)
    #expect(terminal.waitForExit() == 130)
    #expect(terminal.settings().c_lflag == before.c_lflag)
  }

  @Test("Ctrl-Z gives the shell its settings back; fg takes single-key mode again", .timeLimit(.minutes(2)))
  func suspendAndResume() throws {
    let sandbox = try CLISandbox()
    let terminal = try startWatch(sandbox)
    let before = terminal.settings()
    #expect(terminal.waitFor("checks passed"))
    #expect(terminal.settings().c_lflag & tcflag_t(ICANON) == 0)
    kill(terminal.pid, SIGTSTP)
    // Never block here: a watch that failed to stop must fail the test,
    // not hang it.
    var status: Int32 = 0
    var stopped = false
    let stopDeadline = Date().addingTimeInterval(10)
    while !stopped && Date() < stopDeadline {
      stopped = waitpid(terminal.pid, &status, WUNTRACED | WNOHANG) == terminal.pid && status & 0xff == 0x7f
      if !stopped { usleep(20_000) }
    }
    try #require(stopped, "watch did not stop on SIGTSTP")
    #expect(terminal.settings().c_lflag == before.c_lflag)
    kill(terminal.pid, SIGCONT)
    let deadline = Date().addingTimeInterval(10)
    while terminal.settings().c_lflag & tcflag_t(ICANON) != 0 && Date() < deadline { usleep(20_000) }
    #expect(terminal.settings().c_lflag & tcflag_t(ICANON) == 0)
    let mark = terminal.mark
    terminal.type("l")
    #expect(terminal.waitFor("calibration-ece", after: mark))
    terminal.type("q")
    #expect(terminal.waitForExit() == 0)
  }

  @Test("Ctrl-C while an endless loop is graded ends the loop too", .timeLimit(.minutes(2)))
  func interruptKillsTheGradingProgram() throws {
    let sandbox = try CLISandbox()
    try sandbox.write(
      "Exercises/1-foundation/calibration.swift",
      "import Groundwork\n\nfunc expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double {\n  while true {}\n}\n")
    let terminal = try startWatch(sandbox)
    #expect(terminal.waitFor("Checking calibration-ece"))
    // Wait for the grading program itself (it runs from the sandbox's build cache).
    let marker = sandbox.root.appendingPathComponent(".groundwork/build").path
    let deadline = Date().addingTimeInterval(60)
    while gradingProcesses(under: marker).isEmpty && Date() < deadline { usleep(50_000) }
    #expect(!gradingProcesses(under: marker).isEmpty)
    kill(terminal.pid, SIGINT)
    #expect(terminal.waitForExit() == 130)
    usleep(200_000)
    #expect(gradingProcesses(under: marker).isEmpty)
  }

  /// Pids of running processes whose command line mentions `path` and `--seed`.
  func gradingProcesses(under path: String) -> [String] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.filter { entry in
      guard Int(entry) != nil,
        let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
        let status = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        !status.contains(") Z ")
      else { return false }
      let commandLine = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
      return commandLine.contains(path) && commandLine.contains("--seed")
    }
  }
  #endif

  @Test("without a terminal, watch refuses and names check")
  func refusesWithoutATerminal() throws {
    let sandbox = try CLISandbox()
    let result = try sandbox.run(["watch"])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("error: watch needs an interactive terminal; in scripts and CI use `groundwork check`"))
    #expect(result.stdout.isEmpty)
  }
}
