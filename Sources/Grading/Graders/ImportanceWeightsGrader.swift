import Groundwork

/// Grades the learner's importance weights from a domain classifier
/// (Lessons/1-foundation, the distribution-shift lesson):
/// `w = c/(1 − c) · n_s/n_t`, where `c = P(target | x)`.
///
/// Reference: `Stats.importanceWeights`. Tolerance: relative 1e-9.
///
/// The misconception is that the classifier's odds `c/(1 − c)` are the
/// density ratio. They are the density ratio times the classifier's prior
/// odds `n_t/n_s`, which are 1 only when it was trained on as many target
/// as source examples. The hidden case is 20,000 source and 2,000 target
/// examples, where the odds alone are ten times too small. Other named
/// mistakes: the prior correction upside down, the probability `c` itself,
/// the odds upside down `(1 − c)/c`, and weights normalised to sum to 1.
public struct ImportanceWeightsGrader: Grader {
  public static let name = "shift.importance-weights"
  public static let entryPoints = [
    EntryPoint(
      "importanceWeights",
      [.init("targetProbabilities", "[Double]"), .init("sourceCount", "Int"), .init("targetCount", "Int")],
      returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["Stats.importanceWeights"]

  /// The learner's function.
  let implementation: ([Double], Int, Int) -> [Double]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], Int, Int) -> [Double]).self)
  }

  /// A domain classifier's outputs on source examples, and the sizes it was
  /// trained on.
  struct Case: Sendable {
    var probabilities: [Double]
    var sourceCount: Int
    var targetCount: Int
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    func probabilities(_ count: Int, _ range: Range<Double>) -> [Double] {
      (0..<count).map { _ in rng.nextDouble(in: range) }
    }
    return [
      compare("three examples, equal domain sizes", Case(probabilities: [0.5, 0.8, 0.2], sourceCount: 1_000, targetCount: 1_000), seed: seed),
      compare("500 examples, equal domain sizes", Case(probabilities: probabilities(500, 0.05..<0.95), sourceCount: 5_000, targetCount: 5_000), seed: seed),
      compare("20,000 source and 2,000 target examples", Case(probabilities: probabilities(500, 0.01..<0.6), sourceCount: 20_000, targetCount: 2_000), seed: seed),
      compare("1,000 source and 4,000 target examples", Case(probabilities: probabilities(500, 0.3..<0.99), sourceCount: 1_000, targetCount: 4_000), seed: seed),
      compare("no detectable shift: c = n_t/(n_s + n_t) everywhere", Case(probabilities: [Double](repeating: 0.2, count: 50), sourceCount: 8_000, targetCount: 2_000), seed: seed),
    ]
  }

  func compare(_ name: String, _ c: Case, seed: UInt64) -> Check {
    let tried = "\(c.probabilities.count) probabilities, sourceCount \(c.sourceCount), targetCount \(c.targetCount), seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let expected = importanceWeights(targetProbabilities: c.probabilities, sourceCount: c.sourceCount, targetCount: c.targetCount)
      let got = implementation(c.probabilities, c.sourceCount, c.targetCount)
      guard got.count == expected.count else {
        return .failed(
          expected: "\(expected.count) weights", got: "\(got.count) weights", message: "Return one weight per probability.",
          hint: "The result has the same length as targetProbabilities.")
      }
      guard let i = expected.indices.first(where: { !tolerance.accepts(got[$0], expected: expected[$0]) }) else { return .passed }
      let ratio = Double(c.sourceCount) / Double(c.targetCount)
      let sum = expected.reduce(0, +)
      let candidates: [(Double, String, String)] = [
        (
          expected[i] / ratio, "These are the classifier's odds c/(1 − c) alone; they include its prior odds n_t/n_s, which must be divided out.",
          "Multiply the odds by n_s/n_t (sourceCount / targetCount)."
        ),
        (
          expected[i] / (ratio * ratio), "The prior correction is upside down: multiply by n_s/n_t, not n_t/n_s.",
          "The classifier saw n_t target and n_s source examples, so its odds are inflated by n_t/n_s; undo that."
        ),
        (
          c.probabilities[i], "This is c, the probability of the target domain, not a density ratio.",
          "Turn the probability into odds, c/(1 − c), then correct for the domain sizes."
        ),
        (
          (1 - c.probabilities[i]) / c.probabilities[i] * ratio, "The odds are upside down: (1 − c)/c weights the source-like examples up.",
          "An example that looks like the target (large c) should get a large weight: c/(1 − c)."
        ),
        (
          expected[i] / sum, "These weights are normalised to sum to 1; the density ratio is not.",
          "Return p_t(x)/p_s(x) itself: it averages to about 1 over the source examples."
        ),
      ]
      let named = candidates.first { tolerance.accepts(got[i], expected: $0.0) && !tolerance.accepts($0.0, expected: expected[i]) }
      return .failed(
        expected: "\(formatted(expected[i])) at index \(i) (c = \(formatted(c.probabilities[i])))", got: formatted(got[i]),
        message: named?.1 ?? "The weight differs.",
        hint: named?.2 ?? "w = c/(1 − c) · n_s/n_t.")
    }
  }
}
