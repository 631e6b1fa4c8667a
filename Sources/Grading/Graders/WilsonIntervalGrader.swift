import Groundwork

/// Grades the learner's Wilson score interval (Lessons/1-foundation, the
/// uncertainty lesson).
///
/// Reference: `Stats.proportionInterval(method: .wilson)` at the level whose
/// critical value is the `z` passed in. Tolerance: relative 1e-9 on each
/// bound (with the absolute floor of `Tolerance`, so a lower bound of 0 may
/// come back as a rounding error away from 0).
///
/// The misconception is that p̂ ± z·√(p̂(1 − p̂)/n), Wald's interval, is good
/// enough. It is close for large n away from 0 and 1 and collapses to a
/// single point at k = 0 and k = n, so the hidden cases are exactly those
/// (and n = 1). Other named mistakes: Agresti–Coull, Clopper–Pearson, the
/// z²/(4n²) term left out, the division by 1 + z²/n left out, the bounds
/// swapped, and a percentage.
public struct WilsonIntervalGrader: Grader {
  public typealias Bounds = (lower: Double, upper: Double)

  public static let name = "uncertainty.wilson"
  public static let entryPoints = [
    EntryPoint(
      "wilsonInterval", [.init("successes", "Int"), .init("trials", "Int"), .init("z", "Double")],
      returns: "(lower: Double, upper: Double)")
  ]
  public static let forbiddenSymbols = ["proportionInterval"]

