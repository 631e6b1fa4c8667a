import Curriculum
import Foundation
import Testing
import _TestSupport

@Suite("Solution markers")
struct SolutionMarkersTests {
  let path = "Solutions/1-a/x.swift"

  func messages(_ solution: String) -> [String] {
    switch SolutionMarkers.exercise(fromSolution: solution, path: path) {
    case .success: return []
    case .failure(let list): return list.diagnostics.map(\.description)
    }
  }

  @Test("each region becomes one indented TODO; the rest is kept byte for byte")
  func regions() throws {
    let solution = """
      import Groundwork

      /// Doc.
      func f(x: Int) -> Int {
        // BEGIN SOLUTION: double "x"
        let y = x * 2
        return y
        // END SOLUTION
      }

      func g() -> Int {
          // BEGIN SOLUTION
          return 1
          // END SOLUTION
      }
      """
    let exercise = try SolutionMarkers.exercise(fromSolution: solution, path: path).get()
    #expect(
      exercise == """
        import Groundwork

        /// Doc.
        func f(x: Int) -> Int {
          fatalError("TODO: double \\"x\\"")
        }

        func g() -> Int {
            fatalError("TODO: write this part")
        }
        """)
  }

  @Test("nested, unmatched, unclosed and missing markers are errors with file:line")
  func errors() {
    #expect(
      messages("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n")
        == ["\(path):2: // BEGIN SOLUTION inside the region opened at line 1; regions cannot nest"])
    #expect(messages("x\n// END SOLUTION\n") == ["\(path):2: // END SOLUTION without a // BEGIN SOLUTION before it"])
    #expect(messages("a\n  // BEGIN SOLUTION\nb\n") == ["\(path):2: // BEGIN SOLUTION is never closed by // END SOLUTION"])
    #expect(messages("func f() {}\n") == ["\(path): no // BEGIN SOLUTION … // END SOLUTION region: mark the code the learner writes"])
  }

  @Test("the real Exercises/ folder is in sync with Solutions/")
  func realCurriculumInSync() throws {
    let outcome = CurriculumLoader.load(root: TestPaths.packageRoot)
    for exercise in outcome.curriculum.exercises {
      let solution = try String(
        contentsOf: TestPaths.packageRoot.appendingPathComponent(exercise.solutionPath), encoding: .utf8)
      let current = try String(
        contentsOf: TestPaths.packageRoot.appendingPathComponent(exercise.exercisePath), encoding: .utf8)
      #expect(try SolutionMarkers.exercise(fromSolution: solution, path: exercise.solutionPath).get() == current)
    }
  }
}

@Suite("Lesson links")
struct LessonLinkTests {
  @Test("a relative link to a missing file is reported at its block's line; URLs and anchors are not")
  func brokenLinks() throws {
    let root = try TemporaryFolder.make("links")
    defer { TemporaryFolder.remove(root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Lessons/1-a"), withIntermediateDirectories: true)
    try Data("# B\n".utf8).write(to: root.appendingPathComponent("Lessons/1-a/02-b.md"))
    let markdown = """
      # A

      See [the next lesson](02-b.md#start), [the web](https://example.org) and [below](#x).

      Then [a missing one](03-missing.md).
      """
    let lesson = try CurriculumLoader.parseLesson(
      markdown: markdown, path: "Lessons/1-a/01-a.md", partNumber: 1, number: 1, slug: "a", fileStem: "01-a"
    ).get()
    let found = CurriculumLoader.brokenLinks(in: lesson, root: root).map(\.description)
    #expect(found == ["Lessons/1-a/01-a.md:5: link to \"03-missing.md\" does not resolve to a file"])
  }
}
