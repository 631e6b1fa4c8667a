import Testing
@testable import TerminalUI

private func plain(_ markdown: String, width: Int = 80) -> String {
  MarkdownRenderer(width: width, style: .plain).render(markdown)
}

private func lines(_ text: String) -> [String] {
  text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

private let calibrationCard = ExerciseCard(
  id: "calibration-ece",
  title: "Expected calibration error",
  file: "Exercises/1-foundation/calibration.swift",
  entryPoints: [
    "func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double"
  ],
  command: "groundwork check calibration-ece",
  status: .pending,
  tolerance: "relative 1e-9")

private let longProse = """
  Calibration asks whether a model's stated confidence matches how often it is \
  right. A model that says ninety percent should be correct nine times in ten, and \
  the expected calibration error averages the gap between confidence and accuracy \
  over equally spaced bins, weighting each bin by how many predictions fall in it.
  """

@Suite("Plain rendering")
struct PlainRenderingTests {
  @Test func headings() {
    let output = plain("# Title\n\n## Section *one*\n\n### Detail\n\n#### Deeper\n\nBody text.")
    #expect(
      output == """
        Title
        =====

        Section *one*
        -------------

        ### Detail

        #### Deeper

        Body text.

        """)
  }

  @Test func wrapsAtWidthPreservingWords() {
    let output = plain(longProse, width: 40)
    let rendered = lines(output).dropLast()
    #expect(rendered.count > 4)
    for line in rendered {
      #expect(line.count <= 40, "too long: \(line)")
      #expect(!line.hasSuffix(" "))
    }
    let words = longProse.split(separator: " ").map(String.init)
    let renderedWords = rendered.joined(separator: " ").split(separator: " ").map(String.init)
    #expect(renderedWords == words)
  }

  @Test func wrapsExactlyOnSpaces() {
    let output = plain("one two three four five six seven eight nine ten", width: 20)
    #expect(
      output == """
        one two three four
        five six seven eight
        nine ten

        """)
  }

  @Test func softAndHardBreaks() {
    #expect(plain("soft\nbreak") == "soft break\n")
    #expect(plain("hard\\\nbreak") == "hard\nbreak\n")
    #expect(plain("trailing spaces  \nbreak") == "trailing spaces\nbreak\n")
  }

  @Test func proseIsCappedAtOneHundredColumns() {
    let text = String(repeating: "word ", count: 60)
    let output = MarkdownRenderer(width: 200, style: .plain).render(text)
    for line in lines(output) { #expect(line.count <= 100) }
  }

  @Test func overlongWordIsSplit() {
    let word = String(repeating: "x", count: 25)
    #expect(plain("a \(word)", width: 10) == "a\nxxxxxxxxxx\nxxxxxxxxxx\nxxxxx\n")
  }

  @Test func nestedListsWithWrappedItems() {
    let markdown = """
      1. First item has enough words to wrap around
      2. Second item
         - Nested bullet that is also long enough to wrap
         - Short
           1. Deep
      3. Third

      - Alpha
      - Beta
      """
    #expect(
      plain(markdown, width: 30) == """
        1. First item has enough words
           to wrap around
        2. Second item
           - Nested bullet that is
             also long enough to wrap
           - Short
             1. Deep
        3. Third

        - Alpha
        - Beta

        """)
  }

  @Test func orderedListKeepsStartAndAlignsNumbers() {
    let markdown = (0..<3).map { "\(8 + $0). item \($0)" }.joined(separator: "\n")
    #expect(
      plain(markdown) == """
         8. item 0
         9. item 1
        10. item 2

        """)
    #expect(plain("3) a\n4) b") == "3) a\n4) b\n")
  }

  @Test func looseListSeparatesItems() {
    #expect(
      plain("- one\n\n- two\n\n  second paragraph") == """
        - one

        - two

          second paragraph

        """)
  }

  @Test func blockQuoteGutterOnEveryLine() {
    let markdown = """
      > A quotation that is long enough to wrap at this width.
      >
      > Second paragraph.
      """
    #expect(
      plain(markdown, width: 24) == """
        > A quotation that is
        > long enough to wrap at
        > this width.
        >
        > Second paragraph.

        """)
  }

  @Test func nestedQuoteAndListInsideQuote() {
    #expect(plain("> - item\n> > inner") == "> - item\n>\n> > inner\n")
  }

  @Test func codeBlockIsIndentedAndNotWrapped() {
    let longLine = "let values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]"
    let markdown = """
      Before.

      ```swift
      \(longLine)
      \tindented *not emphasis*

      // end
      ```

      After.
      """
    #expect(
      plain(markdown, width: 30) == """
        Before.

          \(longLine)
          \tindented *not emphasis*

          // end

        After.

        """)
  }

  @Test func indentedCodeBlock() {
    #expect(plain("Text:\n\n    x  =  1\n    y = 2") == "Text:\n\n  x  =  1\n  y = 2\n")
  }

  @Test func inlineMarkup() {
    #expect(
      plain("Use `ece(x)` with *care* and **force**.")
        == "Use `ece(x)` with *care* and **force**.\n")
    #expect(plain("Code ``a`b``.") == "Code ``a`b``.\n")
  }

  @Test func linkWithURLAppended() {
    #expect(
      plain("Read [the paper](https://arxiv.org/abs/1706.04599) first.")
        == "Read the paper (https://arxiv.org/abs/1706.04599) first.\n")
  }

  @Test func linkWhoseTextIsTheURLIsNotRepeated() {
    #expect(plain("See <https://example.com>.") == "See https://example.com.\n")
    #expect(plain("Mail <me@example.com>.") == "Mail me@example.com.\n")
  }

  @Test func image() {
    #expect(plain("![A plot](plot.png)") == "[image: A plot] (plot.png)\n")
  }

  @Test func thematicBreak() {
    #expect(plain("Above\n\n---\n\nBelow", width: 12) == "Above\n\n------------\n\nBelow\n")
  }

  @Test func htmlIsShownAsText() {
    #expect(
      plain("<div class=\"x\">\nraw\n</div>\n\nSome <b>bold</b> tag.")
        == "<div class=\"x\">\nraw\n</div>\n\nSome <b>bold</b> tag.\n")
  }

  @Test func outputEndsWithExactlyOneNewline() {
    #expect(plain("Hello\n\n\n") == "Hello\n")
    #expect(plain("```\ncode\n\n\n```") == "  code\n")
    #expect(plain("") == "\n")
  }

  @Test func escapeSequencesInSourceAreRemoved() {
    let output = plain("Evil \u{1B}[31mred\u{1B}[0m text")
    #expect(!output.contains("\u{1B}"))
    #expect(output == "Evil [31mred[0m text\n")
  }

  @Test func wideCharactersCountAsTwoColumns() {
    #expect(visibleWidth("日本") == 4)
    #expect(visibleWidth("🎉") == 2)
    #expect(visibleWidth("e\u{301}") == 1)
    #expect(visibleWidth("\u{1B}[1mbold\u{1B}[0m") == 4)
    #expect(plain("日本語 日本語 日本語", width: 13) == "日本語 日本語\n日本語\n")
  }
}

