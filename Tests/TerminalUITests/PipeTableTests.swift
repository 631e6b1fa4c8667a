import Testing
@testable import TerminalUI

@Suite("Pipe tables: parsing")
struct PipeTableParsingTests {
  @Test func headerDelimiterAndRows() throws {
    let table = try #require(PipeTable.parse(["| a | b | c |", "|:--|:-:|--:|", "| 1 | 2 | 3 |", "4 | 5"]))
    #expect(table.header == ["a", "b", "c"])
    #expect(table.alignments == [.left, .center, .right])
    #expect(table.rows == [["1", "2", "3"], ["4", "5", ""]])
    #expect(table.leadingLines.isEmpty)
  }

  @Test func escapedPipeStaysInTheCell() throws {
    let table = try #require(PipeTable.parse(["x | y", "---|---", "`a \\| b` | \\*c\\*"]))
    #expect(table.rows == [["`a | b`", "\\*c\\*"]])
  }

  @Test func extraCellsAreDroppedAndLeadingProseKept() throws {
    let table = try #require(PipeTable.parse(["Intro line.", "| a |", "| --- |", "| 1 | 2 |"]))
    #expect(table.leadingLines == ["Intro line."])
    #expect(table.rows == [["1"]])
  }

  @Test(arguments: [
    ["a | b", "just text"],
    ["a | b", "--- | --- | ---"],
    ["a | b", "-- x | --"],
    ["only one line | here"],
    ["no pipes", "---"],
  ])
  func notATable(_ lines: [String]) {
    #expect(PipeTable.parse(lines) == nil)
  }
}

@Suite("Pipe tables: rendering")
struct PipeTableRenderingTests {
  let markdown = """
    | bins | rule | ECE |
    |:-----|:----:|----:|
    | 5 | (lo, hi] | 0.288 |
    | 25 | `ceil` \\| *floor* | **0.398** |
    """

  @Test func plainGolden() {
    let output = MarkdownRenderer(width: 80, style: .plain).render(markdown)
    #expect(
      output == """
        +------+------------------+-----------+
        | bins |       rule       |       ECE |
        +------+------------------+-----------+
        | 5    |     (lo, hi]     |     0.288 |
        | 25   | `ceil` | *floor* | **0.398** |
        +------+------------------+-----------+

        """)
  }

  @Test func colorGolden() {
    let output = MarkdownRenderer(width: 80, style: .ansi).render(markdown)
    let g = "\u{1B}[90m", r = "\u{1B}[0m", b = "\u{1B}[1m"
    let bar = g + "│" + r
    #expect(
      output == """
        \(g)┌──────┬──────────────┬───────┐\(r)
        \(bar) \(b)bins\(r) \(bar)     \(b)rule\(r)     \(bar)   \(b)ECE\(r) \(bar)
        \(g)├──────┼──────────────┼───────┤\(r)
        \(bar) 5    \(bar)   (lo, hi]   \(bar) 0.288 \(bar)
        \(bar) 25   \(bar) \u{1B}[33mceil\(r) | \u{1B}[3mfloor\(r) \(bar) \(b)0.398\(r) \(bar)
        \(g)└──────┴──────────────┴───────┘\(r)

        """)
  }

  @Test func wideTableWrapsLongCellsAndKeepsShortColumns() {
    let long = "a cell with many words that cannot fit on one line of a narrow terminal"
    let output = MarkdownRenderer(width: 40, style: .plain).render("| id | text |\n|---|---|\n| 1 | \(long) |\n| 2 | short |")
    #expect(
      output == """
        +----+---------------------------------+
        | id | text                            |
        +----+---------------------------------+
        | 1  | a cell with many words that     |
        |    | cannot fit on one line of a     |
        |    | narrow terminal                 |
        +----+---------------------------------+
        | 2  | short                           |
        +----+---------------------------------+

        """)
    for line in output.split(separator: "\n") { #expect(line.count <= 40) }
  }

  @Test func everyLineFitsInColourAtManyWidths() {
    let source = "| name | meaning | example |\n|---|:-:|--:|\n| ECE | the weighted mean gap between accuracy and confidence | 0.0123 |"
    for width in [20, 30, 45, 60] {
      for style in [TerminalStyle.plain, .ansi] {
        for line in MarkdownRenderer(width: width, style: style).render(source).split(separator: "\n") {
          #expect(visibleWidth(String(line)) <= width, "width \(width): \(line.debugDescription)")
        }
      }
    }
  }

  @Test func tablesInsideQuotesAndListItems() {
    let output = MarkdownRenderer(width: 40, style: .plain).render("> | a | b |\n> |---|---|\n> | 1 | 2 |\n\n- | x |\n  |---|\n  | y |")
    #expect(
      output == """
        > +---+---+
        > | a | b |
        > +---+---+
        > | 1 | 2 |
        > +---+---+

        - +---+
          | x |
          +---+
          | y |
          +---+

        """)
  }

  @Test func proseBeforeTheHeaderStaysProse() {
    let output = MarkdownRenderer(width: 40, style: .plain).render("The bins:\n| m | edge |\n|---|---|\n| 1 | 0.2 |")
    #expect(output.hasPrefix("The bins:\n+---+------+\n"))
  }

  @Test func paragraphWithPipesButNoDelimiterIsProse() {
    #expect(MarkdownRenderer(width: 40, style: .plain).render("a | b\nc | d") == "a | b c | d\n")
  }
}
