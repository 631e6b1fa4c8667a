import ArgumentParser
import Foundation
import Stats
import TerminalUI

extension BinningStrategy: ExpressibleByArgument {}

/// `groundwork stats calibration FILE`: reliability bins, ECE, MCE and Brier
/// score of a classifier's confidences.
struct StatsCalibrationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibration",
    abstract: "Expected calibration error, MCE, Brier score and a reliability diagram.",
    discussion: """
      FILE has columns `confidence` (the probability the model gave the label \
      it predicted, in [0, 1]) and `correct` (0/1 or true/false). Uniform bins \
      hold ((m-1)/M, m/M], the first also holds 0; quantile bins cut at the \
      confidences' quantiles.
      """)

  @Argument(help: "CSV file with columns `confidence` and `correct`.")
  var file: String

  @Option(help: "Number of bins M.")
  var bins = 15

  @Option(help: "Binning: uniform (equal width) or quantile (equal mass).")
  var strategy = BinningStrategy.uniform

  @Flag(help: "Print one JSON object: {n, bins, strategy, accuracy, mean_confidence, ece, mce, brier, reliability}.")
  var json = false

  @Option(help: ArgumentHelp("Also write the reliability diagram as an SVG file (open it in a browser).", valueName: "FILE"))
  var svg: String?

  func validate() throws {
    guard bins >= 1 else { throw ValidationError("--bins must be at least 1, got \(bins)") }
  }

  func run() throws {
    let table = try CSVTable.load(file)
    let confidences = try table.numbers("confidence", in: 0...1)
    let correct = try table.booleans("correct")
    let summary = calibrationSummary(
      confidences: confidences, correct: correct, binCount: bins, strategy: strategy)
    // The picture is written before anything is printed, so that a file
    // that cannot be written is the one error line, with no partial result.
    if let svg { try Self.writeSVG(summary, to: svg) }
    if json {
      printJSON(Self.json(summary))
    } else {
      print(Self.report(summary))
      if let svg { print("\nReliability diagram written to \(svg)") }
    }
  }

  /// The reliability diagram of `summary` as SVG, written to `path`.
  static func writeSVG(_ summary: CalibrationSummary, to path: String) throws {
    let diagram = ReliabilityDiagram(
      title: "ECE \(fixed(summary.expectedCalibrationError)) · \(summary.bins.count) \(summary.strategy.rawValue) bins",
      bins: summary.bins.map {
        .init(lower: $0.lower, upper: $0.upper, count: $0.count, accuracy: $0.accuracy, confidence: $0.confidence)
      })
    do {
      try Data(diagram.svg().utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("\(path): cannot write the SVG file (\((error as NSError).localizedDescription))")
    }
  }

  static func json(_ summary: CalibrationSummary) -> JSONValue {
    .object([
      ("n", .integer(summary.count)),
      ("bins", .integer(summary.bins.count)),
      ("strategy", .string(summary.strategy.rawValue)),
      ("accuracy", .number(summary.accuracy)),
      ("mean_confidence", .number(summary.meanConfidence)),
      ("ece", .number(summary.expectedCalibrationError)),
      ("mce", .number(summary.maximumCalibrationError)),
      ("brier", .number(summary.brierScore)),
      (
        "reliability",
        .array(
          summary.bins.map { bin in
            .object([
              ("lower", .number(bin.lower)),
              ("upper", .number(bin.upper)),
              ("count", .integer(bin.count)),
              ("accuracy", .number(bin.accuracy)),
              ("confidence", .number(bin.confidence)),
            ])
          })
      ),
    ])
  }

  static func report(_ summary: CalibrationSummary) -> String {
    var lines = [
      "Calibration of \(summary.count) prediction\(summary.count == 1 ? "" : "s") (\(summary.bins.count) \(summary.strategy.rawValue) bin\(summary.bins.count == 1 ? "" : "s"))",
      "",
      keyValueLines([
          ("accuracy", fixed(summary.accuracy)),
          ("mean confidence", fixed(summary.meanConfidence)),
          ("ECE", fixed(summary.expectedCalibrationError)),
          ("MCE", fixed(summary.maximumCalibrationError)),
          ("Brier score", fixed(summary.brierScore)),
        ]),
      "",
    ]
    let labels = summary.bins.enumerated().map { index, bin in
      "\(index == 0 ? "[" : "(")\(fixed(bin.lower, 3)), \(fixed(bin.upper, 3))]"
    }
    lines.append(
      textTable(
        headers: ["bin", "count", "accuracy", "confidence", "gap"],
        rows: zip(labels, summary.bins).map { label, bin in
          [label, String(bin.count), fixed(bin.accuracy), fixed(bin.confidence), fixed(bin.gap)]
        },
        rightAligned: [false, true, true, true, true]))
    lines.append("")
    lines.append("Reliability diagram (bar: accuracy, │: mean confidence; calibrated bins end at their mark)")
    let width = 40
    let labelWidth = labels.map(\.count).max() ?? 0
    for (label, bin) in zip(labels, summary.bins) {
      let paddedLabel = label + String(repeating: " ", count: labelWidth - label.count)
      guard let accuracy = bin.accuracy, let confidence = bin.confidence else {
        lines.append("  \(paddedLabel)  (empty)")
        continue
      }
      var cells = [Character](repeating: "·", count: width)
      let filled = min(width, Int((accuracy * Double(width)).rounded()))
      for cell in 0..<filled { cells[cell] = "█" }
      cells[min(width - 1, Int(confidence * Double(width)))] = "│"
      lines.append("  \(paddedLabel)  \(String(cells))  \(fixed(accuracy, 2)) vs \(fixed(confidence, 2))")
    }
    return lines.joined(separator: "\n")
  }
}