@Suite("Exercise cards")
struct ExerciseCardTests {
  static let expectedPlainCard = """
    +------------------------------------------------+
    | Exercise: Expected calibration error           |
    | (calibration-ece)                              |
    | Status: [pending]                              |
    | Edit: Exercises/1-foundation/calibration.swift |
    | Implement:                                     |
    |   func expectedCalibrationError(confidences:   |
    |       [Double], correct: [Bool], binCount:     |
    |       Int) -> Double                           |
    | Tolerance: relative 1e-9                       |
    | Run: groundwork check calibration-ece          |
    +------------------------------------------------+

    """

  @Test func plainCard() {
    let output = MarkdownRenderer(width: 50, style: .plain).render(card: calibrationCard)
    #expect(output == Self.expectedPlainCard)
  }

  @Test func plainCardWideTerminal() {
    var card = calibrationCard
    card.status = .done
    card.tolerance = nil
    card.entryPoints = ["func f(x: Double) -> Double", "func g() -> Int"]
    let output = MarkdownRenderer(width: 120, style: .plain).render(card: card)
    #expect(
      output == """
        +--------------------------------------------------------+
        | Exercise: Expected calibration error (calibration-ece) |
        | Status: [done]                                         |
        | Edit: Exercises/1-foundation/calibration.swift         |
        | Implement:                                             |
        |   func f(x: Double) -> Double                          |
        |   func g() -> Int                                      |
        | Run: groundwork check calibration-ece                  |
        +--------------------------------------------------------+

        """)
  }

  @Test func cardInDocumentReceivesLineAndBody() {
    let markdown = """
      # Lesson

      Intro.

      ```exercise
      id: calibration-ece
      ```

      Outro.
      """
    var calls: [(Int, String)] = []
    let output = MarkdownRenderer(width: 50, style: .plain).render(markdown) { line, body in
      calls.append((line, body))
      return calibrationCard
    }
    #expect(calls.count == 1)
    #expect(calls.first?.0 == 5)
    #expect(calls.first?.1 == "id: calibration-ece\n")
    let expected = "Lesson\n======\n\nIntro.\n\n" + Self.expectedPlainCard + "\nOutro.\n"
    #expect(output == expected)
  }

  @Test func nilCardRendersCodeBlock() {
    let output = MarkdownRenderer(width: 50, style: .plain).render("```exercise\nid: x\n```")
    #expect(output == "  id: x\n")
  }

  @Test func colorCardFitsWidth() {
    let output = MarkdownRenderer(width: 44, style: .ansi).render(card: calibrationCard)
    #expect(output.contains("┌"))
    #expect(output.contains("○ pending"))
    let shown = lines(ANSI.strip(output)).dropLast()
    let widths = Set(shown.map(visibleWidth))
    #expect(widths.count == 1)
    #expect((widths.first ?? 0) <= 44)
  }
}

