import Curriculum
import Foundation
import Runner
import Testing
import _TestSupport

/// The runner against real programs: each test compiles a learner's file
/// with swiftc against the kernel built beside this test bundle and runs it
/// under limits. Serialized, since each spawns a compiler.
@Suite("Exercise grader", .serialized)
struct ExerciseGraderTests {
  let grader: ExerciseGrader
  let scratch: URL
  static let signature = "func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double"
  let exercise = ExerciseSpec(
    id: "calibration-ece", title: "ECE", file: "1-foundation/calibration.swift",
    entryPoints: [signature], grader: "calibration.ece", tolerance: "relative 1e-9", hints: ["h"],
    lessonPath: "Lessons/1-foundation/07-calibration.md", line: 1)

  init() throws {
    scratch = try TemporaryFolder.make("runner")
    let toolchain = try Toolchain.locate(project: Project(root: TestPaths.packageRoot))
    var grader = ExerciseGrader(project: Project(root: scratch), toolchain: toolchain)
    grader.limits.seconds = 3
    self.grader = grader
  }

  /// Grades `body` as the learner's whole file.
  func grade(_ body: String, seed: UInt64 = 1) throws -> GradeReport {
    let file = scratch.appendingPathComponent("calibration-\(UUID().uuidString).swift")
    try Data(("import Groundwork\n\n" + body).utf8).write(to: file)
    return try grader.grade(exercise, submission: .file(file, displayPath: "Exercises/1-foundation/calibration.swift"), seed: seed)
  }

  static func implementation(_ body: String) -> String {
    "\(signature) {\n\(body)\n}\n"
  }

