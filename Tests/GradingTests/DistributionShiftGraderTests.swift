import Grading
import Stats
import Testing

@Suite("Importance weights grader")
struct ImportanceWeightsGraderTests {
  typealias Implementation = ([Double], Int, Int) -> [Double]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try ImportanceWeightsGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ importanceWeights(targetProbabilities: $0, sourceCount: $1, targetCount: $2) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the odds alone pass equal domain sizes and are named on unequal ones")
  func oddsAlone() throws {
    let results = try verdicts { c, _, _ in c.map { $0 / (1 - $0) } }
    #expect(results[0] == .passed && results[1] == .passed && results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("These are the classifier's odds c/(1 − c) alone") })
  }

  @Test("the other slips are named")
  func others() throws {
    let inverted = failureMessages(try verdicts { c, s, t in c.map { $0 / (1 - $0) * Double(t) / Double(s) } })
    #expect(inverted.contains("The prior correction is upside down: multiply by n_s/n_t, not n_t/n_s."))
    let probability = failureMessages(try verdicts { c, _, _ in c })
    #expect(probability.contains("This is c, the probability of the target domain, not a density ratio."))
    let upsideDown = failureMessages(try verdicts { c, s, t in c.map { (1 - $0) / $0 * Double(s) / Double(t) } })
    #expect(upsideDown.contains("The odds are upside down: (1 − c)/c weights the source-like examples up."))
  }
}

@Suite("BBSE grader")
struct LabelShiftGraderTests {
  typealias Implementation = ([Int], [Int], [Int], Int) -> [Double]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try LabelShiftGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  static func estimate(_ p: [Int], _ y: [Int], _ t: [Int], _ k: Int) -> LabelShiftEstimate {
    blackBoxShiftEstimate(sourcePredictions: p, sourceLabels: y, targetPredictions: t, classCount: k)
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ Self.estimate($0, $1, $2, $3).targetPrior }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the hand example: (0.3, 0.7)")
  func hand() {
    let q = Self.estimate([0, 0, 0, 1, 1, 1, 0, 1], [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 1], 2).targetPrior
    #expect(abs(q[0] - 0.3) < 1e-12 && abs(q[1] - 0.7) < 1e-12)
  }

  @Test("the predicted shares are named, and fail the weak classifier")
  func shares() throws {
    let results = try verdicts { _, _, t, k in (0..<k).map { c in Double(t.filter { $0 == c }.count) / Double(t.count) } }
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("This is the share of target examples predicted as each class") })
  }

  @Test("the weights instead of the prior are named")
  func weights() throws {
    let messages = failureMessages(try verdicts { Self.estimate($0, $1, $2, $3).weights })
    #expect(messages.contains { $0.hasPrefix("These are the weights ŵ = q/p") })
  }
}

@Suite("Drift alarm grader")
struct DriftAlarmGraderTests {
  typealias Implementation = ([Bool], Int, Int, Double) -> Int?

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try DriftAlarmGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// A monitor over the outcomes from `from(t)` to t, optionally two-sided.
  static func monitor(cumulative: Bool = false, twoSided: Bool = false) -> Implementation {
    { correct, reference, window, threshold in
      let p0 = Double(correct[..<reference].filter { $0 }.count) / Double(reference)
      for t in (reference + window - 1)..<correct.count {
        let from = cumulative ? reference : t - window + 1
        let n = Double(t - from + 1)
        let p = Double(correct[from...t].filter { $0 }.count) / n
        let z = (p0 - p) / (p0 * (1 - p0) / n).squareRoot()
        if twoSided ? abs(z) > threshold : z > threshold { return t }
      }
      return nil
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ firstDriftAlarm(correct: $0, referenceCount: $1, window: $2, threshold: $3) }, seed: seed).allSatisfy { $0 == .passed })
    #expect(try verdicts(Self.monitor(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the accuracy since deployment is named on the long good period")
  func cumulative() throws {
    let results = try verdicts(Self.monitor(cumulative: true))
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("This follows the accuracy since the end of the reference period") })
  }

  @Test("a two-sided test is named when the model gets better")
  func twoSided() throws {
    let results = try verdicts(Self.monitor(twoSided: true))
    #expect(results[3] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("You alarm when the accuracy rises") })
  }

  @Test("an alarm one position late is named")
  func offByOne() throws {
    let messages = failureMessages(try verdicts { c, r, w, th in
      firstDriftAlarm(correct: c, referenceCount: r, window: w, threshold: th).map { $0 + 1 }
    })
    #expect(messages.contains("The alarm is one position off."))
  }
}
