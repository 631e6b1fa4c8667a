import Curriculum
import Foundation
import Testing
import _TestSupport

/// `groundwork grade` through the built executable.
@Suite("Grade command", .serialized)
struct GradeCommandTests {
  @Test("grades a class into a gradebook with CSV and JSON exports; shards merge")
  func gradeAndMerge() throws {
    let sandbox = try CLISandbox()
    let solution = try sandbox.read("Solutions/1-foundation/calibration.swift")
    try sandbox.write("class/ada/1-foundation/calibration.swift", solution)
    try sandbox.write("class/bob/1-foundation/calibration.swift", try sandbox.read("Exercises/1-foundation/calibration.swift"))

    let missingSeed = try sandbox.run(["grade", "class"])
    #expect(missingSeed.status == 2)
    #expect(missingSeed.stderr.hasPrefix("error: choose a seed with --seed N"))

    let result = try sandbox.run(["grade", "class", "--seed", "99", "--gradebook", "out/book.sqlite"])
    #expect(result.status == 0, "\(result.stderr)")
    // Every learner is graded on every exercise of the curriculum, written or not.
    let exercises = CurriculumLoader.load(root: TestPaths.packageRoot).curriculum.exercises.count
    #expect(result.stdout.hasPrefix("graded \(2 * exercises) submissions of 2 learners (0 unchanged)"))
    let csv = try sandbox.read("out/book.csv")
    #expect(csv.contains("\nada,calibration-ece,1,7,7,,"))
    #expect(csv.contains("\nbob,calibration-ece,0,0,7,"))
    let json = try JSONSerialization.jsonObject(with: Data(try sandbox.read("out/book.json").utf8)) as? [String: Any]
    #expect((json?["learners"] as? [String: Int]) == ["ada": 1, "bob": 0])

    #expect(try sandbox.run(["grade", "class", "--seed", "99", "--gradebook", "s1.sqlite", "--shard", "1/2"]).status == 0)
    #expect(try sandbox.run(["grade", "class", "--seed", "99", "--gradebook", "s2.sqlite", "--shard", "2/2"]).status == 0)
    let merged = try sandbox.run(["grade", "--merge", "s1.sqlite", "s2.sqlite", "--gradebook", "merged.sqlite"])
    #expect(merged.status == 0, "\(merged.stderr)")
    func rows(_ text: String) -> [String] {
      text.split(separator: "\n").map { $0.split(separator: ",").prefix(5).joined(separator: ",") }
    }
    #expect(rows(try sandbox.read("merged.csv")) == rows(csv))

    #expect(try sandbox.run(["grade", "class", "--seed", "1", "--shard", "3/2"]).status == 2)
    #expect(try sandbox.run(["grade", "nowhere", "--seed", "1"]).status == 2)
  }
}
