import Foundation
import Testing

/// `groundwork stats calibration FILE --svg OUT`: the reliability diagram
/// drawn by TerminalUI's SVG writer, next to the usual table or JSON.
@Suite("stats calibration --svg", .serialized)
struct StatsSVGTests {
  let csv = "confidence,correct\n0.1,0\n0.55,1\n0.6,0\n0.7,1\n0.95,1\n0.95,0\n"

  @Test("writes the diagram and says where; JSON mode keeps stdout to one object")
  func writesTheDiagram() throws {
    let sandbox = try CLISandbox()
    try sandbox.write("data.csv", csv)
    let table = try sandbox.run(["stats", "calibration", "data.csv", "--bins", "5", "--svg", "diagram.svg"])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.hasSuffix("Reliability diagram written to diagram.svg\n"))
    let svg = try sandbox.read("diagram.svg")
    #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains("5 uniform bins</text>"))
    #expect(svg.contains("<title>(0.8, 1]: 2 predictions, accuracy 0.5, confidence 0.95</title>"))

    let json = try sandbox.run(["stats", "calibration", "data.csv", "--json", "--svg", "again.svg"])
    #expect(json.status == 0)
    #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any])
    #expect(try sandbox.read("again.svg").hasSuffix("</svg>\n"))
  }

  @Test("an SVG path that cannot be written is one error line, exit 2, nothing printed")
  func unwritablePath() throws {
    let sandbox = try CLISandbox()
    try sandbox.write("data.csv", csv)
    let result = try sandbox.run(["stats", "calibration", "data.csv", "--svg", "no-such-folder/d.svg"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: no-such-folder/d.svg: cannot write the SVG file"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}
