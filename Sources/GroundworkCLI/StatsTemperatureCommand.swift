import ArgumentParser
import Stats

/// `groundwork stats temperature FILE`: fit temperature scaling to
/// held-out logits.
struct StatsTemperatureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "temperature",
    abstract: "Fit temperature scaling (Guo et al. 2017) to held-out logits.",
    discussion: """
      FILE has a column `label` (the true class k, an integer) and logit \
      columns `z0`, `z1`, … (column zk is the logit of class k). The fitted T \
      minimises the mean negative log-likelihood of softmax(z / T), found by \
      golden-section search on ln T over [0.01, 100] (the nearer end when \
      the minimum lies outside). T above 1 means the model was \
      over-confident; dividing logits by T never changes the predicted class.
      """)

  @Argument(help: "CSV file with `label` and `z0`, `z1`, … columns.")
  var file: String

  @Flag(help: "Print one JSON object: {n, classes, temperature, nll_before, nll_after}.")
  var json = false

  func run() throws {
    let table = try CSVTable.load(file)
    let labels = try table.integers("label")
    guard let columns = try table.numberedColumns(prefix: "z", meaning: "logit") else {
      throw CLIError("\(file):\(table.headerLine): no logit columns \"z0\", \"z1\", …")
    }
    let values = try columns.map { try table.numbers(atColumn: $0) }
    let labelColumn = try table.columnIndex("label")
    for (row, label) in zip(table.rows, labels) where !(0..<columns.count).contains(label) {
      throw table.problem(row, labelColumn, "label \(label) has no logit column (classes are 0 to \(columns.count - 1))")
    }
    let logits = labels.indices.map { i in values.map { $0[i] } }
    let fit = fitTemperature(logits: logits, labels: labels)
    if json {
      printJSON(
        .object([
          ("n", .integer(labels.count)), ("classes", .integer(columns.count)),
          ("temperature", .number(fit.temperature)), ("nll_before", .number(fit.negativeLogLikelihoodBefore)),
          ("nll_after", .number(fit.negativeLogLikelihoodAfter)),
        ]))
    } else {
      print(
        """
        \(labels.count) examples, \(columns.count) classes
        \(keyValueLines([
            ("temperature T", fixed(fit.temperature)),
            ("NLL at T = 1", fixed(fit.negativeLogLikelihoodBefore)),
            ("NLL at T", fixed(fit.negativeLogLikelihoodAfter)),
          ]))
        """)
    }
  }
}
