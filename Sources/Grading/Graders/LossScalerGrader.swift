import Groundwork

/// Grades the learner's dynamic loss scaler (Lessons/1-foundation, the
/// mixed-precision lesson): given which steps' gradients overflowed, the
/// scale each step's loss was multiplied by and whether the step was taken.
/// On overflow the step is skipped, the scale halves and the count of good
/// steps restarts; after `growthInterval` good steps in a row the scale
/// doubles and the count restarts (PyTorch's `GradScaler` policy).
///
/// Reference: the kernel's `DynamicLossScaler`, fed a gradient that is
/// infinite on the overflowing steps. Tolerance: exact (scales are powers
/// of two times the initial scale; decisions are booleans).
///
/// The hidden case aims at the misconception that growth needs
/// `growthInterval` good steps in total: an overflow falls inside a run of
/// good steps, so a counter that is not reset on overflow doubles the scale
/// too early. Other named mistakes: the scale reported after the step's own
/// update, an overflowing step taken anyway, the counter not restarted
/// after growth, and growth one step late.
public struct LossScalerGrader: Grader {
  public static let name = "mixed-precision.loss-scaler"
  public static let entryPoints = [
    EntryPoint(
      "lossScaleTrace",
      [.init("overflows", "[Bool]"), .init("initialScale", "Double"), .init("growthInterval", "Int")],
      returns: "[(scale: Double, stepTaken: Bool)]")
  ]
  public static let forbiddenSymbols = ["DynamicLossScaler", "MixedPrecisionTraining"]