  /// The learner's function.
  let implementation: (Int, Int, Double) -> Bounds
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, Int, Double) -> Bounds).self)
  }

  /// One input: k of n at a confidence level.
  struct Case: Sendable {
    var successes: Int
    var trials: Int
    var level: Double

    /// The critical value of the level, computed as the kernel does.
    var z: Double { standardNormalUpperQuantile((1 - level) / 2) }

    var description: String { "successes \(successes), trials \(trials), z \(formatted(z))" }

    func interval(_ method: ProportionIntervalMethod) -> Bounds {
      let interval = proportionInterval(successes: successes, trials: trials, method: method, level: level)
      return (interval.lower, interval.upper)
    }
  }

  static let levels = [0.9, 0.95, 0.99]

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    func level() -> Double { Self.levels[rng.nextInt(in: 0...2)] }
    let typical = (0..<40).map { _ in
      let trials = rng.nextInt(in: 30...5_000)
      let accuracy = rng.nextDouble(in: 0.5..<0.98)
      return Case(successes: Int(accuracy * Double(trials)), trials: trials, level: level())
    }
    let none = [5, 20, 100, rng.nextInt(in: 2...2_000)].map { Case(successes: 0, trials: $0, level: 0.95) }
    let all = [5, 20, 100, rng.nextInt(in: 2...2_000)].map { Case(successes: $0, trials: $0, level: level()) }
    let single = [Case(successes: 0, trials: 1, level: 0.95), Case(successes: 1, trials: 1, level: level())]
    let nearEdges = (0..<20).flatMap { _ -> [Case] in
      let trials = rng.nextInt(in: 5...40)
      return [Case(successes: 1, trials: trials, level: level()), Case(successes: trials - 1, trials: trials, level: level())]
    }
    return [
      compare("87 right out of 100, 95%", [Case(successes: 87, trials: 100, level: 0.95)], seed: seed),
      compare("accuracies from 0.5 to 0.98 on 30 to 5,000 examples", typical, seed: seed),
      compare("no successes at all: k = 0", none, seed: seed),
      compare("every trial a success: k = n", all, seed: seed),
      compare("a single trial: n = 1", single, seed: seed),
      compare("one success or one failure on 5 to 40 trials", nearEdges, seed: seed),
    ]
  }

  func compare(_ name: String, _ cases: [Case], seed: UInt64) -> Check {
    let tried =
      cases.count == 1 ? cases[0].description : "\(cases.count) cases at z for 90%, 95% and 99%, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for item in cases {
        let expected = item.interval(.wilson)
        let got = implementation(item.successes, item.trials, item.z)
        if tolerance.accepts(got.lower, expected: expected.lower)
          && tolerance.accepts(got.upper, expected: expected.upper)
        {
          continue
        }
        let diagnosis = Mistake.diagnose(got: got, item: item, tolerance: tolerance)
        let text = diagnosis?.message ?? "the bounds differ by more than \(tolerance)."
        return .failed(
          expected: Self.texts(expected, got).expected, got: Self.texts(expected, got).got,
          message: cases.count == 1
            ? text.prefix(1).uppercased() + text.dropFirst() : "At \(item.description): \(text)",
          hint: diagnosis?.hint
            ?? "Centre (p̂ + z²/(2n)) / (1 + z²/n), half-width z·√(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n); return centre minus and plus the half-width.")
      }
      return .passed
    }
  }

  /// Both intervals, each bound shown to the precision at which the two
  /// intervals' bounds differ.
  static func texts(_ expected: Bounds, _ got: Bounds) -> (expected: String, got: String) {
    let lower = ValueDisplay.pair(expected: expected.lower, got: got.lower)
    let upper = ValueDisplay.pair(expected: expected.upper, got: got.upper)
    return ("[\(lower.expected), \(upper.expected)]", "[\(lower.got), \(upper.got)]")
  }

  /// The intervals that common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case wald, waldUnclipped, agrestiCoull, clopperPearson, noQuarterTerm, noDenominator, swapped, percentage

    static func diagnose(got: Bounds, item: Case, tolerance: Tolerance) -> (message: String, hint: String)? {
      if got.lower.isNaN || got.upper.isNaN {
        return (
          "your function returned nan.",
          "Convert to Double before dividing, and check the square root: p̂(1 − p̂)/n + z²/(4n²) is never negative."
        )
      }
      let reference = item.interval(.wilson)
      func matches(_ a: Bounds, _ b: Bounds) -> Bool {
        tolerance.accepts(a.lower, expected: b.lower) && tolerance.accepts(a.upper, expected: b.upper)
      }
      for mistake in allCases {
        let value = mistake.value(item)
        if matches(got, value) && !matches(value, reference) { return (mistake.message, mistake.hint) }
      }
      return nil
    }

    func value(_ item: Case) -> Bounds {
      let n = Double(item.trials)
      let p = Double(item.successes) / n
      let z = item.z
      let wilson = item.interval(.wilson)
      switch self {
      case .wald: return item.interval(.normal)
      case .waldUnclipped:
        let half = z * (p * (1 - p) / n).squareRoot()
        return (p - half, p + half)
      case .agrestiCoull: return item.interval(.agrestiCoull)
      case .clopperPearson: return item.interval(.clopperPearson)
      case .noQuarterTerm, .noDenominator:
        let denominator = 1 + z * z / n
        let centre = (p + z * z / (2 * n)) / denominator
        if self == .noQuarterTerm {
          let half = z * (p * (1 - p) / n).squareRoot() / denominator
          return (centre - half, centre + half)
        }
        let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return (p + z * z / (2 * n) - half, p + z * z / (2 * n) + half)
      case .swapped: return (wilson.upper, wilson.lower)
      case .percentage: return (100 * wilson.lower, 100 * wilson.upper)
      }
    }

    var message: String {
      switch self {
      case .wald, .waldUnclipped:
        "this is Wald's interval, p̂ ± z·√(p̂(1 − p̂)/n), not Wilson's."
      case .agrestiCoull: "this is the Agresti–Coull interval, not Wilson's."
      case .clopperPearson: "this is the Clopper–Pearson (exact) interval, not Wilson's."
      case .noQuarterTerm: "the z²/(4n²) term under the square root is missing."
      case .noDenominator: "the centre and the half-width are not divided by 1 + z²/n."
      case .swapped: "the bounds are swapped: return (lower, upper)."
      case .percentage: "these are the right bounds times 100."
      }
    }

    var hint: String {
      switch self {
      case .wald, .waldUnclipped:
        "Wald's interval has zero width at k = 0 and k = n and spills out of [0, 1] near them. Wilson's solves |p̂ − p| ≤ z·√(p(1 − p)/n) for p, with the unknown p, not p̂, in the standard error."
      case .agrestiCoull, .clopperPearson:
        "Use the score interval: centre (p̂ + z²/(2n)) / (1 + z²/n), half-width z·√(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n)."
      case .noQuarterTerm:
        "Without z²/(4n²), the width at k = 0 is zero again. The half-width is z·√(p̂(1 − p̂)/n + z²/(4n²)) / (1 + z²/n)."
      case .noDenominator:
        "Solving the quadratic in p leaves a factor 1/(1 + z²/n) on both the centre and the half-width."
      case .swapped: "The first element is the lower bound."
      case .percentage: "Return proportions in [0, 1]."
      }
    }
  }
}