  @Test("the reference solution passes every check, under several seeds")
  func solutionPasses() throws {
    let solution = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("Solutions/1-foundation/calibration.swift"), encoding: .utf8)
    for seed: UInt64 in [1, 99] {
      let file = scratch.appendingPathComponent("solution.swift")
      try Data(solution.utf8).write(to: file)
      let report = try grader.grade(exercise, submission: .file(file, displayPath: "solution.swift"), seed: seed)
      #expect(report.passed, "seed \(seed): \(String(describing: report.checks))")
      #expect(report.checks.count == 7)
    }
  }

  @Test("a wrong answer fails with expected, got and the named mistake")
  func unweightedMeanIsNamed() throws {
    // The classic mistake: averaging the bins' gaps without weighting by size.
    let report = try grade(
      Self.implementation(
        """
          var gaps: [Double] = []
          for m in 0..<binCount {
            let lo = Double(m) / Double(binCount), hi = Double(m + 1) / Double(binCount)
            let members = confidences.indices.filter { (confidences[$0] > lo || (m == 0 && confidences[$0] == 0)) && confidences[$0] <= hi }
            if members.isEmpty { continue }
            let accuracy = Double(members.filter { correct[$0] }.count) / Double(members.count)
            let confidence = members.map { confidences[$0] }.reduce(0, +) / Double(members.count)
            gaps.append(abs(accuracy - confidence))
          }
          return gaps.reduce(0, +) / Double(gaps.count)
        """))
    #expect(!report.passed)
    #expect(report.blocker == nil)
    let failed = report.checks.compactMap { check -> (String, String?)? in
      if case .failed(_, _, let message, let hint) = check.status { return (message, hint) }
      return nil
    }
    #expect(failed.contains { $0.0 == "This is the plain average of the bins' gaps." })
    #expect(failed.allSatisfy { $0.1 != nil })
  }

  @Test("a constant answer cannot pass")
  func constantFails() throws {
    let report = try grade(Self.implementation("  return 0.05"))
    #expect(!report.passed)
    #expect(report.passedCount < report.checks.count)
  }

  @Test("a compile error shows the learner's file and line first")
  func compileError() throws {
    let report = try grade(Self.implementation("  return undefinedName"))
    guard case .compileFailed(let failure) = report.blocker else {
      Issue.record("expected a compile failure, got \(String(describing: report.blocker))")
      return
    }
    let first = try #require(failure.learnerErrors.first)
    #expect(first.hasPrefix("Exercises/1-foundation/calibration.swift:4:"))
    #expect(first.contains("undefinedName"))
    #expect(failure.expectedSignatures == nil)
  }

  @Test("a wrong signature says which signature was expected")
  func signatureMismatch() throws {
    let report = try grade(
      "func expectedCalibrationError(confidences: [Double], correct: [Bool], bins: Int) -> Double { 0 }\n")
    guard case .compileFailed(let failure) = report.blocker else {
      Issue.record("expected a compile failure, got \(String(describing: report.blocker))")
      return
    }
    #expect(failure.learnerErrors.isEmpty)
    #expect(failure.expectedSignatures == [Self.signature])
    #expect(failure.description.contains("Your file must define, with exactly this signature"))
  }

  @Test("a trap is a failed check with a plain explanation, located in the learner's file")
  func trap() throws {
    let report = try grade(Self.implementation("  let empty: [Double] = []\n  return empty[confidences.count]"))
    let crashed = try #require(report.checks.last)
    guard case .crashed(let explanation) = crashed.status else {
      Issue.record("expected a crash, got \(crashed.status)")
      return
    }
    #expect(explanation.contains("Index out of range"))
    #expect(report.checks.count == 1)
  }

  @Test("an unfinished exercise says it is not written yet")
  func todo() throws {
    let report = try grade(Self.implementation("  fatalError(\"TODO: write it\")"))
    guard case .crashed(let explanation) = report.checks.first?.status else {
      Issue.record("expected a crash, got \(String(describing: report.checks))")
      return
    }
    #expect(explanation.hasPrefix("Not written yet"))
    #expect(explanation.contains("Exercises/1-foundation/calibration.swift:4"))
  }

  @Test("an infinite loop times out and the runner returns", .timeLimit(.minutes(1)))
  func infiniteLoop() throws {
    let started = Date()
    let report = try grade(Self.implementation("  var x = 0.0\n  while true { x += 1 }\n  return x"))
    guard case .timedOut(let explanation) = report.checks.first?.status else {
      Issue.record("expected a time-out, got \(String(describing: report.checks))")
      return
    }
    #expect(explanation.contains("did not finish within 3 s"))
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test("a flood of output is kept to its first MiB, the rest dropped with a count", .timeLimit(.minutes(1)))
  func outputFlood() throws {
    let file = scratch.appendingPathComponent("flood.swift")
    try Data(
      ("import Groundwork\n"
        + Self.implementation(
          "  for _ in 0..<300 { print(String(repeating: \"x\", count: 999)) }\n  return 0.05")).utf8
    ).write(to: file)
    var grader = self.grader
    grader.limits.seconds = 30
    let report = try grader.grade(exercise, submission: .file(file, displayPath: "flood.swift"), seed: 1)
    // The program was not stopped: every check ran and has a verdict.
    #expect(report.blocker == nil)
    #expect(report.checks.count == report.plannedChecks)
    #expect(report.checks.allSatisfy { check in
      if case .failed = check.status { return true }
      return check.passed
    })
    #expect(report.learnerOutput.utf8.count == 1 << 20)
    // Each call prints 300,000 bytes; each of the 7 checks calls it.
    #expect(report.droppedOutputBytes >= 7 * 300_000 - (1 << 20))
    #expect((report.droppedOutputBytes + (1 << 20)) % 300_000 == 0)
  }

  @Test("an endless flood of output ends at the time limit, its start kept", .timeLimit(.minutes(1)))
  func endlessFlood() throws {
    let file = scratch.appendingPathComponent("endless-flood.swift")
    try Data(
      ("import Groundwork\n" + Self.implementation("  while true { print(String(repeating: \"x\", count: 1000)) }"))
        .utf8
    ).write(to: file)
    let report = try grader.grade(exercise, submission: .file(file, displayPath: "flood.swift"), seed: 1)
    guard case .timedOut(let explanation) = report.checks.first?.status else {
      Issue.record("expected the time limit to stop it, got \(String(describing: report.checks))")
      return
    }
    #expect(explanation.contains("did not finish within 3 s"))
    #expect(report.learnerOutput.utf8.count == 1 << 20)
    #expect(report.droppedOutputBytes > 0)
  }

  @Test("calling exit() is explained, not taken for success")
  func exitCall() throws {
    let report = try grade("import Foundation\n" + Self.implementation("  exit(0)"))
    #expect(!report.passed)
    guard case .crashed(let explanation) = report.checks.first?.status else {
      Issue.record("expected a failed check, got \(String(describing: report.checks))")
      return
    }
    #expect(explanation.contains("exit status 0"))
  }

  @Test("calling the kernel's own implementation is refused")
  func forbiddenSymbol() throws {
    let report = try grade(
      "// calibrationSummary in a comment is fine\n"
        + Self.implementation(
          "  calibrationSummary(confidences: confidences, correct: correct, binCount: binCount).expectedCalibrationError"))
    guard case .forbiddenSymbol(let name, let line) = report.blocker else {
      Issue.record("expected a refusal, got \(String(describing: report.blocker))")
      return
    }
    #expect(name == "calibrationSummary")
    #expect(line == 5)
  }

  @Test("a recompiled file is cached: the second grade does not compile")
  func caching() throws {
    let body = Self.implementation("  return 0.5")
    _ = try grade(body)
    let file = scratch.appendingPathComponent("cached.swift")
    try Data(("import Groundwork\n\n" + body).utf8).write(to: file)
    let second = try grader.grade(exercise, submission: .file(file, displayPath: "x.swift"), seed: 1)
    #expect(second.compileSeconds < 0.1)
  }
}