  /// The learner's function.
  let implementation: ([Bool], Double, Int) -> [(scale: Double, stepTaken: Bool)]

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0, as: (([Bool], Double, Int) -> [(scale: Double, stepTaken: Bool)]).self)
  }

  /// One run: which steps overflow, the first scale, the growth interval.
  struct Run: Sendable {
    var overflows: [Bool]
    var initialScale: Double
    var growthInterval: Int

    var description: String {
      "\(overflows.count) steps (\(overflows.filter { $0 }.count) overflow), initial scale \(formatted(initialScale)), growth interval \(growthInterval)"
    }
  }

  /// The kernel's scaler over `run`.
  static func reference(_ run: Run) -> [(scale: Double, stepTaken: Bool)] {
    var scaler = DynamicLossScaler(scale: run.initialScale, growthInterval: run.growthInterval)
    let finite = Tensor([1], shape: [1])
    let overflowed = Tensor([.infinity], shape: [1])
    return run.overflows.map { overflow in
      let scale = scaler.scale
      let taken = scaler.unscale([overflow ? overflowed : finite]) != nil
      return (scale: scale, stepTaken: taken)
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    // PyTorch's defaults: 2^16, growth every 2000 good steps. The first
    // steps of fp16 training often overflow several times in a row.
    var defaults = [true, true, true] + Array(repeating: false, count: 4_500)
    defaults[2_500] = true
    // Good steps 1-3, an overflow, then 2 more: 5 good steps in all but
    // never 4 in a row before step 9.
    let interrupted = Run(
      overflows: [false, false, false, true, false, false, false, false, false, false],
      initialScale: 1_024, growthInterval: 4)
    let seeded = (0..<40).map { _ in
      let interval = rng.nextInt(in: 1...20)
      let rate = rng.nextDouble(in: 0.01..<0.3)
      let steps = rng.nextInt(in: 1...100)
      return Run(
        overflows: (0..<steps).map { _ in rng.nextBernoulli(rate) },
        initialScale: Double(sign: .plus, exponent: rng.nextInt(in: 0...24), significand: 1),
        growthInterval: interval)
    }
    return [
      compare(
        "three overflows, then growth at the default interval",
        [Run(overflows: defaults, initialScale: 65_536, growthInterval: 2_000)], seed: nil),
      compare("no overflow: the scale doubles every 3 steps", [Run(overflows: Array(repeating: false, count: 10), initialScale: 1, growthInterval: 3)], seed: nil),
      compare("an overflow inside a run of good steps", [interrupted], seed: nil),
      compare("growth interval 1", [Run(overflows: [false, true, false, false, true, true, false], initialScale: 8, growthInterval: 1)], seed: nil),
      compare("no steps", [Run(overflows: [], initialScale: 65_536, growthInterval: 2_000)], seed: nil),
      compare("40 seeded runs", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ runs: [Run], seed: UInt64?) -> Check {
    let tried = runs.count == 1 ? runs[0].description : "\(runs.count) runs, seed \(seed ?? 0)"
    return Check(name, tried: tried) { [implementation] in
      for run in runs {
        let expected = Self.reference(run)
        let got = implementation(run.overflows, run.initialScale, run.growthInterval)
        if got.count != expected.count {
          return .failed(
            expected: "\(expected.count) entries", got: "\(got.count) entries",
            message: "For \(run.description): the trace needs one entry per step.",
            hint: "Append one (scale, stepTaken) pair for every element of overflows, skipped steps included.")
        }
        guard let step = expected.indices.first(where: { got[$0] != expected[$0] }) else { continue }
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.trace(run)
          return value.count == got.count && value.indices.allSatisfy { value[$0] == got[$0] }
        }
        let show = { (entry: (scale: Double, stepTaken: Bool)) in
          "scale \(formatted(entry.scale)), \(entry.stepTaken ? "taken" : "skipped")"
        }
        return .failed(
          expected: show(expected[step]), got: show(got[step]),
          message: "For \(run.description), step \(step) (counting from 0) differs first. "
            + (diagnosis?.message ?? "The scale or the decision is not what the scaler's rules give."),
          hint: diagnosis?.hint
            ?? "Record the scale in effect before you update it. Overflow: skip, halve, restart the count. Good step: count it, and at growthInterval in a row double and restart.")
      }
      return .passed
    }
  }

  /// Scalers with one rule wrong, to name the mistake a trace shows.
  enum Mistake: CaseIterable {
    case countNotResetOnOverflow, scaleAfterUpdate, overflowStepTaken, countNotResetAfterGrowth, growthOneLate

    func trace(_ run: Run) -> [(scale: Double, stepTaken: Bool)] {
      var scale = run.initialScale
      var good = 0
      var trace: [(scale: Double, stepTaken: Bool)] = []
      for overflow in run.overflows {
        let before = scale
        if overflow {
          scale *= 0.5
          if self != .countNotResetOnOverflow { good = 0 }
        } else {
          good += 1
          if good == run.growthInterval + (self == .growthOneLate ? 1 : 0) {
            scale *= 2
            if self != .countNotResetAfterGrowth { good = 0 }
          }
        }
        trace.append((scale: self == .scaleAfterUpdate ? scale : before, stepTaken: self == .overflowStepTaken || !overflow))
      }
      return trace
    }

    var message: String {
      switch self {
      case .countNotResetOnOverflow:
        "This trace counts good steps in total: an overflow must restart the count, since growth needs growthInterval good steps in a row."
      case .scaleAfterUpdate: "This trace reports the scale after the step's own update, one step early."
      case .overflowStepTaken: "This trace takes the overflowing steps: their gradients hold inf or NaN and would corrupt the weights."
      case .countNotResetAfterGrowth: "The count is not restarted after the scale grows, so it grows only once."
      case .growthOneLate: "The scale grows one step late: after growthInterval + 1 good steps."
      }
    }

    var hint: String {
      switch self {
      case .countNotResetOnOverflow: "Set the good-step count to 0 whenever a step overflows."
      case .scaleAfterUpdate: "Append the scale the step used before you halve or double it."
      case .overflowStepTaken: "stepTaken is false exactly when the step overflowed."
      case .countNotResetAfterGrowth: "After doubling, set the count back to 0 so the next growth needs another growthInterval good steps."
      case .growthOneLate: "Increment the count first, then double when it equals growthInterval."
      }
    }
  }
}
