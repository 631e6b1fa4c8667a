import Testing
@testable import TerminalUI

@Suite("Reliability diagram")
struct ReliabilityDiagramTests {
  let diagram = ReliabilityDiagram(
    title: "ECE 0.288 · 5 bins",
    bins: [
      .init(lower: 0, upper: 0.2, count: 1, accuracy: 0, confidence: 0.1),
      .init(lower: 0.2, upper: 0.4, count: 0, accuracy: nil, confidence: nil),
      .init(lower: 0.4, upper: 0.6, count: 2, accuracy: 0.5, confidence: 0.55),
      .init(lower: 0.6, upper: 0.8, count: 3, accuracy: 0.333, confidence: 0.7),
      .init(lower: 0.8, upper: 1.0, count: 4, accuracy: 0.5, confidence: 0.95),
    ])

  @Test func asciiGolden() {
    #expect(
      diagram.render(width: 30, height: 10, style: .plain) == """
        ECE 0.288 · 5 bins
        1 +                 ---
          |             ---    
          |         ---        
          |         ###     ###
          | ---     ### ### ###
        0 +         ### ### ###
          +--------------------
          0                   1
        n    1   0   2   3   4

        """)
  }

  @Test func colourUsesBlocksAndRedMarkers() {
    let output = diagram.render(width: 30, height: 10, style: .ansi)
    #expect(output.contains(ANSI.red + "━━━" + ANSI.reset))
    #expect(output.contains(ANSI.cyan + "███" + ANSI.reset))
    #expect(ANSI.strip(output).split(separator: "\n").count == 10)
  }

  @Test func manyBinsFallBackToACountRange() {
    let bins = (0..<15).map { index in
      ReliabilityDiagram.Bin(
        lower: Double(index) / 15, upper: Double(index + 1) / 15, count: 100 * (index + 1), accuracy: 0.5,
        confidence: 0.5)
    }
    let output = ReliabilityDiagram(bins: bins).render(width: 40, height: 8, style: .plain)
    #expect(output.hasSuffix("n per bin: 100 to 1500\n"))
    for line in output.split(separator: "\n") { #expect(line.count <= 40) }
  }

  @Test func svgHasDiagonalBarsAndMarkers() {
    let svg = diagram.svg()
    #expect(svg.contains("<title>(0.8, 1]: 4 predictions, accuracy 0.5, confidence 0.95</title>"))
    // The diagonal plus one marker per non-empty bin.
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 5)
  }
}

@Suite("Confusion matrix heat map")
struct ConfusionMatrixTests {
  let matrix = ConfusionMatrixHeatMap(labels: ["cat", "dog", "fox"], counts: [[50, 3, 1], [4, 41, 9], [0, 12, 30]])

  @Test func asciiGolden() {
    #expect(
      matrix.render(style: .plain) == """
        true \\ pred    cat    dog    fox
        cat           50 #    3 .    1 .
        dog            4 .   41 *    9 .
        fox            0     12 .   30 :

        """)
  }

  @Test func colourShadesByCount() {
    let output = matrix.render(style: .ansi)
    // The largest count gets the lightest background and dark text.
    #expect(output.contains("\u{1B}[48;5;250m\u{1B}[30m\u{1B}[1m  50 \u{1B}[0m"))
    #expect(output.contains("\u{1B}[48;5;236m\u{1B}[97m   0 \u{1B}[0m"))
  }

  @Test func raggedInputIsSquaredWithZeros() {
    let ragged = ConfusionMatrixHeatMap(labels: ["a", "b"], counts: [[1]])
    #expect(ragged.counts == [[1, 0], [0, 0]])
  }

  @Test func svgCells() {
    let svg = matrix.svg()
    #expect(svg.contains("<title>true dog, predicted fox: 9</title>"))
    #expect(svg.contains("fill=\"rgb(31,119,180)\""))
  }
}
