import Testing
@testable import TerminalUI

private let e = "\u{1B}["

@Suite("Line chart")
struct LineChartTests {
  let triangle = LineChart(series: [.init(name: "y", values: [0, 1, 2, 3, 2, 1, 0])])

  @Test func asciiGolden() {
    #expect(
      triangle.render(width: 20, height: 7, style: .plain) == """
          3 +      **       
            |     *  **     
        1.5 +   **     **   
            | **         *  
          0 +*            **
            +---------------
            0              6

        """)
  }

  @Test func brailleGolden() {
    #expect(
      triangle.render(width: 12, height: 4, style: .ansi) == """
          3 \(e)90m┤\(e)0m⠀\(e)34m⢀⠔⠊⠢⡀\(e)0m⠀
          0 \(e)90m┤\(e)0m\(e)34m⡠⠊\(e)0m⠀⠀⠀\(e)34m⠑⢄\(e)0m
            \(e)90m└───────\(e)0m
            0      6

        """)
  }

  @Test func twoSeriesHaveALegendAndFitTheWidth() {
    let chart = LineChart(
      title: "loss",
      series: [
        .init(name: "train", values: (0..<40).map { 2.0 / Double($0 + 1) }),
        .init(name: "val", values: (0..<40).map { 2.2 / Double($0 + 1) + 0.2 }),
      ])
    for style in [TerminalStyle.plain, .ansi] {
      let lines = chart.render(width: 50, height: 12, style: style).split(separator: "\n").map(String.init)
      #expect(lines.count == 12)
      #expect(ANSI.strip(lines[0]) == "loss")
      #expect(ANSI.strip(lines.last!).contains("train"))
      #expect(ANSI.strip(lines.last!).contains("val"))
      for line in lines { #expect(visibleWidth(line) <= 50, "\(line.debugDescription)") }
    }
  }

  @Test func nonFiniteAndEmptyData() {
    let broken = LineChart(series: [.init(name: "y", values: [1, .nan, 3, .infinity])])
    #expect(broken.render(width: 20, height: 5, style: .plain).contains("3 +"))
    #expect(LineChart(series: []).render(width: 20, height: 5, style: .plain) == "(no data)\n")
    #expect(LineChart(series: [.init(name: "y", values: [.nan])]).svg().contains("no data"))
    // One value: the range is widened so the point has somewhere to sit.
    #expect(LineChart(series: [.init(name: "y", values: [2, 2])]).render(width: 20, height: 5, style: .plain).contains("2.2 +"))
  }

  @Test func svgDocument() {
    let svg = LineChart(title: "a < b & c", series: [.init(name: "y", values: [0, 1, 4])]).svg(width: 200, height: 100)
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\""))
    #expect(svg.hasSuffix("</svg>\n"))
    #expect(svg.contains(">a &lt; b &amp; c</text>"))
    let polylines = svg.components(separatedBy: "<polyline").count - 1
    #expect(polylines == 1)
    // A gap (NaN) splits the line into two polylines.
    let gapped = LineChart(series: [.init(name: "y", values: [0, 1, .nan, 2, 3])]).svg()
    #expect(gapped.components(separatedBy: "<polyline").count - 1 == 2)
  }
}

@Suite("Histogram")
struct HistogramTests {
  @Test func binsAreHalfOpenWithTheMaximumInTheLast() {
    let histogram = Histogram(values: [0, 0.1, 0.2, 0.25, 0.5, 0.9, 1, .nan], binCount: 4)
    #expect(histogram.counts == [3, 1, 1, 2])
    #expect(histogram.excluded == 1)
    let ranged = Histogram(values: [-1, 0.5, 2], binCount: 2, range: 0...1)
    #expect(ranged.counts == [0, 1])
    #expect(ranged.excluded == 2)
  }

  @Test func asciiGolden() {
    let histogram = Histogram(values: [0, 0.1, 0.2, 0.2, 0.5, 0.9, 1, .nan], binCount: 4)
    #expect(
      histogram.render(width: 20, height: 6, style: .plain) == """
        4 +####            
          |####        ####
        0 +####    ########
          +----------------
          0               1
        (1 value left out: not finite or outside the range)

        """)
  }

  @Test func blockGolden() {
    let histogram = Histogram(values: [0, 0.1, 0.2, 0.2, 0.5, 0.9, 1], binCount: 4)
    #expect(
      histogram.render(width: 14, height: 4, style: .ansi) == """
        4 \(e)90m┤\(e)0m\(e)36m██\(e)0m      
        0 \(e)90m┤\(e)0m\(e)36m██\(e)0m  \(e)36m▄▄\(e)0m\(e)36m██\(e)0m
          \(e)90m└────────\(e)0m
          0       1

        """)
  }

  @Test func svgHasOneBarPerBin() {
    let svg = Histogram(title: "h", values: [1, 2, 2, 3], binCount: 3).svg()
    #expect(svg.contains("<title>[1, 1.667): 1</title>"))
    #expect(svg.components(separatedBy: "fill=\"#1f77b4\"").count - 1 == 3)
  }
}

@Suite("Bar chart")
struct BarChartTests {
  let chart = BarChart(bars: [
    .init(label: "a", value: 4), .init(label: "bb", value: 1), .init(label: "c", value: -1),
    .init(label: "d", value: .nan),
  ])

  @Test func asciiGolden() {
    #expect(
      chart.render(width: 20, style: .plain) == """
        a  #############   4
        bb ###             1
        c                 -1
        d                nan

        """)
  }

  @Test func eighthBlocksGolden() {
    #expect(
      chart.render(width: 20, style: .ansi) == """
        a  \(e)36m█████████████\(e)0m   4
        bb \(e)36m███▎\(e)0m            1
        c                 -1
        d                nan

        """)
  }

  @Test func partialBlocks() {
    #expect(BarChart.bar(fraction: 0.5, cells: 3, unicode: true) == "█▌")
    #expect(BarChart.bar(fraction: 1, cells: 3, unicode: true) == "███")
    #expect(BarChart.bar(fraction: 0, cells: 3, unicode: true) == "")
    #expect(BarChart.bar(fraction: 0.5, cells: 3, unicode: false) == "##")
  }

  @Test func svgLabelsAndValues() {
    let svg = chart.svg()
    #expect(svg.contains(">bb</text>"))
    #expect(svg.contains("<title>a: 4</title>"))
    #expect(svg.hasSuffix("</svg>\n"))
  }
}

@Suite("Tick labels")
struct TickLabelTests {
  @Test(arguments: [
    (0.0, "0"), (1.0, "1"), (0.5, "0.5"), (1.23456, "1.235"), (12345.0, "12345"), (123456.0, "123456"),
    (1e7, "1.00e+07"), (0.0001, "1.00e-04"), (-2.5, "-2.5"), (Double.nan, "nan"),
  ])
  func format(_ value: Double, _ expected: String) {
    #expect(formatTick(value) == expected)
  }
}