@Suite("Colour and hyperlinks")
struct ColorRenderingTests {
  @Test func everyLineFitsTheWidth() {
    let markdown = """
      # A heading that is long enough to wrap *with emphasis* inside

      \(longProse) Also **bold text that spans a line break** and `inline code that is long` \
      and [a link with several words](https://example.com/a/very/long/path/that/needs/splitting).

      1. Item with **bold** words that wrap over the line
         - Nested `code` item that also wraps over the line

      > Quoted *emphasis that wraps across* the gutter on several lines.

      ---
      """
    for style in [TerminalStyle.ansi, TerminalStyle(color: true, hyperlinks: true)] {
      let output = MarkdownRenderer(width: 36, style: style).render(markdown)
      #expect(output.contains("\u{1B}["))
      for line in lines(output) {
        #expect(visibleWidth(line) <= 36, "too wide: \(line.debugDescription)")
        // Each line closes what it opens, so gutters and indents stay unstyled.
        let pieces = EscapeScanner.pieces(of: line)
        if let last = pieces.last(where: { if case .escape = $0 { true } else { false } }),
          case .escape(let e) = last
        {
          #expect(e == ANSI.reset || e == ANSI.linkClose, "unclosed: \(line.debugDescription)")
        }
      }
    }
  }

  @Test func strippedColorMatchesPlainForProse() {
    let markdown = longProse + "\n\n- one\n- two that wraps at this width\n\n1. three"
    let colored = MarkdownRenderer(width: 30, style: .ansi).render(markdown)
    #expect(ANSI.strip(colored).replacingBullets == plain(markdown, width: 30))
  }

