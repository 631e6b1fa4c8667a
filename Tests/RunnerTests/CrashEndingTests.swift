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

  /// The explanation a learner sees when `body` is the entry point's body
  /// (after `prelude`, at the top of the file).
  func explanation(
    _ body: String, prelude: String = "", memory: Int = 8 << 30, exercise: ExerciseSpec? = nil
  ) throws -> String {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("endings-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    var grader = ExerciseGrader(
      project: Project(root: scratch), toolchain: try Toolchain.locate(project: Project(root: TestPaths.packageRoot)))
    grader.limits.seconds = 5
    grader.limits.maxMemoryBytes = memory
    let file = scratch.appendingPathComponent("calibration.swift")
    let source = "import Groundwork\n\(prelude)\n\(Self.signature) {\n\(body)\n}\n"
    try Data(source.utf8).write(to: file)
    let report = try grader.grade(
      exercise ?? self.exercise, submission: .file(file, displayPath: "Exercises/1-foundation/calibration.swift"), seed: 1)
    switch report.checks.first?.status {
    case .crashed(let text)?, .timedOut(let text)?: return text
    default: return "no crash: \(report.checks) \(String(describing: report.blocker))"
    }
  }

  @Test("an exercise's time-limit replaces the default", .timeLimit(.minutes(1)))
  func perExerciseTimeLimit() throws {
    var slow = exercise
    slow.timeLimit = 1
    let text = try explanation("  var x = 0.0\n  while true { x += 1 }\n  return x", exercise: slow)
    #expect(text.hasPrefix("Your code did not finish within 1 s."))
  }

  @Test func forceUnwrapOfNil() throws {
    let text = try explanation("  let missing: Double? = confidences.isEmpty ? 1 : nil\n  return missing!")
    #expect(text == "Your code stopped with a fatal error: Unexpectedly found nil while unwrapping an Optional value at Exercises/1-foundation/calibration.swift:5.")
  }

  @Test func integerOverflow() throws {
    let text = try explanation("  var n = Int.max - 1\n  n += confidences.count\n  return Double(n)")
    // Unoptimised Swift traps on overflow without a message; the sentence
    // names the candidates.
    #expect(text.hasPrefix("Your code hit a runtime trap: an integer overflow"))
  }

  @Test func stackOverflow() throws {
    let text = try explanation(
      "  return deep(confidences.count)", prelude: "func deep(_ n: Int) -> Double { n < 0 ? 0 : 1 + deep(n + 1) }")
    #expect(text.hasPrefix("Your code crashed with a memory fault: often unbounded recursion"))
  }

  @Test func memoryLimit() throws {
    let text = try explanation(
      "  let huge = [Double](repeating: 1, count: 1 << 31 + confidences.count)\n  return huge[0]", memory: 2 << 30)
    #expect(
      text
        == "Your code asked for 16 GiB of memory at once, more than it may use (the limit is 2 GiB). Look for an array sized by something much larger than the input."
    )
  }

  @Test func signal() throws {
    let text = try explanation("  raise(SIGUSR1)\n  return 0", prelude: "import Glibc")
    #expect(text == "Your code was stopped by signal \(SIGUSR1) (User defined signal 1).")
  }

  @Test func divisionByZero() throws {
    let text = try explanation("  return Double(1 / (confidences.count - confidences.count))")
    #expect(text == "Your code stopped with a fatal error: Division by zero (raised by the standard library, called from your code).")
  }
}

