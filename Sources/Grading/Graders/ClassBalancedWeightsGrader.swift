import Groundwork

/// Grades the learner's class-balanced weights (Lessons/2-training, the
/// imbalance lesson): w_c ∝ (1 − β) / (1 − β^{n_c}), summing to the number
/// of classes.
///
/// Reference: `Stats.classBalancedWeights`. Tolerance: relative 1e-9.
///
/// The misconception it is built to catch: that class-balanced weights are
/// inverse-frequency weights under another name. With β = 0.99 and classes
/// of 50 to 20,000 examples, every class above a few hundred examples has
/// an effective number of about 1/(1 − β) = 100, so their weights are
/// nearly equal, where inverse frequency spreads them 400-fold; a wrong
/// answer that matches inverse frequency is named. Also named: weights not
/// normalised (the raw 1/E_n), and normalised to sum to 1 instead of K.
public struct ClassBalancedWeightsGrader: Grader {
  public static let name = "training.class-balanced-weights"
  public static let entryPoints = [
    EntryPoint("classBalancedWeights", [.init("counts", "[Int]"), .init("beta", "Double")], returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["effectiveNumberOfSamples", "Stats.classBalancedWeights"]

  /// The learner's function.
  let implementation: ([Int], Double) -> [Double]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int], Double) -> [Double]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let longTail = (0..<6).map { _ in rng.nextInt(in: 50...20_000) } + [50, 20_000]
    let fraud = rng.nextInt(in: 200...1_500)
    return [
      compare("100, 1,000 and 10,000 examples, β = 0.999", [100, 1_000, 10_000], beta: 0.999, seed: seed),
      compare("β = 0: every class weighs the same", [5, 500, 50_000], beta: 0, seed: seed),
      compare("\(fraud) fraud against 99,000 legitimate, β = 0.9999", [99_000, fraud], beta: 0.9999, seed: seed),
      compare("a long tail of 8 classes, β = 0.99", longTail, beta: 0.99, seed: seed),
    ]
  }

  func compare(_ name: String, _ counts: [Int], beta: Double, seed: UInt64) -> Check {
    Check(name, tried: "counts \(counts), beta \(beta), seed \(seed)") { [implementation, tolerance] in
      let expected = Stats.classBalancedWeights(counts: counts, beta: beta)
      let got = implementation(counts, beta)
      guard let index = TrainingVectors.firstMismatch(got, expected, tolerance) else { return .passed }
      let shown = TrainingVectors.mismatchText(got, expected, at: index)
      let (message, hint) = Self.diagnose(got: got, expected: expected, counts: counts, beta: beta)
      return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], counts: [Int], beta: Double) -> (String, String) {
    let close = Tolerance.relative(1e-9)
    let k = Double(counts.count)
    let inverse = counts.map { 1 / Double($0) }
    let inverseTotal = inverse.reduce(0, +)
    if TrainingVectors.agree(got, inverse.map { $0 * k / inverseTotal }, close) {
      return (
        "These are inverse-frequency weights, 1/n normalised: the effective number of samples is missing.",
        "Use E_n = (1 − βⁿ)/(1 − β) in place of n. It saturates at 1/(1 − β), so large classes end up with similar weights."
      )
    }
    let raw = counts.map { 1 / effectiveNumberOfSamples(count: $0, beta: beta) }
    if TrainingVectors.agree(got, raw, close) {
      return ("These are 1/E_n before normalisation.", "Scale the weights so that they sum to the number of classes.")
    }
    if TrainingVectors.agree(got.map { $0 * k }, expected, close) {
      return ("These weights sum to 1; they should sum to the number of classes.", "Multiply by K so that equal counts give weight 1 each.")
    }
    return (
      "The weights differ by more than relative 1e-9.",
      "w_c = (1/E_c) · K / Σ_j (1/E_j), with E_c = (1 − β^{n_c})/(1 − β)."
    )
  }
}
