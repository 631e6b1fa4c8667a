import Groundwork
import RealModule

/// Grades the learner's mean of Float16 losses (Lessons/1-foundation, the
/// mixed-precision lesson): widen to Float, accumulate in Float, round to
/// Float16 once at the end, which is what autocast does for reductions.
///
/// Reference: the exact mean, summed in Double. Tolerance: within one
/// Float16 epsilon, |got − mean| ≤ 2⁻¹⁰ · |mean|: a Float sum of up to
/// 100,000 values is far more accurate than that, and the final rounding
/// to Float16 costs at most half of it.
///
/// The hidden cases aim at the misconception that the inputs' format is
/// good enough for their sum: 4,096 losses near 2 (a Float16 sum stalls
/// at 8192, where adding less than 4 rounds to nothing), 100,000 losses
/// (their sum is past 65504, infinite if rounded to Float16 before the
/// division) and 50,000 losses near 1e-4 (a Float16 sum stalls at 0.25).
/// Named mistakes:
/// a Float16 running sum, each loss divided by n in Float16 before summing,
/// and the Float sum rounded to Float16 before the division.
public struct Float32AccumulationGrader: Grader {
  public static let name = "mixed-precision.accumulate"
  public static let entryPoints = [
    EntryPoint("meanLoss", [.init(label: "_", name: "losses", "[Float16]")], returns: "Float16")
  ]

  /// The learner's function.
  let implementation: ([Float16]) -> Float16

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Float16]) -> Float16).self)
  }

  /// `count` Float16 losses drawn uniformly from `range`.
  static func losses(_ count: Int, in range: Range<Double>, rng: inout SplitMix64) -> [Float16] {
    (0..<count).map { _ in Float16(rng.nextDouble(in: range)) }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let seeded = (0..<20).map { _ in
      let low = Double.pow(10, rng.nextDouble(in: -4..<1))
      return Self.losses(rng.nextInt(in: 1...20_000), in: low..<(4 * low), rng: &rng)
    }
    return [
      compare("8 losses near 2", [Self.losses(8, in: 1.5..<3, rng: &rng)], seed: seed),
      compare("4,096 losses near 2", [Self.losses(4_096, in: 1.5..<3, rng: &rng)], seed: seed),
      compare("100,000 losses near 2: their sum is past 65504", [Self.losses(100_000, in: 1.5..<3, rng: &rng)], seed: seed),
      compare("50,000 losses near 1e-4", [Self.losses(50_000, in: 0.5e-4..<1.5e-4, rng: &rng)], seed: seed),
      compare("20 seeded batches from 1 to 20,000 losses", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ batches: [[Float16]], seed: UInt64) -> Check {
    let tried = batches.count == 1 ? "\(batches[0].count) losses, seed \(seed)" : "\(batches.count) batches, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for losses in batches {
        let exact = losses.reduce(0.0) { $0 + Double($1) } / Double(losses.count)
        let got = implementation(losses)
        if abs(Double(got) - exact) <= 0x1p-10 * abs(exact) { continue }
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.mean(losses)
          return value == got || (value.isNaN && got.isNaN)
        }
        return .failed(
          expected: "\(Float16(exact)) (exact mean \(exact), within 2⁻¹⁰ relative)", got: "\(got)",
          message: "For \(losses.count) losses: " + (diagnosis?.message ?? "the mean is off by more than one Float16 epsilon."),
          hint: diagnosis?.hint ?? "Widen each loss to Float, add them in a Float variable, divide in Float, and convert to Float16 once at the end.")
      }
      return .passed
    }
  }

  /// Means computed with a Float16 step somewhere, to name the mistake.
  enum Mistake: CaseIterable {
    case float16Sum, float16DivideFirst, sumRoundedBeforeDivision

    func mean(_ losses: [Float16]) -> Float16 {
      let n = Float16(losses.count)
      switch self {
      case .float16Sum:
        return losses.reduce(Float16(0), +) / n
      case .float16DivideFirst:
        return losses.reduce(Float16(0)) { $0 + $1 / n }
      case .sumRoundedBeforeDivision:
        return Float16(losses.reduce(Float(0)) { $0 + Float($1) }) / n
      }
    }

    var message: String {
      switch self {
      case .float16Sum:
        "this is what a Float16 running sum gives: it rounds every addition to its spacing (8 above 8192), so it drifts and then stops growing."
      case .float16DivideFirst:
        "this divides each loss by n in Float16 first: the quotients are tiny (often subnormal) and a Float16 sum of them stalls."
      case .sumRoundedBeforeDivision:
        "the sum is right but it is rounded to Float16 before the division, where a sum past 65504 becomes infinity."
      }
    }

    var hint: String {
      switch self {
      case .float16Sum, .float16DivideFirst:
        "Keep the running sum in a Float: var sum: Float = 0, then sum += Float(loss)."
      case .sumRoundedBeforeDivision:
        "Divide while still in Float, and convert only the mean to Float16."
      }
    }
  }
}
