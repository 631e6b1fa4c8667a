import ArgumentParser
import Stats

extension BiasVarianceLoss: ExpressibleByArgument {}

/// `groundwork stats bias-variance FILE --loss L`: split an ensemble's
/// expected loss into bias and variance.
struct StatsBiasVarianceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bias-variance",
    abstract: "Bias-variance decomposition from the predictions of several trained models.",
    discussion: """
      FILE has a column `target`; every other column is one model's \
      prediction for each row (e.g. models trained on bootstrap resamples). \
      squared: main prediction = mean. zero-one (Domingos 2000): integer \
      labels, main prediction = most frequent label, ties to the smallest.
      """)

  @Argument(help: "CSV file with a `target` column and one column per model.")
  var file: String

  @Option(help: "squared or zero-one.")
  var loss: BiasVarianceLoss

  @Flag(help: "Print one JSON object: {n, models, loss, expected_loss, bias, variance}.")
  var json = false

  func run() throws {
    let table = try CSVTable.load(file)
    let targetColumn = try table.columnIndex("target")
    let modelColumns = table.header.indices.filter { $0 != targetColumn }
    guard !modelColumns.isEmpty else {
      throw CLIError("\(file):\(table.headerLine): no prediction columns besides \"target\"")
    }
    func values(_ column: Int) throws -> [Double] {
      switch loss {
      case .squared: return try table.numbers(atColumn: column)
      case .zeroOne: return try table.integerLabels(atColumn: column)
      }
    }
    let targets = try values(targetColumn)
    let predictions = try modelColumns.map(values)
    let result = biasVarianceDecomposition(targets: targets, predictions: predictions, loss: loss)
    if json {
      printJSON(
        .object([
          ("n", .integer(result.rows)),
          ("models", .integer(result.models)),
          ("loss", .string(result.loss.rawValue)),
          ("expected_loss", .number(result.expectedLoss)),
          ("bias", .number(result.bias)),
          ("variance", .number(result.variance)),
        ]))
    } else {
      print(
        """
        \(result.rows) rows, \(result.models) models, \(result.loss.rawValue) loss
        \(keyValueLines([
            ("expected loss", fixed(result.expectedLoss)),
            ("bias", fixed(result.bias)),
            ("variance", fixed(result.variance)),
          ]))
        """)
    }
  }
}
