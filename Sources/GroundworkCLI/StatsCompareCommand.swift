import ArgumentParser
import Stats

/// `groundwork stats compare FILE`: McNemar's test of two models scored on
/// the same items.
struct StatsCompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare two models on the same items with McNemar's test.",
    discussion: """
      FILE has columns `a` and `b`: whether each model got each item right \
      (0/1 or true/false). b01 counts items a got wrong and b got right, b10 \
      the reverse. The statistic is (|b01 - b10| - 1)^2 / (b01 + b10) with a \
      chi-square(1) p-value; exact_p_value is the two-sided binomial test.
      """)

  @Argument(help: "CSV file with columns `a` and `b`.")
  var file: String

  @Flag(help: "Print one JSON object: {n, accuracy_a, accuracy_b, difference, b01, b10, mcnemar}.")
  var json = false

  func run() throws {
    let table = try CSVTable.load(file)
    let a = try table.booleans("a")
    let b = try table.booleans("b")
    let comparison = pairedComparison(a: a, b: b)
    let test = comparison.mcNemar
    if json {
      printJSON(
        .object([
          ("n", .integer(comparison.count)),
          ("accuracy_a", .number(comparison.accuracyA)),
          ("accuracy_b", .number(comparison.accuracyB)),
          ("difference", .number(comparison.difference)),
          ("b01", .integer(test.b01)),
          ("b10", .integer(test.b10)),
          (
            "mcnemar",
            .object([
              ("statistic", .number(test.statistic)),
              ("p_value", .number(test.pValue)),
              ("exact_p_value", .number(test.exactPValue)),
            ])
          ),
        ]))
    } else {
      print(
        """
        \(comparison.count) items
        \(keyValueLines([
            ("accuracy a", fixed(comparison.accuracyA)),
            ("accuracy b", fixed(comparison.accuracyB)),
            ("difference (b - a)", fixed(comparison.difference)),
            ("b01 (a wrong, b right)", String(test.b01)),
            ("b10 (a right, b wrong)", String(test.b10)),
            ("McNemar statistic", fixed(test.statistic)),
            ("p-value (chi-square, 1 df)", pValueText(test.pValue)),
            ("exact p-value (binomial)", pValueText(test.exactPValue)),
          ]))
        """)
    }
  }
}
