import Groundwork
import RealModule

/// Grades the learner's warm-up and cosine learning-rate schedule
/// (Lessons/2-training, the optimizers lesson).
///
/// Reference: `Autograd.CosineWithWarmup.rate(at:)`. Tolerance: relative 1e-12.
///
/// The hidden cases sit on the boundaries where schedules go wrong: step 0
/// (a warm-up of step / W gives a rate of 0, a wasted first step), the last
/// warm-up step and the first cosine step, steps past `totalSteps` (a cosine
/// that keeps going climbs back up), and a minimum above zero (a decay to 0
/// ignores it). Named mistakes: the warm-up off by one, the cosine measured
/// from step 0 instead of from the end of warm-up, the cosine continued past
/// `totalSteps`, and the minimum left out.
public struct WarmupCosineGrader: Grader {
  public static let name = "training.warmup-cosine"
  public static let entryPoints = [
    EntryPoint(
      "warmupCosineRate",
      [
        .init("step", "Int"), .init("peak", "Double"), .init("warmupSteps", "Int"), .init("totalSteps", "Int"),
        .init("minimum", "Double"),
      ],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["CosineWithWarmup", "StepDecay", "LearningRateSchedule"]

  /// The learner's function.
  let implementation: (Int, Double, Int, Int, Double) -> Double
  let tolerance = Tolerance.relative(1e-12)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, Double, Int, Int, Double) -> Double).self)
  }

  /// One schedule and the steps to try.
  struct Schedule: Sendable {
    var peak: Double
    var warmupSteps: Int
    var totalSteps: Int
    var minimum: Double
    var steps: [Int]

    var description: String {
      "peak \(peak), warmupSteps \(warmupSteps), totalSteps \(totalSteps), minimum \(minimum)"
    }

    func expected(_ step: Int) -> Double {
      CosineWithWarmup(base: peak, warmupSteps: warmupSteps, totalSteps: totalSteps, minimum: minimum).rate(at: step)
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let handSized = Schedule(peak: 1e-3, warmupSteps: 4, totalSteps: 12, minimum: 0, steps: Array(0...12))
    let warmup = rng.nextInt(in: 50...500)
    let total = warmup + rng.nextInt(in: 1_000...20_000)
    let boundaries = Schedule(
      peak: rng.nextDouble(in: 1e-4..<1e-2), warmupSteps: warmup, totalSteps: total, minimum: 0,
      steps: [0, 1, warmup - 1, warmup, warmup + 1, (warmup + total) / 2, total - 1])
    let floor = Schedule(
      peak: 3e-4, warmupSteps: warmup, totalSteps: total, minimum: 3e-5,
      steps: [total - 1, total, total + 1, total + rng.nextInt(in: 2...5_000), 2 * total])
    let noWarmup = Schedule(
      peak: 0.1, warmupSteps: 0, totalSteps: 90, minimum: 0.001, steps: [0, 1, 45, 89, 90, 100])
    let seeded = Schedule(
      peak: rng.nextDouble(in: 1e-5..<1), warmupSteps: warmup, totalSteps: total,
      minimum: rng.nextDouble(in: 0..<1e-5), steps: (0..<200).map { _ in rng.nextInt(in: 0...(total + 1_000)) })
    return [
      compare("a short schedule, every step", handSized, seed: seed),
      compare("step 0 and the ends of warm-up", boundaries, seed: seed),
      compare("a minimum above zero, and steps past totalSteps", floor, seed: seed),
      compare("no warm-up at all", noWarmup, seed: seed),
      compare("200 seeded steps", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ schedule: Schedule, seed: UInt64) -> Check {
    Check(name, tried: "\(schedule.description), \(schedule.steps.count) steps, seed \(seed)") {
      [implementation, tolerance] in
      for step in schedule.steps {
        let expected = schedule.expected(step)
        let got = implementation(step, schedule.peak, schedule.warmupSteps, schedule.totalSteps, schedule.minimum)
        if tolerance.accepts(got, expected: expected) { continue }
        let mistake = Mistake.allCases.first { mistake in
          let value = mistake.rate(step, schedule)
          return tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: expected)
        }
        return .failed(
          expected: formatted(expected), got: formatted(got),
          message: "At step \(step): " + (mistake?.message ?? "the rate differs."),
          hint: mistake?.hint
            ?? "Three regions: step < warmupSteps (linear, reaching peak at the last warm-up step), then the cosine from peak to minimum, then minimum from totalSteps on.")
      }
      return .passed
    }
  }

  /// The rates that common mistakes give, to name the mistake.
  enum Mistake: CaseIterable {
    case warmupFromZero, cosineFromStepZero, cosineContinues, minimumIgnored

    func rate(_ step: Int, _ s: Schedule) -> Double {
      let w = Double(s.warmupSteps)
      let t = Double(s.totalSteps)
      let progress = (Double(step) - w) / (t - w)
      func cosine(_ p: Double, _ floor: Double) -> Double { floor + (s.peak - floor) * 0.5 * (1 + Double.cos(.pi * p)) }
      switch self {
      case .warmupFromZero: return step < s.warmupSteps ? s.peak * Double(step) / w : s.expected(step)
      case .cosineFromStepZero:
        return step < s.warmupSteps || step >= s.totalSteps ? s.expected(step) : cosine(Double(step) / t, s.minimum)
      case .cosineContinues: return step < s.warmupSteps ? s.expected(step) : cosine(progress, s.minimum)
      case .minimumIgnored:
        return step < s.warmupSteps ? s.expected(step) : step >= s.totalSteps ? 0 : cosine(progress, 0)
      }
    }

    var message: String {
      switch self {
      case .warmupFromZero: "this warms up as peak · step / W, which is 0 at step 0."
      case .cosineFromStepZero: "this measures the cosine's progress from step 0; it starts at the end of warm-up."
      case .cosineContinues: "this keeps the cosine going past totalSteps, where it climbs back up."
      case .minimumIgnored: "this decays to 0 and ignores the minimum."
      }
    }

    var hint: String {
      switch self {
      case .warmupFromZero:
        "A rate of 0 wastes the first step. The kernel's convention is peak · (step + 1) / W, which reaches peak at step W − 1."
      case .cosineFromStepZero: "Progress is (step − W) / (T − W): 0 when warm-up ends, 1 at totalSteps."
      case .cosineContinues: "From totalSteps on, the rate stays at minimum."
      case .minimumIgnored: "The cosine goes from peak down to minimum: minimum + (peak − minimum) · ½ · (1 + cos(π · progress))."
      }
    }
  }
}
