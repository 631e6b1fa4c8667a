import ArgumentParser
import Stats

/// `groundwork stats permutation FIRST SECOND --column NAME`: a permutation
/// test of the difference in means of one column between two files.
struct StatsPermutationCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "permutation",
    abstract: "Permutation test of the difference in means of one column between two independent samples.",
    discussion: """
      The statistic is mean(FIRST) - mean(SECOND). The pooled values are \
      split into groups of the two sizes: every split when there are at most \
      --resamples of them (an exact test), else --resamples random splits \
      (Fisher-Yates shuffles from SplitMix64(seed)), with one-sided p-values \
      (count + 1) / (B + 1). The two-sided p-value is twice the smaller one, \
      at most 1 (scipy's stats.permutation_test).
      """)

  @Argument(help: "CSV file with the first sample.")
  var first: String

  @Argument(help: "CSV file with the second sample.")
  var second: String

  @Option(help: "The numeric column to compare (in both files).")
  var column: String

  @Option(help: "The most splits to enumerate, and the number drawn otherwise; at least 1.")
  var resamples = 9999

  @Option(help: "Seed of the random splits, a non-negative integer.")
  var seed = 0

  @Flag(help: "Print one JSON object: {n_first, n_second, statistic, p_value, exact, permutations}.")
  var json = false

  func validate() throws {
    guard resamples >= 1 else { throw ValidationError("--resamples must be at least 1, got \(resamples)") }
    guard seed >= 0 else { throw ValidationError("--seed must be a non-negative integer, got \(seed)") }
  }

  func run() throws {
    let a = try CSVTable.load(first).numbers(column)
    let b = try CSVTable.load(second).numbers(column)
    let test = permutationTest(a, b, resamples: resamples, seed: UInt64(seed))
    if json {
      printJSON(
        .object([
          ("n_first", .integer(a.count)), ("n_second", .integer(b.count)), ("statistic", .number(test.statistic)),
          ("p_value", .number(test.pValue)), ("exact", .bool(test.exact)),
          ("permutations", .integer(test.permutations)),
        ]))
    } else {
      print(
        """
        Column "\(column)": \(a.count) and \(b.count) values
        \(keyValueLines([
            ("difference in means (first - second)", fixed(test.statistic)),
            ("p-value (two-sided)", pValueText(test.pValue)),
            (test.exact ? "splits (all of them: exact)" : "splits (sampled)", String(test.permutations)),
          ]))
        """)
    }
  }
}
