import Curriculum
import Foundation
import Testing
import _TestSupport

/// The learner's commands end to end, through the built executable, with
/// the exit codes scripts rely on: 0 all passed, 1 a check failed, 2 usage
/// or set-up error.
@Suite("Learner commands", .serialized)
struct LearnerCommandTests {
  /// The curriculum as shipped: the tests follow its order rather than
  /// naming a lesson, so that adding lessons does not break them.
  static let exercises = CurriculumLoader.load(root: TestPaths.packageRoot).curriculum.exercises

  @Test("status with no argument names the next exercise and how to check it")
  func status() throws {
    let sandbox = try CLISandbox()
    let result = try sandbox.run([])
    #expect(result.status == 0)
    let first = try #require(Self.exercises.first)
    #expect(result.stdout.contains("0/\(Self.exercises.count)"))
    #expect(result.stdout.contains("groundwork check \(first.id)"))
    #expect(result.stderr.isEmpty)
  }

  @Test("the untouched exercise fails with exit 1; the solution passes and is recorded")
  func checkThenPass() throws {
    let sandbox = try CLISandbox()
    let first = try #require(Self.exercises.first)
    let failing = try sandbox.run(["check"])
    #expect(failing.status == 1)
    #expect(failing.stdout.hasPrefix("Checking \(first.id) (\(first.exercisePath))…\n"))
    #expect(failing.stdout.contains("Not written yet"))
    #expect(failing.stdout.contains("seed 1"))

    try sandbox.write(first.exercisePath, try sandbox.read(first.solutionPath))
    let passing = try sandbox.run(["check", first.id])
    #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
    let summary = try #require(passing.stdout.split(separator: "\n").first { $0.contains("checks passed") })
    let counts = summary.split(separator: " ")[0].split(separator: "/")
    #expect(counts.count == 2 && counts[0] == counts[1] && counts[0] != "0", "\(summary)")
    let progress = try sandbox.read(".groundwork/progress.json")
    #expect(progress.contains("\"\(first.id)\""))

    let list = try sandbox.run(["list", "--json"])
    #expect(list.status == 0)
    let document = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any]
    let parts = try #require(document?["parts"] as? [[String: Any]])
    let lessons = try #require(parts.first?["lessons"] as? [[String: Any]])
    let exercise = try #require((lessons.first?["exercises"] as? [[String: Any]])?.first)
    #expect(exercise["id"] as? String == first.id)
    #expect(exercise["file"] as? String == first.exercisePath)
    #expect(exercise["status"] as? String == "done")
  }

  @Test("usage errors exit 2 with one line naming the problem")
  func usageErrors() throws {
    let sandbox = try CLISandbox()
    let unknownExercise = try sandbox.run(["check", "no-such-exercise"])
    #expect(unknownExercise.status == 2)
    let ids = Self.exercises.map(\.id).joined(separator: ", ")
    #expect(unknownExercise.stderr == "error: no exercise \"no-such-exercise\" (exercises: \(ids))\n")
    let unknownCommand = try sandbox.run(["frobnicate"])
    #expect(unknownCommand.status == 2)
    let badSeed = try sandbox.run(["check", "--seed", "minus-one"])
    #expect(badSeed.status == 2)
    let unknownLesson = try sandbox.run(["read", "nowhere"])
    #expect(unknownLesson.status == 2)
    #expect(unknownLesson.stderr.hasPrefix("error: no lesson \"nowhere\""))
  }

  @Test("a corrupt progress file is named, kept, and stops the command with exit 2")
  func corruptProgress() throws {
    let sandbox = try CLISandbox()
    try sandbox.write(".groundwork/progress.json", "{ not json")
    let result = try sandbox.run([])
    #expect(result.status == 2)
    #expect(result.stderr.contains(".groundwork/progress.json: not a valid progress file"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(try sandbox.read(".groundwork/progress.json") == "{ not json")
  }

  @Test("read renders the lesson as plain text when not a terminal, with the exercise card")
  func read() throws {
    let sandbox = try CLISandbox()
    let result = try sandbox.run(["read", "calibration"])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("\u{1B}["))
    #expect(result.stdout.contains("Exercise: "))
    #expect(result.stdout.contains("groundwork check calibration-ece"))
    #expect(!result.stdout.contains("```exercise"))
    // Not a terminal: never paged, with or without --no-pager.
    let unpaged = try sandbox.run(["read", "calibration", "--no-pager"], environment: ["PAGER": "false"])
    #expect(unpaged.status == 0)
    #expect(unpaged.stdout == result.stdout)
  }

  @Test("read draws a lesson's pipe table as an aligned table")
  func readTable() throws {
    let sandbox = try CLISandbox()
    let path = "Lessons/1-foundation/07-calibration.md"
    try sandbox.write(path, try sandbox.read(path) + "\n| bins | ECE |\n|---|--:|\n| 5 | 0.288 |\n")
    let result = try sandbox.run(["read", "calibration"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("+------+-------+\n| bins |   ECE |\n+------+-------+\n| 5    | 0.288 |\n"))
  }

  @Test("hints come in order and out-of-range is a usage error")
  func hints() throws {
    let sandbox = try CLISandbox()
    let first = try sandbox.run(["hint", "calibration-ece"])
    #expect(first.status == 0)
    #expect(first.stdout.hasPrefix("Hint 1 of "))
    #expect(try sandbox.run(["hint", "calibration-ece", "99"]).status == 2)
  }

  @Test("a malformed lesson is reported with file and line, and the rest still works")
  func malformedLesson() throws {
    let sandbox = try CLISandbox()
    try sandbox.write("Lessons/1-foundation/99-broken.md", "# Broken\n\n```exercise\nid: broken\n```\n")
    let result = try sandbox.run(["list"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("Lessons/1-foundation/99-broken.md:3: exercise block: missing \"title\""))
    #expect(result.stdout.contains("calibration-ece"))
  }
}
