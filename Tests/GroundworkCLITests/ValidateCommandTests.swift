import Foundation
import Testing

/// `groundwork validate` over the real curriculum and over broken copies.
@Suite("Validate", .serialized)
struct ValidateCommandTests {
  // The whole curriculum is validated by `.ci/run` before the tests; here
  // each run names the lessons it needs, so a cold sandbox compiles only
  // their exercises.
  @Test("validate LESSON --json grades that lesson's exercises only, and they pass")
  func oneLesson() throws {
    let sandbox = try CLISandbox()
    let result = try sandbox.run(["validate", "1.7", "--json"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(document["ok"] as? Bool == true)
    #expect((document["problems"] as? [String])?.isEmpty == true)
    let exercises = try #require(document["exercises"] as? [[String: Any]])
    #expect(exercises.map { $0["id"] as? String } == ["calibration-ece"])
    for exercise in exercises {
      #expect(exercise["exerciseFails"] as? Bool == true)
      #expect((exercise["solutionSeeds"] as? [Int])?.count == 3)
    }
  }

  @Test("a lesson name that matches nothing is a one-line usage error")
  func unknownLesson() throws {
    let sandbox = try CLISandbox()
    let result = try sandbox.run(["validate", "no-such-lesson"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: no lesson \"no-such-lesson\" (lessons: 1.1 "))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("a wrong solution, a passing exercise and a malformed lesson are all reported, exit 1")
  func brokenCurriculum() throws {
    let sandbox = try CLISandbox()
    let solution = try sandbox.read("Solutions/1-foundation/calibration.swift")
    // The learner's file now holds the solution (so it passes), and the
    // solution returns a constant (so it fails).
    try sandbox.write("Exercises/1-foundation/calibration.swift", solution)
    try sandbox.write(
      "Solutions/1-foundation/calibration.swift",
      "import Groundwork\nfunc expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double { 0.1 }\n")
    try sandbox.write("Lessons/1-foundation/09-broken.md", "no title\n")
    let result = try sandbox.run(["validate", "calibration"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("problem  Lessons/1-foundation/09-broken.md:1: no level-1 heading"))
    #expect(result.stdout.contains("problem  Solutions/1-foundation/calibration.swift: fails its grader with seed 1"))
    #expect(result.stdout.contains("problem  Exercises/1-foundation/calibration.swift: the untouched exercise passes its grader"))
  }

  @Test("an exercise block whose grader or signature does not exist is a problem")
  func unknownGraderAndSignature() throws {
    let sandbox = try CLISandbox()
    try sandbox.write(
      "Lessons/1-foundation/09-more.md",
      """
      # More

      ```exercise
      id: more
      title: More
      file: 1-foundation/more.swift
      entry: func f() -> Int
      grader: no.such.grader
      hints:
        - h
      ```
      """)
    let result = try sandbox.run(["validate", "09-more"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("Lessons/1-foundation/09-more.md:3: no grader named \"no.such.grader\""))
  }
}

@Suite("Validate front matter", .serialized)
struct ValidateFrontMatterTests {
  @Test("a lesson without summary and minutes is a problem for validate, not for learners")
  func incompleteFrontMatter() throws {
    let sandbox = try CLISandbox()
    try sandbox.write("Lessons/1-foundation/09-short.md", "# Short\n\nText.\n")
    let validate = try sandbox.run(["validate", "09-short"])
    #expect(validate.status == 1)
    #expect(validate.stdout.contains("problem  Lessons/1-foundation/09-short.md:1: front matter incomplete: add summary and minutes"))
    let list = try sandbox.run(["list"])
    #expect(list.status == 0)
    #expect(list.stdout.contains("Short"))
  }
}

@Suite("Validate exercise ids", .serialized)
struct ValidateExerciseIDTests {
  @Test("a published id that disappears, and a new id not registered, are both problems")
  func stableIDs() throws {
    let sandbox = try CLISandbox()
    let lesson = try sandbox.read("Lessons/1-foundation/07-calibration.md")
    try sandbox.write(
      "Lessons/1-foundation/07-calibration.md", lesson.replacingOccurrences(of: "id: calibration-ece", with: "id: ece"))
    let result = try sandbox.run(["validate", "calibration"])
    #expect(result.status == 1)
    #expect(result.stdout.contains("problem  Lessons/exercise-ids.txt:4: exercise id \"calibration-ece\" was published but no lesson declares it"))
    #expect(result.stdout.contains("exercise id \"ece\" is not in Lessons/exercise-ids.txt"))

    // Keep every other published id; retire the old one and register the new.
    let published = try sandbox.read("Lessons/exercise-ids.txt")
    try sandbox.write("Lessons/exercise-ids.txt", published + "retired: calibration-ece\nece\n")
    let fixed = try sandbox.run(["validate", "calibration"])
    #expect(fixed.status == 0, "\(fixed.stdout)")
  }
}
