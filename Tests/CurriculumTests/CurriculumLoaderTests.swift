import Curriculum
import Foundation
import Testing
import _TestSupport

@Suite("Curriculum loading")
struct CurriculumLoaderTests {
  /// A throwaway Lessons/ tree.
  final class Tree {
    let root: URL
    init() throws {
      root = try TemporaryFolder.make("curriculum")
      try FileManager.default.createDirectory(at: root.appendingPathComponent("Lessons"), withIntermediateDirectories: true)
    }
    func write(_ path: String, _ text: String) throws {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    deinit { try? FileManager.default.removeItem(at: root) }
  }

  static func exercise(_ id: String) -> String {
    "```exercise\nid: \(id)\ntitle: T\nfile: a/\(id).swift\nentry: func f() -> Int\ngrader: g\nhints:\n  - h\n```\n"
  }

  @Test("parts and lessons are ordered by number, not by name")
  func ordering() throws {
    let tree = try Tree()
    try tree.write("Lessons/2-training/README.md", "# Training\n")
    try tree.write("Lessons/10-extra/README.md", "# Extra\n")
    try tree.write("Lessons/2-training/10-late.md", "# Late\n")
    try tree.write("Lessons/2-training/02-early.md", "# Early\n\n" + Self.exercise("early-one"))
    let outcome = CurriculumLoader.load(root: tree.root)
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.curriculum.parts.map(\.number) == [2, 10])
    #expect(outcome.curriculum.parts[0].title == "Training")
    #expect(outcome.curriculum.lessons.map(\.title) == ["Early", "Late"])
    #expect(outcome.curriculum.lesson(named: "early")?.title == "Early")
    #expect(outcome.curriculum.lesson(named: "2.10")?.title == "Late")
    #expect(outcome.curriculum.lesson(named: "02-early.md")?.title == "Early")
    #expect(outcome.curriculum.lesson(containing: "early-one")?.slug == "early")
  }

  @Test("a malformed lesson is left out and reported; the rest still loads")
  func malformedLessonLeftOut() throws {
    let tree = try Tree()
    try tree.write("Lessons/1-a/README.md", "# A\n")
    try tree.write("Lessons/1-a/01-good.md", "# Good\n")
    try tree.write("Lessons/1-a/02-bad.md", "no title here\n")
    try tree.write("Lessons/1-a/notes.md", "# stray\n")
    try tree.write("Lessons/b/README.md", "# B\n")
    let outcome = CurriculumLoader.load(root: tree.root)
    #expect(outcome.curriculum.lessons.map(\.title) == ["Good"])
    let messages = outcome.diagnostics.map(\.description)
    #expect(messages.contains("Lessons/1-a/02-bad.md:1: no level-1 heading: a lesson starts with `# Title`"))
    #expect(messages.contains("Lessons/1-a/notes.md: a lesson file is named NN-name.md, e.g. 02-calibration.md"))
    #expect(messages.contains("Lessons/b: a part folder is named NUMBER-name, e.g. 1-foundation"))
  }

  @Test("a missing part README and duplicate exercise ids are reported")
  func duplicates() throws {
    let tree = try Tree()
    try tree.write("Lessons/1-a/01-x.md", "# X\n\n" + Self.exercise("same"))
    try tree.write("Lessons/1-a/02-y.md", "# Y\n\n" + Self.exercise("same"))
    let messages = CurriculumLoader.load(root: tree.root).diagnostics.map(\.description)
    #expect(messages.contains("Lessons/1-a/README.md: missing or not readable"))
    #expect(messages.contains("Lessons/1-a/02-y.md:3: exercise id \"same\" is already used at Lessons/1-a/01-x.md:3"))
  }

  @Test("a missing Lessons folder is one diagnostic")
  func noLessons() {
    let outcome = CurriculumLoader.load(root: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
    #expect(outcome.diagnostics.map(\.description) == ["Lessons: folder not found or not readable"])
  }

  @Test("the real curriculum loads without a problem")
  func realCurriculum() throws {
    let outcome = CurriculumLoader.load(root: TestPaths.packageRoot)
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    #expect(outcome.curriculum.parts.first?.number == 1)
    #expect(outcome.curriculum.exercise(id: "calibration-ece") != nil)
  }
}
