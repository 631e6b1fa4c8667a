import Foundation
import Testing
import _TestSupport

// Expected values: scipy 1.17, x = [0.31, 0.52, 0.47, 0.29, 0.61, 0.44, 0.38],
// stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x)),
// x.mean() and stats.sem(x), printed with repr().

@Suite("groundwork stats t-interval")
struct StatsTIntervalCLITests {
  static let csv = "loss\n0.31\n0.52\n0.47\n0.29\n0.61\n0.44\n0.38\n"

  @Test("matches scipy's t.interval")
  func reference() throws {
    let json = try statsJSON(try runStats(["t-interval", "x.csv", "--column", "loss", "--json"], files: ["x.csv": Self.csv]))
    #expect(try jsonNumber(json, "n") == 7)
    expectClose(try jsonNumber(json, "mean"), 0.43142857142857144, absolute: 1e-15)
    expectClose(try jsonNumber(json, "standard_error"), 0.043283592592980334, absolute: 1e-15)
    expectClose(try jsonNumber(json, "lower"), 0.32551743575267683, absolute: 1e-12)
    expectClose(try jsonNumber(json, "upper"), 0.537339707104466, absolute: 1e-12)
  }

  @Test("bad input fails with one line; a bad level exits 2")
  func badInput() throws {
    expectOneLineError(
      try runStats(["t-interval", "x.csv", "--column", "loss"], files: ["x.csv": "loss\n0.5\n"]), file: "x.csv",
      mentions: [":2:", "two rows"])
    expectOneLineError(
      try runStats(["t-interval", "x.csv", "--column", "loss"], files: ["x.csv": "loss\n0.5\nNaN\n"]), file: "x.csv",
      mentions: [":3:", "row 2", "\"loss\""])
    let usage = try runStats(["t-interval", "x.csv", "--column", "loss", "--level", "95"], files: ["x.csv": Self.csv])
    #expect(usage.status == 2)
    #expect(usage.stdout.isEmpty)
  }
}
