import Groundwork
import RealModule

/// Grades the learner's best constant predictions under three losses
/// (Lessons/2-training, the lesson on what losses estimate): the mean for
/// squared error, a median for absolute error, a τ-quantile for the
/// pinball loss.
///
/// Reference: `empiricalQuantileOfSorted` (type 1, which minimises the
/// pinball loss) and the mean; losses from the kernel's `Loss`
/// (`meanSquaredError`, `meanAbsoluteError`, `pinball`). Tolerance:
/// objective, relative 1e-10: the loss at the learner's constant may exceed
/// the minimum by at most that much, so any of several tied minimisers
/// passes.
///
/// The misconception it is built to catch: that one "average" answers every
/// loss. Named when a wrong answer matches it: the mean where the median or
/// quantile belongs, the (1 − τ)-quantile (τ read the wrong way round), and
/// the linearly interpolated quantile (numpy's default), which is not a
/// minimiser when n·τ is not a whole number, as in the hidden cases.
public struct BestConstantsGrader: Grader {
  public static let name = "training.best-constants"
  public static let entryPoints = [
    EntryPoint("bestConstants", [.init("values", "[Double]"), .init("tau", "Double")], returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["quantileOfSorted", "empiricalQuantileOfSorted", "pinball"]

  /// The learner's function.
  let implementation: ([Double], Double) -> [Double]
  let objectiveTolerance = 1e-10

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], Double) -> [Double]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = [12.0, 15, 14, 40, 13, 18, 16]
    let deliveries = Self.deliveryTimes(count: 203, rng: &rng)
    let small = Self.deliveryTimes(count: 37, rng: &rng)
    var contaminated = (0..<400).map { _ in rng.nextNormal() }
    for index in 0..<8 { contaminated[index * 50] = 100 + rng.nextDouble(in: 0..<50) }
    let even = Self.deliveryTimes(count: 10, rng: &rng)
    return [
      compare("7 delivery times in minutes, τ = 0.9", hand, tau: 0.9, seed: seed),
      compare("203 skewed delivery times, τ = 0.9", deliveries, tau: 0.9, seed: seed),
      compare("37 skewed delivery times, τ = 0.1", small, tau: 0.1, seed: seed),
      compare("400 values, 2% of them huge outliers, τ = 0.75", contaminated, tau: 0.75, seed: seed),
      compare("an even count, τ = 0.5", even, tau: 0.5, seed: seed),
    ]
  }

  func compare(_ name: String, _ values: [Double], tau: Double, seed: UInt64) -> Check {
    Check(name, tried: "\(values.count) values, tau \(tau), seed \(seed)") { [implementation, objectiveTolerance] in
      let got = implementation(values, tau)
      let expected = Self.minimisers(values, tau: tau)
      guard got.count == 3 else {
        return .failed(
          expected: "3 values", got: "\(got.count) values", message: "Return [squared-error, absolute-error, pinball] constants.",
          hint: "Three numbers, in that order.")
      }
      let labels = ["squared error", "absolute error", "pinball loss at τ = \(tau)"]
      for index in 0..<3 {
        let best = Self.loss(index, values, at: expected[index], tau: tau)
        let reached = Self.loss(index, values, at: got[index], tau: tau)
        if reached.isFinite && reached - best <= objectiveTolerance * max(best, 1e-300) { continue }
        let (message, hint) = Self.diagnose(index, got: got[index], values: values, tau: tau, label: labels[index])
        return .failed(
          expected: "\(labels[index]) minimised at \(formatted(expected[index])), loss \(formatted(best))",
          got: "\(formatted(got[index])), loss \(formatted(reached))", message: message, hint: hint)
      }
      return .passed
    }
  }

  static func diagnose(_ index: Int, got: Double, values: [Double], tau: Double, label: String) -> (String, String) {
    let sorted = values.sorted()
    let mean = values.reduce(0, +) / Double(values.count)
    let close = Tolerance.relative(1e-12)
    if index > 0 && close.accepts(got, expected: mean) {
      return (
        "This is the mean, the answer for squared error, not for \(label).",
        index == 1
          ? "Absolute error is minimised where half the values lie on each side: a median."
          : "The pinball loss is minimised where a fraction τ of the values lie at or below: a τ-quantile."
      )
    }
    if index == 2 && tau != 0.5 && close.accepts(got, expected: empiricalQuantileOfSorted(sorted, 1 - tau)) {
      return (
        "This is the (1 − τ)-quantile: τ is the other way round.",
        "ρ_τ(u) with u = y − c charges τ·u when the value is above the prediction, so a large τ makes under-predicting expensive and pushes c up."
      )
    }
    if index == 2 && close.accepts(got, expected: quantileOfSorted(sorted, tau)) {
      return (
        "This is the linearly interpolated quantile (numpy's default), which lies between two order statistics and does not minimise the pinball loss here.",
        "The minimiser is one of the values themselves: the smallest x₍ₖ₎ with k/n ≥ τ."
      )
    }
    return ("The \(label) at your constant is above its minimum.", "Which statistic of the values does this loss estimate?")
  }

  /// The reference minimisers: the mean, the lower median, the type-1 τ-quantile.
  static func minimisers(_ values: [Double], tau: Double) -> [Double] {
    let sorted = values.sorted()
    return [values.reduce(0, +) / Double(values.count), empiricalQuantileOfSorted(sorted, 0.5), empiricalQuantileOfSorted(sorted, tau)]
  }

  /// Loss `index` of the constant `c`, computed by the kernel in float64.
  static func loss(_ index: Int, _ values: [Double], at c: Double, tau: Double) -> Double {
    let target = Tensor(values, shape: [values.count])
    let prediction = Variable(Tensor(shape: [values.count], dtype: .float64, repeating: c))
    return withoutGradients {
      switch index {
      case 0: Loss.meanSquaredError(prediction, target).value.item()
      case 1: Loss.meanAbsoluteError(prediction, target).value.item()
      default: Loss.pinball(prediction, target, tau: tau).value.item()
      }
    }
  }

  /// Log-normal delivery times in minutes (median 25): most orders arrive
  /// in 15 to 40 minutes, a few take well over an hour.
  static func deliveryTimes(count: Int, rng: inout SplitMix64) -> [Double] {
    (0..<count).map { _ in (25 * Double.exp(0.5 * rng.nextNormal()) * 100).rounded() / 100 }
  }
}
