import Curriculum
import Foundation
import Runner
import Testing
import _TestSupport

/// Every way a learner's code can end the grading program, each with a
/// small program as its fixture, and the plain sentence each one gets.
@Suite("Crash endings", .serialized)
struct CrashEndingTests {
  static let signature = "func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double"
  let exercise = ExerciseSpec(
    id: "calibration-ece", title: "ECE", file: "1-foundation/calibration.swift",
    entryPoints: [signature], grader: "calibration.ece", tolerance: "relative 1e-9", hints: ["h"],
    lessonPath: "Lessons/1-foundation/07-calibration.md", line: 1)

  static let place = "at Exercises/1-foundation/calibration.swift"

  /// The explanation a learner sees when `body` is the entry point's body
  /// (after `prelude`, at the top of the file): the file's line 1 is the
  /// import, 2 the prelude, 3 the signature, 4 on the body. The grader's
  /// default limits apply unless `memory` is given.
  func explanation(
    _ body: String, prelude: String = "", memory: Int? = nil, seconds: Double = 10, exercise: ExerciseSpec? = nil
  ) throws -> String {
    try withTemporaryFolder("endings") { scratch in
      var grader = ExerciseGrader(
        project: Project(root: scratch), toolchain: try Toolchain.locate(project: Project(root: TestPaths.packageRoot)))
      grader.limits.seconds = seconds
      if let memory { grader.limits.maxMemoryBytes = memory }
      let file = scratch.appendingPathComponent("calibration.swift")
      let source = "import Groundwork\n\(prelude)\n\(Self.signature) {\n\(body)\n}\n"
      try Data(source.utf8).write(to: file)
      let report = try grader.grade(
        exercise ?? self.exercise, submission: .file(file, displayPath: "Exercises/1-foundation/calibration.swift"),
        seed: 1)
      switch report.checks.first?.status {
      case .crashed(let text)?, .timedOut(let text)?: return text
      default: return "no crash: \(report.checks) \(String(describing: report.blocker))"
      }
    }
  }

  @Test("the defaults: 10 s, 1 MiB of each output stream, 2 GiB of memory")
  func defaults() throws {
    let grader = ExerciseGrader(
      project: Project(root: TestPaths.packageRoot), toolchain: try Toolchain.locate(project: Project(root: TestPaths.packageRoot)))
    #expect(grader.limits.seconds == 10)
    #expect(grader.limits.maxOutputBytes == 1 << 20)
    #expect(grader.limits.maxMemoryBytes == 2 << 30)
  }

  @Test("an exercise's time-limit replaces the default", .timeLimit(.minutes(1)))
  func perExerciseTimeLimit() throws {
    var slow = exercise
    slow.timeLimit = 1
    let text = try explanation("  var x = 0.0\n  while true { x += 1 }\n  return x", exercise: slow)
    #expect(text.hasPrefix("Your code did not finish within 1 s, so it was stopped."))
  }

  @Test func fatalErrorWithMessage() throws {
    let text = try explanation("  fatalError(\"bins must be positive\")")
    #expect(text == "Your code stopped with a fatal error: bins must be positive \(Self.place):4.")
  }

  @Test func failedPrecondition() throws {
    let text = try explanation("  precondition(binCount < 0, \"need a negative count\")\n  return 0")
    #expect(text == "Your code stopped with a failed precondition: need a negative count \(Self.place):4.")
  }

  @Test func indexOutOfRange() throws {
    let text = try explanation("  let empty: [Double] = []\n  return empty[confidences.count]")
    #expect(
      text
        == "Your code used an index outside an array's bounds \(Self.place):5 (Index out of range). An array of n elements has the indices 0..<n; look for an off-by-one or an empty array."
    )
  }

  @Test func forceUnwrapOfNil() throws {
    let text = try explanation("  let missing: Double? = confidences.isEmpty ? 1 : nil\n  return missing!")
    #expect(
      text
        == "Your code force-unwrapped an optional that was nil \(Self.place):5 (`!` on nil). Unwrap it with `if let` or `guard let`, or give a default with `??`."
    )
  }

  @Test func integerOverflow() throws {
    // Unoptimised Swift traps on overflow without printing a word; the
    // backtrace's debug information names the check and the line.
    let text = try explanation("  var n = Int.max - 1\n  n += confidences.count\n  return Double(n)")
    #expect(text.hasPrefix("Your code overflowed an integer \(Self.place):5: an arithmetic result did not fit in its type"))
  }

  @Test func stackOverflow() throws {
    let text = try explanation(
      "  return deep(confidences.count)", prelude: "func deep(_ n: Int) -> Double { n < 0 ? 0 : 1 + deep(n + 1) }")
    #expect(text.hasPrefix("Your code overflowed the stack: deep(_:) kept calling itself \(Self.place):2."))
  }

  @Test func oneHugeAllocation() throws {
    let text = try explanation(
      "  let huge = [Double](repeating: 1, count: 1 << 31 + confidences.count)\n  return huge[0]", memory: 2 << 30)
    #expect(
      text
        == "Your code asked for 16 GiB of memory at once, more than it may use (the limit is 2 GiB). Look for an array sized by something much larger than the input."
    )
  }

  @Test("3 GiB at once is refused under the default 2 GiB limit")
  func threeGiB() throws {
    let text = try explanation(
      "  let big = [Double](repeating: 1, count: 3 << 27 + confidences.count)\n  return big[0]")
    #expect(text.hasPrefix("Your code asked for 3 GiB of memory at once, more than it may use (the limit is 2 GiB)."))
  }

  @Test("memory kept on every pass of a loop runs into the limit", .timeLimit(.minutes(2)))
  func gradualGrowth() throws {
    let text = try explanation(
      """
        var kept: [[UInt8]] = []
        while true { kept.append([UInt8](repeating: 1, count: 32 << 20 + confidences.count)) }
      """, memory: 512 << 20, seconds: 40)
    #expect(text.hasPrefix("Your code ran out of memory"))
    #expect(text.contains("it had used up the 512 MiB it may use and asked for 32 MiB more"))
  }

  @Test func signal() throws {
    let text = try explanation("  raise(SIGUSR1)\n  return 0", prelude: "import Glibc")
    #expect(text == "Your code was stopped by signal \(SIGUSR1) (User defined signal 1).")
  }

  @Test func divisionByZero() throws {
    let text = try explanation("  return Double(1 / (confidences.count - confidences.count))")
    #expect(text == "Your code stopped with a fatal error: Division by zero \(Self.place):4.")
  }

  @Test func exitCall() throws {
    let text = try explanation("  exit(3)", prelude: "import Glibc")
    #expect(text.hasPrefix("Your code ended the program (exit status 3) before the checks finished."))
  }
}
