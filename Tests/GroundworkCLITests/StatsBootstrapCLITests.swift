import Foundation
import Stats
import Testing
import _TestSupport

@Suite("groundwork stats bootstrap")
struct StatsBootstrapCLITests {
  static let values = [
    0.341991, 0.005011, 3.484119, 0.052346, 0.1446, 0.275337, 2.250489, 2.646224, 1.365574, 1.524539,
    1.435773, 2.795367, 0.324743, 0.98889, 0.056359, 2.831293, 0.294866, 0.653964, 0.532084, 0.138669,
  ]
  static let csv = "loss,other\n" + values.map { "\($0),x" }.joined(separator: "\n") + "\n"

  @Test("prints the kernel's interval of the mean, method and seed included", arguments: BootstrapMethod.allCases)
  func matchesKernel(_ method: BootstrapMethod) throws {
    let json = try statsJSON(
      try runStats(
        ["bootstrap", "l.csv", "--column", "loss", "--method", method.rawValue, "--resamples", "500", "--seed", "42",
         "--json"], files: ["l.csv": Self.csv]))
    let expected = bootstrapMeanInterval(Self.values, resamples: 500, method: method, seed: 42)
    #expect(try jsonNumber(json, "n") == 20)
    #expect(json["statistic"] as? String == "mean")
    #expect(json["method"] as? String == method.rawValue)
    #expect(try jsonNumber(json, "seed") == 42)
    // Foundation's JSON reader may round the last bit of a decimal.
    expectClose(try jsonNumber(json, "estimate"), expected.estimate, absolute: 1e-15)
    expectClose(try jsonNumber(json, "lower"), expected.lower, absolute: 1e-15)
    expectClose(try jsonNumber(json, "upper"), expected.upper, absolute: 1e-15)
    expectClose(try jsonNumber(json, "standard_error"), expected.standardError, absolute: 1e-15)
  }

  @Test("the percentile interval matches the reference of the resampling tests")
  func reference() throws {
    // IntervalsAndTestsTests: boot(skewed, 500, 42, mean).
    let json = try statsJSON(
      try runStats(
        ["bootstrap", "l.csv", "--column", "loss", "--resamples", "500", "--seed", "42", "--json"],
        files: ["l.csv": Self.csv]))
    expectClose(try jsonNumber(json, "lower"), 0.6676341925000001, absolute: 1e-12)
    expectClose(try jsonNumber(json, "upper"), 1.654076195, absolute: 1e-12)
  }

  @Test("bad input fails with one line; bad options exit 2")
  func badInput() throws {
    expectOneLineError(
      try runStats(["bootstrap", "l.csv", "--column", "other"], files: ["l.csv": Self.csv]), file: "l.csv",
      mentions: [":2:", "row 1", "\"other\"", "\"x\""])
    let usage = try runStats(["bootstrap", "l.csv", "--column", "loss", "--resamples", "0"], files: ["l.csv": Self.csv])
    #expect(usage.status == 2)
    #expect(usage.stdout.isEmpty)
  }
}
