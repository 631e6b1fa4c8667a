#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// The grading program's main: the runner generates a `main.swift` that
/// binds the learner's functions and calls `GradingSession.run`.
///
/// Command line: `--seed N --report PATH`. Each check's `begin` and `result`
/// events are appended to the report file and flushed at once; the learner's
/// own prints go to stdout and stderr, which the runner keeps apart.
public enum GradingSession {
  /// Grades with the grader registered as `graderName`, then exits: 0 when
  /// every check ran (passed or not), 2 when the command line or the binding
  /// was wrong.
  public static func run(graderNamed graderName: String, entries: [Any]) -> Never {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let reportPath = value(of: "--report", in: arguments) else {
      fail("missing --report PATH")
    }
    let seed = value(of: "--seed", in: arguments).flatMap(UInt64.init) ?? 1
    guard let graderType = GraderRegistry.grader(named: graderName) else {
      fail("no grader named \(graderName)")
    }
    let grader: any Grader
    do {
      grader = try graderType.init(entries: entries)
    } catch {
      fail(error.description)
    }
    guard let report = fopen(reportPath, "w") else { fail("cannot write \(reportPath)") }

    func emit(_ event: ReportEvent) {
      fputs(event.jsonLine + "\n", report)
      fflush(report)
    }
    let checks = grader.checks(seed: seed)
    emit(ReportEvent(kind: .plan, index: checks.count))
    for (index, check) in checks.enumerated() {
      var begin = ReportEvent(kind: .begin, index: index)
      begin.name = check.name
      begin.tried = check.tried
      emit(begin)
      var result = ReportEvent(kind: .result, index: index)
      switch check.run() {
      case .passed:
        result.passed = true
      case .failed(let expected, let got, let message, let hint):
        result.passed = false
        result.expected = expected
        result.got = got
        result.message = message
        result.hint = hint
      }
      emit(result)
    }
    emit(ReportEvent(kind: .done, index: 0))
    fclose(report)
    exit(0)
  }

  static func value(of flag: String, in arguments: [String]) -> String? {
    guard let position = arguments.firstIndex(of: flag), position + 1 < arguments.count else { return nil }
    return arguments[position + 1]
  }

  static func fail(_ message: String) -> Never {
    let line = Array("grading session: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(2)
  }
}
