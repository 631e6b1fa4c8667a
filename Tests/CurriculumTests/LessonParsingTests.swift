import Curriculum
import Foundation
import Testing

/// Lessons as an instructor writes them, and every way one can be malformed:
/// each must give `path:LINE: what is wrong`, never a crash.
@Suite("Lesson parsing")
struct LessonParsingTests {
  static let path = "Lessons/1-foundation/01-sample.md"

  func parse(_ markdown: String) -> Result<Lesson, DiagnosticList> {
    CurriculumLoader.parseLesson(
      markdown: markdown, path: Self.path, partNumber: 1, number: 1, slug: "sample", fileStem: "01-sample")
  }

  func diagnostics(_ markdown: String) -> [String] {
    switch parse(markdown) {
    case .success: return []
    case .failure(let list): return list.diagnostics.map(\.description)
    }
  }

  static let block = """
    ```exercise
    id: sample-one
    title: A sample
    file: 1-foundation/sample.swift
    entry: func f(x: [Double], bins: Int) -> Double
    grader: sample.grader
    tolerance: relative 1e-9
    hints:
      - First hint,
        continued on a second line.
      - "Second hint: quoted."
    ```
    """

  @Test("a well-formed lesson gives its title and exercise")
  func wellFormed() throws {
    let lesson = try parse("# The title\n\nSome *text*.\n\n" + Self.block + "\n").get()
    #expect(lesson.title == "The title")
    #expect(lesson.reference == "1.1")
    let exercise = try #require(lesson.exercises.first)
    #expect(exercise.id == "sample-one")
    #expect(exercise.entryPoints == ["func f(x: [Double], bins: Int) -> Double"])
    #expect(exercise.hints == ["First hint, continued on a second line.", "Second hint: quoted."])
    #expect(exercise.tolerance == "relative 1e-9")
    #expect(exercise.line == 5)
    #expect(exercise.exercisePath == "Exercises/1-foundation/sample.swift")
    #expect(exercise.solutionPath == "Solutions/1-foundation/sample.swift")
  }

  @Test("entry points may be a list")
  func entryList() throws {
    let markdown = "# T\n\n" + Self.block.replacingOccurrences(
      of: "entry: func f(x: [Double], bins: Int) -> Double",
      with: "entry:\n  - func f(x: Double) -> Double\n  - func g(_ y: Int) -> Int")
    let lesson = try parse(markdown).get()
    #expect(lesson.exercises[0].entryPoints == ["func f(x: Double) -> Double", "func g(_ y: Int) -> Int"])
  }

  @Test("a heading inside a code block is not a title")
  func headingInCode() {
    #expect(diagnostics("```\n# not a title\n```\n") == ["\(Self.path):1: no level-1 heading: a lesson starts with `# Title`"])
  }

