import Foundation
import Testing
import _TestSupport

// Expected values: scipy 1.17, the mean NLL of softmax(Z / T) minimised over
// u = ln T in [ln 0.01, ln 100], printed with repr():
//
//   Z = np.array([[6.0, 1.5, -3.0], [0.9, 5.4, 0.3], [-1.5, 0.6, 7.5], [9.3, -1.2, 0.6], [2.7, 3.3, 1.2],
//                 [4.5, 0.6, 4.2], [-3.6, 6.6, 0.9], [8.4, 7.5, -1.8], [0.3, -0.9, 5.7], [5.1, 2.4, 2.7]])
//   y = np.array([0, 1, 2, 1, 1, 2, 1, 0, 2, 0])
//   nll = lambda T: np.mean(logsumexp(Z / T, axis=1) - Z[np.arange(len(y)), y] / T)
//   r = minimize_scalar(lambda u: nll(np.exp(u)), bounds=(np.log(0.01), np.log(100)),
//                       method="bounded", options={"xatol": 1e-12})
//   np.exp(r.x), nll(1.0), nll(np.exp(r.x))

@Suite("groundwork stats temperature")
struct StatsTemperatureCLITests {
  static let logits: [[Double]] = [
    [6.0, 1.5, -3.0], [0.9, 5.4, 0.3], [-1.5, 0.6, 7.5], [9.3, -1.2, 0.6], [2.7, 3.3, 1.2],
    [4.5, 0.6, 4.2], [-3.6, 6.6, 0.9], [8.4, 7.5, -1.8], [0.3, -0.9, 5.7], [5.1, 2.4, 2.7],
  ]
  static let labels = [0, 1, 2, 1, 1, 2, 1, 0, 2, 0]
  static let csv =
    "z1,label,z0,z2\n"
    + zip(logits, labels).map { "\($0[1]),\($1),\($0[0]),\($0[2])" }.joined(separator: "\n") + "\n"

  @Test("the fitted temperature and likelihoods match scipy")
  func reference() throws {
    let json = try statsJSON(try runStats(["temperature", "z.csv", "--json"], files: ["z.csv": Self.csv]))
    #expect(try jsonNumber(json, "n") == 10)
    #expect(try jsonNumber(json, "classes") == 3)
    expectClose(try jsonNumber(json, "temperature"), 3.2827820570956563, absolute: 1e-6)
    expectClose(try jsonNumber(json, "nll_before"), 1.240609824393961, absolute: 1e-13)
    expectClose(try jsonNumber(json, "nll_after"), 0.7606176986175696, absolute: 1e-12)
  }

  @Test("without --json: a readable summary")
  func table() throws {
    let result = try runStats(["temperature", "z.csv"], files: ["z.csv": Self.csv])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("3.2828"))
  }

  @Test("bad input fails with one line naming the file, row and column")
  func badInput() throws {
    expectOneLineError(
      try runStats(["temperature", "z.csv"], files: ["z.csv": "label,z0,z1\n0,1.5,0.2\n3,0.1,0.4\n"]), file: "z.csv",
      mentions: [":3:", "row 2", "\"label\"", "3"])
    expectOneLineError(
      try runStats(["temperature", "z.csv"], files: ["z.csv": "label,z0,z1\n0,1.5,big\n"]), file: "z.csv",
      mentions: [":2:", "row 1", "\"z1\"", "\"big\""])
    expectOneLineError(
      try runStats(["temperature", "z.csv"], files: ["z.csv": "label,logit\n0,1.5\n"]), file: "z.csv",
      mentions: [":1:", "\"z0\""])
  }
}
