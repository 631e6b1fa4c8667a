import Groundwork
import RealModule

/// Grades the learner's inverse-probability-weighted mean (Lessons/1-foundation,
/// the data-provenance lesson): the Hájek estimate `Σ(yᵢ/πᵢ) / Σ(1/πᵢ)`.
///
/// Reference: `Stats.inverseProbabilityWeightedMean`. Tolerance: relative
/// 1e-9.
///
/// The misconception is that the units you are most likely to see should
/// count most, so values get weighted by `πᵢ`: that makes survivorship bias
/// worse, not better. The hidden case is a survivors' sample in which the
/// chance of being observed rises steeply with the value, where the plain
/// mean and the π-weighted mean are both far above the weighted answer.
/// Other named mistakes: the plain mean, `Σ(yᵢ/πᵢ)` divided by the number
/// of observed units, and the weighted sum alone.
public struct InverseProbabilityWeightingGrader: Grader {
  public static let name = "data.ipw-mean"
  public static let entryPoints = [
    EntryPoint(
      "inverseProbabilityWeightedMean", [.init("values", "[Double]"), .init("observationProbabilities", "[Double]")],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["Stats.inverseProbabilityWeightedMean", "horvitzThompsonMean"]

  /// The learner's function.
  let implementation: ([Double], [Double]) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [Double]) -> Double).self)
  }

  /// An observed sample: the values and each one's probability of having
  /// been observed.
  struct Sample: Sendable {
    var values: [Double] = []
    var probabilities: [Double] = []
  }

  /// Draws a population of `size` units with `value`, keeps each with
  /// probability `probability(value)`, and returns the observed ones.
  static func observe(
    size: Int, rng: inout SplitMix64, value: (inout SplitMix64) -> Double, probability: (Double) -> Double
  ) -> Sample {
    var sample = Sample()
    for _ in 0..<size {
      let y = value(&rng)
      let p = probability(y)
      if rng.nextBernoulli(p) {
        sample.values.append(y)
        sample.probabilities.append(p)
      }
    }
    return sample
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Sample(values: [10, 1, 4], probabilities: [1, 0.1, 0.5])
    let equal = Sample(
      values: (0..<200).map { _ in rng.nextDouble(in: 0..<100) }, probabilities: [Double](repeating: 0.3, count: 200))
    // Startup revenues (log-normal, in millions); the chance of still being
    // around to be surveyed rises with revenue.
    let survivors = Self.observe(
      size: 20_000, rng: &rng, value: { rng in Double.exp(1.5 * rng.nextNormal()) },
      probability: { revenue in min(1, 0.02 + 0.3 * revenue) })
    // Opt-in users: the lighter users answer the survey more often.
    let optIn = Self.observe(
      size: 10_000, rng: &rng, value: { rng in rng.nextDouble(in: 0..<120) },
      probability: { minutes in 0.9 - 0.7 * minutes / 120 })
    let seeded = Sample(
      values: (0..<500).map { _ in rng.nextNormal() * 5 + 20 }, probabilities: (0..<500).map { _ in rng.nextDouble(in: 0.05..<1) })
    return [
      compare("a hand-sized example", hand, seed: seed),
      compare("every unit observed with the same probability", equal, seed: seed),
      compare("survivors: the chance of being observed rises with revenue", survivors, seed: seed),
      compare("opt-in: light users answer more often", optIn, seed: seed),
      compare("500 values with random probabilities", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ sample: Sample, seed: UInt64) -> Check {
    let tried = "\(sample.values.count) observed values, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let expected = inverseProbabilityWeightedMean(values: sample.values, observationProbabilities: sample.probabilities)
      let got = implementation(sample.values, sample.probabilities)
      if tolerance.accepts(got, expected: expected) { return .passed }
      let mistake = Mistake.allCases.first { mistake in
        let value = mistake.value(sample)
        return tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: expected)
      }
      return .failed(
        expected: formatted(expected), got: formatted(got), message: mistake?.message ?? "The weighted mean differs.",
        hint: mistake?.hint ?? "Weight each value by 1/π, sum, and divide by the sum of the weights.")
    }
  }

  /// What common mistakes return, to name them.
  enum Mistake: CaseIterable {
    case plainMean, weightedByProbability, dividedByCount, weightedSum

    func value(_ s: Sample) -> Double {
      let n = Double(s.values.count)
      let inverseSum = zip(s.values, s.probabilities).reduce(0) { $0 + $1.0 / $1.1 }
      switch self {
      case .plainMean: return s.values.reduce(0, +) / n
      case .weightedByProbability:
        return zip(s.values, s.probabilities).reduce(0) { $0 + $1.0 * $1.1 } / s.probabilities.reduce(0, +)
      case .dividedByCount: return inverseSum / n
      case .weightedSum: return inverseSum
      }
    }

    var message: String {
      switch self {
      case .plainMean: "This is the plain mean of the observed values, which is what survivorship bias distorts."
      case .weightedByProbability:
        "This weights each value by π, its chance of being observed: the units you were likely to see count even more, and the bias grows."
      case .dividedByCount:
        "This divides Σ y/π by the number of observed values; the weights add up to an estimate of the population size, not to n."
      case .weightedSum: "This is the weighted sum Σ y/π, not a mean."
      }
    }

    var hint: String {
      switch self {
      case .plainMean, .weightedByProbability:
        "A unit seen with probability π stands for 1/π units of the population: weight it by 1/π."
      case .dividedByCount, .weightedSum:
        "Divide by the sum of the weights, Σ 1/π, so that equal probabilities give back the plain mean."
      }
    }
  }
}
