import Curriculum
import Testing

/// The exercise block's optional `time-limit` key.
@Suite("Exercise time limit")
struct TimeLimitKeyTests {
  func parse(_ extra: String) -> Result<Lesson, DiagnosticList> {
    CurriculumLoader.parseLesson(
      markdown: """
        # T

        ```exercise
        id: slow-one
        title: Slow
        file: 1-foundation/slow.swift
        entry: func f() -> Double
        grader: sample.grader
        \(extra)
        hints:
          - h
        ```

        """,
      path: "Lessons/1-foundation/01-t.md", partNumber: 1, number: 1, slug: "t", fileStem: "01-t")
  }

  @Test func absentMeansTheDefault() throws {
    #expect(try parse("").get().exercises.first?.timeLimit == nil)
  }

  @Test(arguments: [("time-limit: 30", 30.0), ("time-limit: 2.5s", 2.5)])
  func seconds(_ line: String, _ expected: Double) throws {
    #expect(try parse(line).get().exercises.first?.timeLimit == expected)
  }

  @Test(arguments: ["time-limit: soon", "time-limit: 0", "time-limit: -3", "time-limit: 601"])
  func badValuesAreReportedAtTheirLine(_ line: String) {
    guard case .failure(let list) = parse(line) else {
      Issue.record("\(line) was accepted")
      return
    }
    #expect(list.diagnostics.map(\.description).contains { $0.hasPrefix("Lessons/1-foundation/01-t.md:9: exercise block: time-limit") })
  }
}
