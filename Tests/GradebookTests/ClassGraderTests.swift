import Curriculum
import Foundation
import Gradebook
import Runner
import Testing
import _TestSupport

/// A fixture class graded end to end: a correct learner, one with a wrong
/// answer, one whose file does not compile, one that loops forever, one
/// with no file, and one who handed in a whole clone of the course.
@Suite("Grading a class", .serialized)
struct ClassGraderTests {
  let exercises: [ExerciseSpec]
  let submissions: URL
  let scratch: URL

  static let signature = "func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double"

  init() throws {
    exercises = CurriculumLoader.load(root: TestPaths.packageRoot).curriculum.exercises
      .filter { $0.id == "calibration-ece" }
    scratch = try TemporaryFolder.make("class")
    submissions = scratch.appendingPathComponent("submissions")
    let solution = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("Solutions/1-foundation/calibration.swift"), encoding: .utf8)
    try write("ada/1-foundation/calibration.swift", solution)
    try write("bob/1-foundation/calibration.swift", "import Groundwork\n\(Self.signature) { 0.1 }\n")
    try write("cyd/1-foundation/calibration.swift", "import Groundwork\n\(Self.signature) { nope }\n")
    try write("dee/1-foundation/calibration.swift", "import Groundwork\n\(Self.signature) { while true {} }\n")
    try FileManager.default.createDirectory(at: submissions.appendingPathComponent("eve"), withIntermediateDirectories: true)
    try write("fay/Exercises/1-foundation/calibration.swift", solution)
  }

  func write(_ path: String, _ text: String) throws {
    let url = submissions.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  func classGrader(gradebook name: String) throws -> ClassGrader {
    let toolchain = try Toolchain.locate(project: Project(root: TestPaths.packageRoot))
    var grader = ExerciseGrader(project: Project(root: scratch), toolchain: toolchain)
    grader.limits.seconds = 2
    let store = try GradebookStore(file: scratch.appendingPathComponent(name))
    return ClassGrader(grader: grader, gradebook: store, seed: 4242)
  }

  @Test("every learner gets a grade with a reason; nothing stops the run; a re-run grades nothing", .timeLimit(.minutes(2)))
  func wholeClass() throws {
    #expect(exercises.count == 1)
    let roster = try ClassRoster(folder: submissions)
    #expect(roster.learners.map(\.name) == ["ada", "bob", "cyd", "dee", "eve", "fay"])
    let grader = try classGrader(gradebook: "all.sqlite")
    let summary = try grader.grade(roster.learners, on: exercises)
    #expect(summary == .init(graded: 6, unchanged: 0))

    let scores = Dictionary(uniqueKeysWithValues: try grader.gradebook.scores().map { ($0.learner, $0) })
    #expect(scores["ada"]?.passed == true)
    #expect(scores["ada"]?.checksPassed == 7)
    #expect(scores["fay"]?.passed == true)
    #expect(scores["bob"]?.passed == false)
    #expect(scores["bob"]?.reason?.contains("expected") == true)
    #expect(scores["cyd"]?.reason?.hasPrefix("does not compile") == true)
    #expect(scores["dee"]?.reason?.contains("did not finish within 2 s") == true)
    #expect(scores["eve"]?.reason == "missing file 1-foundation/calibration.swift")
    #expect(scores.values.allSatisfy { $0.seed == 4242 })

    let again = try grader.grade(roster.learners, on: exercises)
    #expect(again == .init(graded: 0, unchanged: 6))

    // A changed submission is a new attempt; the scores show the latest.
    try write("bob/1-foundation/calibration.swift", try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("Solutions/1-foundation/calibration.swift"), encoding: .utf8))
    #expect(try grader.grade(roster.learners, on: exercises) == .init(graded: 1, unchanged: 5))
    #expect(try grader.gradebook.attempts().filter { $0.learner == "bob" }.count == 2)
    #expect(try grader.gradebook.scores().first { $0.learner == "bob" }?.passed == true)

    let csv = GradebookExport.csv(try grader.gradebook.scores())
    #expect(csv.hasPrefix("learner,exercise,passed,checks_passed,checks_total,reason,graded_at\nada,calibration-ece,1,7,7,,"))
  }

  @Test("two shards merged equal one run over the whole class", .timeLimit(.minutes(2)))
  func shardsMerge() throws {
    let roster = try ClassRoster(folder: submissions)
    let first = roster.shard(1, of: 2)
    let second = roster.shard(2, of: 2)
    #expect(Set(first.map(\.name)).isDisjoint(with: second.map(\.name)))
    #expect(Set(first.map(\.name) + second.map(\.name)) == Set(roster.learners.map(\.name)))

    let shardA = try classGrader(gradebook: "a.sqlite")
    _ = try shardA.grade(first, on: exercises)
    let shardB = try classGrader(gradebook: "b.sqlite")
    _ = try shardB.grade(second, on: exercises)
    let merged = try GradebookStore(file: scratch.appendingPathComponent("merged.sqlite"))
    try merged.merge([shardA.gradebook.file, shardB.gradebook.file])
    try merged.merge([shardA.gradebook.file])  // merging twice changes nothing

    let whole = try classGrader(gradebook: "whole.sqlite")
    _ = try whole.grade(roster.learners, on: exercises)
    func key(_ attempt: Attempt) -> String {
      "\(attempt.learner) \(attempt.exercise) \(attempt.contentHash) \(attempt.passed) \(attempt.checksPassed) \(attempt.reason ?? "")"
    }
    #expect(try merged.attempts().map(key) == whole.gradebook.attempts().map(key))
  }

  @Test("a missing submissions folder or gradebook is a one-line error")
  func errors() {
    #expect(throws: GradebookError.self) { _ = try ClassRoster(folder: URL(fileURLWithPath: "/nonexistent-class")) }
    #expect(throws: GradebookError.self) {
      try GradebookStore(file: scratch.appendingPathComponent("m.sqlite")).merge([URL(fileURLWithPath: "/nonexistent.sqlite")])
    }
  }
}
