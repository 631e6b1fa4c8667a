import Groundwork
import RealModule

/// Grades the learner's search for the best report under three scoring
/// rules (Lessons/2-training, the lesson on what losses estimate): which
/// probability a forecaster should state when the truth is p.
///
/// Reference: the expected scores p·S(q, 1) + (1 − p)·S(q, 0) minimised over
/// the reports, earliest report on ties. Tolerance: exact (a report from
/// the list is chosen or not).
///
/// The misconception it is built to catch: that every sensible-looking
/// score rewards honesty. The log and Brier scores are strictly proper (the
/// best report is p itself); the absolute error is not (its expected value
/// is linear in q, so the best report is 0 or 1). Named when a wrong answer
/// matches it: the absolute-error report taken to be p, and the expectation
/// taken over one outcome only (which pushes every report to 1). The hidden
/// case offers reports that do not include p, where log and Brier pick
/// different neighbours of p.
public struct ProperScoresGrader: Grader {
  public static let name = "training.proper-scores"
  public static let entryPoints = [
    EntryPoint("bestReports", [.init("probability", "Double"), .init("reports", "[Double]")], returns: "[Double]")
  ]

  /// The learner's function.
  let implementation: (Double, [Double]) -> [Double]

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Double, [Double]) -> [Double]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let grid = (0...100).map { Double($0) / 100 }
    let rare = Double(rng.nextInt(in: 2...9)) / 100
    let likely = Double(rng.nextInt(in: 60...95)) / 100
    let coarse = [0.1, 0.3, 0.5, 0.7, 0.9]
    return [
      compare("a rare event, reports 0, 0.01, …, 1", probability: rare, reports: grid, seed: seed),
      compare("a likely event, reports 0, 0.01, …, 1", probability: likely, reports: grid, seed: seed),
      compare("p = 0.62, reports 0.1, 0.3, …, 0.9 (p is not among them)", probability: 0.62, reports: coarse, seed: seed),
      compare("p = 0.398, the same coarse reports: log and Brier disagree", probability: 0.398, reports: coarse, seed: seed),
    ]
  }

  func compare(_ name: String, probability: Double, reports: [Double], seed: UInt64) -> Check {
    Check(name, tried: "p = \(probability), \(reports.count) reports, seed \(seed)") { [implementation] in
      let expected = Self.bestReports(probability, reports)
      let got = implementation(probability, reports)
      if got == expected { return .passed }
      let (message, hint) = Self.diagnose(got: got, expected: expected, probability: probability, reports: reports)
      return .failed(
        expected: "[log, Brier, absolute] = \(TrainingVectors.show(expected))", got: TrainingVectors.show(got),
        message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], probability: Double, reports: [Double]) -> (String, String) {
    guard got.count == 3 else {
      return ("Return three reports: [log, Brier, absolute error].", "One best report per scoring rule, in that order.")
    }
    if got[2] != expected[2] && abs(got[2] - probability) < abs(expected[2] - probability) {
      return (
        "The absolute error's best report is not p: that rule is not proper.",
        "Write its expected value, p·(1 − q) + (1 − p)·q = p + q·(1 − 2p): it is a straight line in q, so it is lowest at an end of the range."
      )
    }
    if got[0] == reports.max() && got[1] == reports.max() && expected[0] != got[0] {
      return (
        "Every rule picks the largest report: the expectation covers only the outcome where the event happens.",
        "Weight the score of each outcome by its probability: p for the event, 1 − p for no event."
      )
    }
    return (
      "At least one report is not the one with the lowest expected score.",
      "For each rule, compute p·S(q, happens) + (1 − p)·S(q, not) for every report q, and keep the smallest; ties go to the earliest."
    )
  }

  /// The reference: the report with the lowest expected score per rule.
  static func bestReports(_ p: Double, _ reports: [Double]) -> [Double] {
    let rules: [(Double) -> Double] = [
      { q in -p * Double.log(q) - (1 - p) * Double.log(1 - q) },
      { q in p * (1 - q) * (1 - q) + (1 - p) * q * q },
      { q in p * (1 - q) + (1 - p) * q },
    ]
    return rules.map { score in reports.min { score($0) < score($1) } ?? .nan }
  }
}