  @Test("two titles are reported at the second")
  func twoTitles() {
    #expect(
      diagnostics("# One\n\ntext\n\n# Two\n")
        == ["\(Self.path):5: a second level-1 heading; a lesson has one title (use ## for sections)"])
  }

  @Test("a missing key is reported at the fence")
  func missingKey() {
    let markdown = "# T\n\n" + Self.block.replacingOccurrences(of: "grader: sample.grader\n", with: "")
    #expect(diagnostics(markdown) == ["\(Self.path):3: exercise block: missing \"grader\""])
  }

  @Test("an unknown key is reported at its own line")
  func unknownKey() {
    let markdown = "# T\n\n" + Self.block.replacingOccurrences(of: "grader:", with: "grade:")
    let found = diagnostics(markdown)
    #expect(found.contains { $0.hasPrefix("\(Self.path):8: exercise block: unknown key \"grade\"") })
    #expect(found.contains("\(Self.path):3: exercise block: missing \"grader\""))
  }

  @Test("a key set twice, a bad id, a bad file, a signature that is not a function")
  func badValues() {
    var markdown = "# T\n\n" + Self.block
    markdown = markdown.replacingOccurrences(of: "id: sample-one", with: "id: Sample_One")
    markdown = markdown.replacingOccurrences(of: "file: 1-foundation/sample.swift", with: "file: ../escape.swift")
    markdown = markdown.replacingOccurrences(of: "entry: func", with: "entry: fn")
    markdown = markdown.replacingOccurrences(of: "title: A sample", with: "title: A sample\ntitle: Again")
    let found = diagnostics(markdown)
    #expect(found.contains { $0.hasPrefix("\(Self.path):4: exercise block: id \"Sample_One\"") })
    #expect(found.contains { $0.hasPrefix("\(Self.path):6: exercise block: \"title\" is set twice (first at line 5)") })
    #expect(found.contains { $0.hasPrefix("\(Self.path):7: exercise block: file \"../escape.swift\"") })
    #expect(found.contains { $0.hasPrefix("\(Self.path):8: exercise block: entry \"fn f(") })
  }

  @Test("lines that are neither keys nor items")
  func strayLines() {
    let markdown = "# T\n\n```exercise\nid: x\njust words\n  - an item under id\n```\n"
    let found = diagnostics(markdown)
    #expect(found.contains("\(Self.path):5: exercise block: expected `key: value`, found \"just words\""))
    #expect(found.contains { $0.hasPrefix("\(Self.path):4: exercise block: \"id\" takes one value") })
  }

  @Test("an unclosed fence, binary junk and an empty file do not crash")
  func hostileInput() {
    #expect(!diagnostics("# T\n\n```exercise\nid: x\n").isEmpty)
    #expect(!diagnostics("").isEmpty)
    _ = diagnostics("# T\n\u{0}\u{1B}[31m\u{FFFD}\n```exercise\n\u{0}: \u{0}\n```")
  }
}

@Suite("Front matter")
struct FrontMatterTests {
  let path = "Lessons/1-a/01-x.md"

  func parse(_ markdown: String) -> Result<Lesson, DiagnosticList> {
    CurriculumLoader.parseLesson(markdown: markdown, path: path, partNumber: 1, number: 1, slug: "x", fileStem: "01-x")
  }

  @Test("summary and minutes are read, and line numbers below stay those of the file")
  func wellFormed() throws {
    let lesson = try parse(
      "---\nsummary: \"Learn it: all.\"\nminutes: 25\n---\n# Title\n"
    ).get()
    #expect(lesson.frontMatter == FrontMatter(summary: "Learn it: all.", minutes: 25))
    #expect(lesson.frontMatter.missingKeys.isEmpty)
    #expect(lesson.title == "Title")
  }

  @Test("line numbers of later problems are unchanged by the front matter")
  func lineNumbers() {
    guard case .failure(let list) = parse("---\nsummary: s\nminutes: 5\n---\n# T\n\n```exercise\nid: x\n```\n") else {
      Issue.record("expected the incomplete block to fail")
      return
    }
    #expect(list.diagnostics.first?.line == 7)
  }

  @Test("bad minutes, unknown keys and an unclosed block are reported at their lines")
  func problems() {
    guard case .failure(let list) = parse("---\nminutes: soon\nauthor: me\n---\n# T\n") else {
      Issue.record("expected problems")
      return
    }
    #expect(
      list.diagnostics.map(\.description) == [
        "\(path):2: front matter: minutes must be a positive whole number, got \"soon\"",
        "\(path):3: front matter: unknown key \"author\" (known keys: summary, minutes)",
      ])
    guard case .failure(let unclosed) = parse("---\nsummary: s\n# T\n") else {
      Issue.record("expected an unclosed front matter to fail")
      return
    }
    #expect(unclosed.diagnostics.map(\.description).contains("\(path):1: front matter opened with --- is never closed by a --- line"))
  }

  @Test("a lesson without front matter parses; validate asks for it")
  func optionalForLearners() throws {
    let lesson = try parse("# T\n").get()
    #expect(lesson.frontMatter.missingKeys == ["summary", "minutes"])
  }
}