  @Test func styledSpansReopenAfterWrap() {
    let output = MarkdownRenderer(width: 12, style: .ansi).render("**one two three**")
    #expect(
      output == "\u{1B}[1mone two\u{1B}[0m\n\u{1B}[1mthree\u{1B}[0m\n")
  }

  @Test func headingsInColor() {
    let output = MarkdownRenderer(width: 40, style: .ansi).render("# Title\n\n## Sub\n\n### Small")
    #expect(
      output == """
        \u{1B}[1m\u{1B}[4m\u{1B}[35mTitle\u{1B}[0m
        \u{1B}[35m─────\u{1B}[0m

        \u{1B}[1m\u{1B}[36mSub\u{1B}[0m

        \u{1B}[1mSmall\u{1B}[0m

        """)
  }

  @Test func linkInColorWithoutHyperlinksAppendsURL() {
    let output = MarkdownRenderer(width: 80, style: .ansi).render("[docs](https://x.io)")
    #expect(output == "\u{1B}[34m\u{1B}[4mdocs\u{1B}[0m (https://x.io)\n")
  }

  @Test func osc8Link() {
    let style = TerminalStyle(color: true, hyperlinks: true)
    let output = MarkdownRenderer(width: 80, style: style).render("See [docs](https://x.io).")
    #expect(
      output
        == "See \u{1B}]8;;https://x.io\u{1B}\\\u{1B}[34m\u{1B}[4mdocs\u{1B}[0m\u{1B}]8;;\u{1B}\\.\n")
    #expect(!output.contains("(https://x.io)"))
    #expect(ANSI.strip(output) == "See docs.\n")
  }

  @Test func osc8LinkWithoutColor() {
    let style = TerminalStyle(color: false, hyperlinks: true)
    let output = MarkdownRenderer(width: 80, style: style).render("[docs](https://x.io)")
    #expect(output == "\u{1B}]8;;https://x.io\u{1B}\\docs\u{1B}]8;;\u{1B}\\\n")
  }

  @Test func wrappedOSC8LinkIsReopenedOnEachLine() {
    let style = TerminalStyle(color: false, hyperlinks: true)
    let output = MarkdownRenderer(width: 10, style: style).render("[one two three](https://x.io)")
    let open = "\u{1B}]8;;https://x.io\u{1B}\\"
    let close = "\u{1B}]8;;\u{1B}\\"
    #expect(output == "\(open)one two\(close)\n\(open)three\(close)\n")
  }

  @Test func swiftHighlighting() {
    let output = MarkdownRenderer(width: 80, style: .ansi).render(
      "```swift\nlet n = 42 // answer\nprint(\"hi\")\n```")
    #expect(output.contains(SwiftHighlighter.keywordColor + "let" + ANSI.reset))
    #expect(output.contains(SwiftHighlighter.numberColor + "42" + ANSI.reset))
    #expect(output.contains(SwiftHighlighter.commentColor + "// answer" + ANSI.reset))
    #expect(output.contains(SwiftHighlighter.stringColor + "\"hi\"" + ANSI.reset))
    #expect(ANSI.strip(output) == "  let n = 42 // answer\n  print(\"hi\")\n")
  }

  @Test func highlighterCarriesBlockCommentsAndStringsAcrossLines() {
    let highlighted = SwiftHighlighter.highlight("/* a\nb */ let s = \"\"\"\ntext\n\"\"\"")
    #expect(highlighted.map(ANSI.strip) == ["/* a", "b */ let s = \"\"\"", "text", "\"\"\""])
    #expect(highlighted[1].hasPrefix(SwiftHighlighter.commentColor + "b */"))
    #expect(highlighted[2] == SwiftHighlighter.stringColor + "text" + ANSI.reset)
  }

  @Test func nonSwiftCodeIsNotHighlighted() {
    let output = MarkdownRenderer(width: 80, style: .ansi).render("```python\nlet x = 1\n```")
    #expect(output == "  let x = 1\n")
  }
}

@Suite("Robustness")
struct MalformedInputTests {
  @Test(arguments: [
    "```swift\nlet x = 1\nunclosed fence",
    "```\n",
    "<div>\n<span>unclosed\n\n</p></p></p>",
    "text <b>stray <i>tags</em> and & entities &bogus;",
    "> > > deeply\n> > nested\n- - - * list",
    "[unclosed link(https://x",
    "**unbalanced *emphasis",
    "\u{0}\u{1}\u{7}\u{1B}]8;;evil\u{7}null bytes",
    "# \n\n#\n\n1.\n2.",
    "```exercise\n```",
    String(repeating: "- ", count: 200) + "deep",
    String(repeating: ">", count: 300) + " deep",
    "\r\nwindows\r\nline endings\r\n",
  ])
  func malformedInputRenders(_ markdown: String) {
    for style in [TerminalStyle.plain, .ansi, TerminalStyle(color: true, hyperlinks: true)] {
      let output = MarkdownRenderer(width: 20, style: style).render(markdown) { _, _ in
        calibrationCard
      }
      #expect(output.hasSuffix("\n"))
      #expect(!output.hasSuffix("\n\n"))
      #expect(!ANSI.strip(output).contains("\u{1B}"))
    }
  }

  @Test func tinyWidths() {
    for width in [0, 1, 2, 5] {
      let output = MarkdownRenderer(width: width, style: .plain).render(
        "# Heading\n\nSome words here.\n\n- list\n\n> quote\n\n---")
      #expect(output.hasSuffix("\n"))
      let card = MarkdownRenderer(width: width, style: .plain).render(card: calibrationCard)
      #expect(card.hasPrefix("+"))
    }
  }
}

extension String {
  /// Colour mode draws bullets as `•`; plain mode as `-`.
  fileprivate var replacingBullets: String {
    String(map { $0 == "•" ? "-" : $0 })
  }
}
