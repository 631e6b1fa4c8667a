import Foundation
import Testing
import _TestSupport

// Expected values: scikit-learn 1.9.1 `cohen_kappa_score(r1, r2)` and
// statsmodels 0.15 `fleiss_kappa(aggregate_raters(np.array([r1, r2(, r3)]).T)[0])`,
// printed with repr(), for the ratings in `csv` below.

@Suite("groundwork stats agreement")
struct StatsAgreementCLITests {
  static let r1 = ["cat", "dog", "dog", "bird", "cat", "cat", "dog", "bird", "cat", "dog"]
  static let r2 = ["cat", "dog", "cat", "bird", "cat", "dog", "dog", "bird", "bird", "dog"]
  static let r3 = ["cat", "dog", "dog", "bird", "dog", "cat", "dog", "cat", "cat", "dog"]
  static let csv =
    "item,ann,bob,cy\n" + (0..<10).map { "\($0),\(r1[$0]),\(r2[$0]),\"\(r3[$0])\"" }.joined(separator: "\n") + "\n"

  @Test("two raters: Cohen's and Fleiss' kappa match scikit-learn and statsmodels")
  func twoRaters() throws {
    let json = try statsJSON(
      try runStats(["agreement", "r.csv", "--columns", "ann,bob", "--json"], files: ["r.csv": Self.csv]))
    #expect(try jsonNumber(json, "n") == 10)
    #expect(try jsonNumber(json, "raters") == 2)
    #expect(json["categories"] as? [String] == ["bird", "cat", "dog"])
    expectClose(try jsonNumber(json, "cohen_kappa"), 0.5454545454545454, absolute: 1e-15)
    expectClose(try jsonNumber(json, "fleiss_kappa"), 0.5419847328244274, absolute: 1e-15)
  }

  @Test("three raters: Fleiss' kappa, and no Cohen's kappa")
  func threeRaters() throws {
    let json = try statsJSON(
      try runStats(["agreement", "r.csv", "--columns", "ann, bob, cy", "--json"], files: ["r.csv": Self.csv]))
    #expect(json["cohen_kappa"] is NSNull)
    expectClose(try jsonNumber(json, "fleiss_kappa"), 0.4773519163763066, absolute: 1e-15)
  }

  @Test("perfect agreement gives 1; one category throughout gives null")
  func extremes() throws {
    let same = try statsJSON(try runStats(["agreement", "s.csv", "--json"], files: ["s.csv": "a,b\n1,1\n2,2\n1,1\n"]))
    #expect(try jsonNumber(same, "cohen_kappa") == 1)
    let constant = try statsJSON(try runStats(["agreement", "c.csv", "--json"], files: ["c.csv": "a,b\nx,x\nx,x\n"]))
    #expect(constant["cohen_kappa"] is NSNull)
    #expect(constant["fleiss_kappa"] is NSNull)
  }

  @Test("without --json: both kappas in a table")
  func table() throws {
    let result = try runStats(["agreement", "r.csv", "--columns", "ann,bob"], files: ["r.csv": Self.csv])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Cohen's kappa"))
    #expect(result.stdout.contains("0.5455"))
  }

  @Test("bad input fails with one line naming the file, row and column")
  func badInput() throws {
    expectOneLineError(
      try runStats(["agreement", "r.csv", "--columns", "ann,zed"], files: ["r.csv": Self.csv]), file: "r.csv",
      mentions: [":1:", "\"zed\""])
    expectOneLineError(
      try runStats(["agreement", "e.csv", "--json"], files: ["e.csv": "a,b\ncat,dog\ncat,\n"]), file: "e.csv",
      mentions: [":3:", "row 2", "\"b\""])
    expectOneLineError(
      try runStats(["agreement", "one.csv", "--json"], files: ["one.csv": "a\ncat\n"]), file: "one.csv",
      mentions: [":1:", "two rater columns"])
  }
}
