import Foundation
import Testing
import _TestSupport

// Expected values: scipy 1.17,
// stats.permutation_test((a, b), mean(a) - mean(b), permutation_type="independent",
// n_resamples=9999, alternative="two-sided") for a = [4.2, 5.1, 3.9, 6.0, 5.5],
// b = [3.1, 4.0, 3.5, 2.9, 4.4, 3.8]: all C(11, 5) = 462 splits, printed with repr().

@Suite("groundwork stats permutation")
struct StatsPermutationCLITests {
  static let files = [
    "a.csv": "id,score\n1,4.2\n2,5.1\n3,3.9\n4,6.0\n5,5.5\n",
    "b.csv": "score\n3.1\n4.0\n3.5\n2.9\n4.4\n3.8\n",
  ]

  @Test("an exact test matches scipy's permutation_test")
  func exact() throws {
    let json = try statsJSON(
      try runStats(["permutation", "a.csv", "b.csv", "--column", "score", "--json"], files: Self.files))
    #expect(try jsonNumber(json, "n_first") == 5)
    #expect(try jsonNumber(json, "n_second") == 6)
    expectClose(try jsonNumber(json, "statistic"), 1.3233333333333337, absolute: 1e-14)
    expectClose(try jsonNumber(json, "p_value"), 0.025974025974025976, absolute: 1e-15)
    #expect(json["exact"] as? Bool == true)
    #expect(try jsonNumber(json, "permutations") == 462)
  }

  @Test("fewer resamples than splits: a sampled, seeded test")
  func sampled() throws {
    let arguments = ["permutation", "a.csv", "b.csv", "--column", "score", "--resamples", "200", "--seed", "3", "--json"]
    let first = try runStats(arguments, files: Self.files)
    let json = try statsJSON(first)
    #expect(json["exact"] as? Bool == false)
    #expect(try jsonNumber(json, "permutations") == 200)
    #expect(try runStats(arguments, files: Self.files).stdout == first.stdout)
  }

  @Test("bad input fails with one line naming the file, row and column")
  func badInput() throws {
    expectOneLineError(
      try runStats(["permutation", "a.csv", "c.csv", "--column", "score"], files: ["a.csv": "score\n1\n", "c.csv": "score\n2\nx\n"]),
      file: "c.csv", mentions: [":3:", "row 2", "\"score\"", "\"x\""])
    expectOneLineError(
      try runStats(["permutation", "a.csv", "b.csv", "--column", "loss"], files: Self.files), file: "a.csv",
      mentions: [":1:", "\"loss\""])
  }
}
