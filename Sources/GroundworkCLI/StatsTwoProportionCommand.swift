import ArgumentParser
import Stats

/// `groundwork stats two-proportion`: whether two accuracies measured on
/// independent test sets differ.
struct StatsTwoProportionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "two-proportion",
    abstract: "Two-proportion z-test: do two accuracies from independent test sets differ?",
    discussion: """
      Model a got --successes-a of --trials-a right, model b --successes-b of \
      --trials-b, on different (independent) examples. difference = b - a; \
      z = difference / sqrt(p(1 - p)(1/n_a + 1/n_b)) with the pooled p, \
      two-sided p-value from the normal distribution, no continuity \
      correction (statsmodels' proportions_ztest). When both models were \
      scored on the same examples, use `stats compare` (McNemar) instead.
      """)

  @Option(help: "Examples model a got right.")
  var successesA: Int

  @Option(help: "Examples model a was scored on, at least 1.")
  var trialsA: Int

  @Option(help: "Examples model b got right.")
  var successesB: Int

  @Option(help: "Examples model b was scored on, at least 1.")
  var trialsB: Int

  @Flag(help: "Print one JSON object: {accuracy_a, accuracy_b, difference, statistic, p_value}.")
  var json = false

  func validate() throws {
    for (side, successes, trials) in [("a", successesA, trialsA), ("b", successesB, trialsB)] {
      guard trials >= 1 else { throw ValidationError("--trials-\(side) must be at least 1, got \(trials)") }
      guard (0...trials).contains(successes) else {
        throw ValidationError("--successes-\(side) must be between 0 and --trials-\(side) (\(trials)), got \(successes)")
      }
    }
  }

  func run() throws {
    let test = twoProportionZTest(successes1: successesB, trials1: trialsB, successes2: successesA, trials2: trialsA)
    let accuracyA = Double(successesA) / Double(trialsA)
    let accuracyB = Double(successesB) / Double(trialsB)
    if json {
      printJSON(
        .object([
          ("accuracy_a", .number(accuracyA)), ("accuracy_b", .number(accuracyB)),
          ("difference", .number(test.difference)), ("statistic", .number(test.statistic)),
          ("p_value", .number(test.pValue)),
        ]))
    } else {
      print(
        keyValueLines([
          ("accuracy a", "\(fixed(accuracyA)) (\(successesA) / \(trialsA))"),
          ("accuracy b", "\(fixed(accuracyB)) (\(successesB) / \(trialsB))"),
          ("difference (b - a)", fixed(test.difference)),
          ("z", fixed(test.statistic)),
          ("p-value (two-sided)", pValueText(test.pValue)),
        ]))
    }
  }
}
