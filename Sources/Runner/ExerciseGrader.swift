import Curriculum
import Foundation
import Grading

/// Grades one exercise: compiles the learner's file with its grader, runs the
/// program in a child process under limits, and turns whatever happened
/// (answers, a trap, a time-out, a flood of output) into a `GradeReport`.
public struct ExerciseGrader: Sendable {
  /// Which file to grade.
  public enum Submission: Sendable {
    /// The learner's file under `Exercises/`.
    case exercise
    /// The reference solution under `Solutions/`.
    case solution
    /// Any file (a class member's submission), with the name to show for it.
    case file(URL, displayPath: String)
  }

  /// The project whose exercises are graded.
  public var project: Project
  /// The compiler with its cache.
  public var compiler: ExerciseCompiler
  /// Limits on the grading program: 10 s (or the exercise's `time-limit`),
  /// the first 1 MiB of its standard output and of its standard error kept
  /// (the rest dropped with a note), 2 GiB of memory.
  public var limits = ChildProcess.Limits(seconds: 10, maxOutputBytes: 1 << 20, maxMemoryBytes: 2 << 30)

  /// A grader for `project`'s exercises, compiling with `toolchain`.
  public init(project: Project, toolchain: Toolchain) {
    self.project = project
    self.compiler = ExerciseCompiler(toolchain: toolchain, cacheFolder: project.buildCache)
  }

  /// Grades `exercise` with `seed`.
  ///
  /// - Throws: `RunnerError` only when grading cannot happen at all (missing
  ///   file, unknown grader, no compiler); everything the learner's code does
  ///   is a report.
  public func grade(_ exercise: ExerciseSpec, submission: Submission = .exercise, seed: UInt64) throws(RunnerError)
    -> GradeReport
  {
    guard let grader = GraderRegistry.grader(named: exercise.grader) else {
      throw RunnerError(
        .setup, "\(exercise.lessonPath):\(exercise.line): no grader named \"\(exercise.grader)\"")
    }
    let (source, displayPath): (URL, String)
    switch submission {
    case .exercise: (source, displayPath) = (project.url(exercise.exercisePath), exercise.exercisePath)
    case .solution: (source, displayPath) = (project.url(exercise.solutionPath), exercise.solutionPath)
    case .file(let url, let name): (source, displayPath) = (url, name)
    }
    var report = GradeReport(
      exerciseID: exercise.id, seed: seed, checks: [], plannedChecks: 0, blocker: nil, learnerOutput: "",
      droppedOutputBytes: 0, compileSeconds: 0, runSeconds: 0)

    guard let data = FileManager.default.contents(atPath: source.path) else {
      throw RunnerError(.missingFile, "\(displayPath): file not found")
    }
    if let use = ForbiddenSymbols.firstUse(in: String(decoding: data, as: UTF8.self), of: grader.forbiddenSymbols) {
      report.blocker = .forbiddenSymbol(use.name, line: use.line)
      return report
    }

    let compileStart = Date()
    let product = try compiler.compile(source: source, displayPath: displayPath, grader: grader)
    report.compileSeconds = Date().timeIntervalSince(compileStart)
    let program: URL
    switch product {
    case .failed(let failure):
      report.blocker = .compileFailed(failure)
      return report
    case .program(let url):
      program = url
    }

    // The checks' results travel in a file of their own, named on the
    // command line, never through the learner's stdout or stderr: what
    // the learner prints cannot forge or hide a result, and the output cap
    // never cuts the report short. The file lives in the project's build
    // cache rather than the system's temporary folder, so that one left by
    // a killed tool (Ctrl-C during watch) stays out of everyone's way.
    let reportFile = project.buildCache
      .appendingPathComponent("report-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).jsonl")
    try? FileManager.default.createDirectory(at: project.buildCache, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: reportFile) }
    // An exercise may ask for more time than the default (`time-limit:`).
    var limits = self.limits
    if let seconds = exercise.timeLimit { limits.seconds = seconds }
    var child = ChildProcess(
      executable: program.path, arguments: ["--seed", String(seed), "--report", reportFile.path], limits: limits)
    child.environment = [
      "SWIFT_BACKTRACE": CrashExplanation.backtraceSettings,
      // One BLAS thread: each OpenBLAS thread holds a 128 MiB buffer that
      // counts against the memory limit, `grade` and `validate` already
      // run one grading program per core, and exercises' matrices are small.
      "OPENBLAS_NUM_THREADS": "1",
    ]
    child.workingDirectory = project.root.path
    let outcome = try child.run()
    report.runSeconds = outcome.seconds
    report.learnerOutput = outcome.stdout
    report.droppedOutputBytes = outcome.droppedStdoutBytes + outcome.droppedStderrBytes

    let events = ReportParser.events(from: (try? String(contentsOf: reportFile, encoding: .utf8)) ?? "")
    report.checks = ReportParser.checks(from: events)
    report.plannedChecks = events.first { $0.kind == .plan }?.index ?? report.checks.count
    let finished = events.contains { $0.kind == .done }
    if finished && outcome.termination == .exited(0) { return report }

    let explanation = CrashExplanation.explain(
      outcome, displayPath: displayPath, sourcePath: source.path, timeLimit: limits.seconds,
      memoryLimit: limits.maxMemoryBytes)
    // Checks begin in order, so the one that was running is the last begun.
    if let running = report.checks.indices.last, report.checks[running].status == .notRun {
      report.checks[running].status =
        outcome.termination == .timedOut ? .timedOut(explanation) : .crashed(explanation)
    } else {
      report.blocker = .didNotStart(explanation)
    }
    return report
  }
}

/// Reads the grading program's report file.
enum ReportParser {
  struct Event: Decodable {
    enum Kind: String, Decodable { case plan, begin, result, done }
    var kind: Kind
    var index: Int
    var name: String?
    var tried: String?
    var passed: Bool?
    var expected: String?
    var got: String?
    var message: String?
    var hint: String?

    enum CodingKeys: String, CodingKey {
      case kind = "event", index, name, tried, passed, expected, got, message, hint
    }
  }

  static func events(from text: String) -> [Event] {
    let decoder = JSONDecoder()
    return text.split(separator: "\n").compactMap { line in
      try? decoder.decode(Event.self, from: Data(line.utf8))
    }
  }

  /// One outcome per `begin`; a check without a `result` is `notRun` (the
  /// caller decides whether it crashed).
  static func checks(from events: [Event]) -> [GradeReport.CheckOutcome] {
    var checks: [GradeReport.CheckOutcome] = []
    for event in events {
      switch event.kind {
      case .begin:
        checks.append(.init(name: event.name ?? "check \(event.index + 1)", tried: event.tried ?? "", status: .notRun))
      case .result:
        guard checks.indices.contains(event.index) else { continue }
        checks[event.index].status =
          event.passed == true
          ? .passed
          : .failed(
            expected: event.expected ?? "", got: event.got ?? "", message: event.message ?? "", hint: event.hint)
      case .plan, .done:
        break
      }
    }
    return checks
  }
}
