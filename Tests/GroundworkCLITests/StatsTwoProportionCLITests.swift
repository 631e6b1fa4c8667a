import Foundation
import Testing
import _TestSupport

// Expected values: statsmodels 0.15 `proportions_ztest([k_b, k_a], [n_b, n_a])`
// (z, p-value), printed with repr().

@Suite("groundwork stats two-proportion")
struct StatsTwoProportionCLITests {
  @Test(
    "matches statsmodels' proportions_ztest",
    arguments: [
      ([850, 1000, 870, 1000], 1.2888481555661688, 0.19745088084259232),
      ([52, 64, 45, 60], -0.8427305208744296, 0.3993791735677136),
    ])
  func reference(_ counts: [Int], _ z: Double, _ p: Double) throws {
    let json = try statsJSON(
      try runStats(
        ["two-proportion", "--successes-a", "\(counts[0])", "--trials-a", "\(counts[1])", "--successes-b",
         "\(counts[2])", "--trials-b", "\(counts[3])", "--json"]))
    expectClose(try jsonNumber(json, "statistic"), z, absolute: 1e-12)
    expectClose(try jsonNumber(json, "p_value"), p, absolute: 1e-12)
    expectClose(
      try jsonNumber(json, "difference"), Double(counts[2]) / Double(counts[3]) - Double(counts[0]) / Double(counts[1]),
      absolute: 1e-15)
  }

  @Test("without --json: a readable summary")
  func table() throws {
    let result = try runStats(
      ["two-proportion", "--successes-a", "850", "--trials-a", "1000", "--successes-b", "870", "--trials-b", "1000"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("0.1975"))
  }

  @Test(
    "out-of-range counts exit 2 with nothing on stdout",
    arguments: [
      ["--successes-a", "5", "--trials-a", "3", "--successes-b", "1", "--trials-b", "3"],
      ["--successes-a", "1", "--trials-a", "0", "--successes-b", "1", "--trials-b", "3"],
      ["--successes-a", "1", "--trials-a", "3", "--successes-b", "-1", "--trials-b", "3"],
      ["--successes-a", "1", "--trials-a", "3"],
    ])
  func usage(_ arguments: [String]) throws {
    let result = try runStats(["two-proportion"] + arguments + ["--json"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
  }
}
