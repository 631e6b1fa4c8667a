import Groundwork
import RealModule

/// Grades the learner's loss-scale search (Lessons/1-foundation, the
/// mixed-precision lesson): the smallest power of two S ≥ 1 at which at most
/// a given fraction of the non-zero gradients round to zero in Float16 after
/// multiplication by S, or 0 when that scale makes some gradient overflow.
///
/// Reference: `Float16(g · S)` of every gradient, the rounding the hardware
/// does, searched over S = 1, 2, 4, …. Tolerance: exact.
///
/// The hidden cases aim at the misconception that a gradient survives only
/// if g · S is at least Float16's smallest subnormal 2⁻²⁴ (or its smallest
/// normal 2⁻¹⁴): rounding to nearest keeps everything above 2⁻²⁵, so those
/// thresholds ask for twice (or 2¹¹ times) too large a scale. Others: the
/// overflow threshold taken as 65504 (values below 65520 round down to
/// 65504 and stay finite), the fraction taken over all gradients instead of
/// the non-zero ones, and a strict "less than" where the limit is "at most".
public struct LossScaleSearchGrader: Grader {
  public static let name = "mixed-precision.loss-scale-search"
  public static let entryPoints = [
    EntryPoint(
      "smallestSafeScale", [.init("gradients", "[Float]"), .init("maxUnderflowFraction", "Double")],
      returns: "Float")
  ]

  /// The learner's function.
  let implementation: ([Float], Double) -> Float

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Float], Double) -> Float).self)
  }

  /// One question: gradients and the underflow fraction allowed.
  struct Case: Sendable {
    var gradients: [Float]
    var fraction: Double
    var description: String {
      let zeros = gradients.filter { $0 == 0 }.count
      return "\(gradients.count) gradients (\(zeros) exactly 0), at most \(fraction) may underflow"
    }
  }

  /// How a search decides underflow, overflow and the limit: the right way
  /// and the mistaken ones.
  enum Rule: CaseIterable {
    case rounding, subnormalThreshold, normalThreshold, overflowAbove65504, fractionOfAll, strictLimit

    func underflows(_ product: Float) -> Bool {
      switch self {
      case .subnormalThreshold: abs(product) < 0x1p-24
      case .normalThreshold: abs(product) < 0x1p-14
      default: Float16(product) == 0
      }
    }

    func overflows(_ product: Float) -> Bool {
      self == .overflowAbove65504 ? abs(product) > 65_504 : !Float16(product).isFinite
    }

    func scale(_ question: Case) -> Float {
      let nonZero = question.gradients.filter { $0 != 0 }
      let denominator = Double(self == .fractionOfAll ? question.gradients.count : nonZero.count)
      var scale: Float = 1
      while scale.isFinite {
        let count = Double(nonZero.filter { underflows($0 * scale) }.count)
        let allowed = question.fraction * denominator
        if self == .strictLimit ? count < allowed || count == 0 : count <= allowed {
          return nonZero.contains { overflows($0 * scale) } ? 0 : scale
        }
        scale *= 2
      }
      return 0
    }

    var message: String {
      switch self {
      case .rounding: ""
      case .subnormalThreshold:
        "This treats every g·S below 2⁻²⁴ as lost, but Float16 rounds to nearest: values above 2⁻²⁵ round up to 2⁻²⁴ and survive."
      case .normalThreshold:
        "This treats every g·S below 2⁻¹⁴, Float16's smallest normal number, as lost; subnormals down to 2⁻²⁴ (and anything that rounds to them) are kept."
      case .overflowAbove65504:
        "This treats every g·S above 65504 as an overflow, but values below 65520 round down to 65504 and stay finite."
      case .fractionOfAll:
        "This takes the fraction over all gradients; the zeros cannot underflow, so the fraction is over the non-zero ones."
      case .strictLimit: "This requires fewer underflows than the limit; the limit itself is allowed (at most)."
      }
    }

    var hint: String {
      switch self {
      case .rounding: ""
      case .subnormalThreshold, .normalThreshold:
        "Do not compare with a threshold: convert each product to Float16 and test whether the result is 0."
      case .overflowAbove65504: "Convert g·S to Float16 and test isFinite instead of comparing with 65504."
      case .fractionOfAll: "Leave the exact zeros out of both counts."
      case .strictLimit: "Accept a scale when underflows ≤ maxUnderflowFraction × (non-zero count)."
      }
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let ordinary: [Float] = (0..<98).map { _ in Float(rng.nextDouble(in: -1e-3..<1e-3)) }
    // 1.5·2⁻³⁵ survives at 2¹⁰ (1.5·2⁻²⁵ rounds up to 2⁻²⁴), not at 2⁹.
    let roundsUp = Case(gradients: ordinary + [1.5 * 0x1p-35, 0.01], fraction: 0)
    // 255.8984375 · 256 = 65510 rounds to 65504: finite at the answer 2⁸.
    let nearTop = Case(gradients: ordinary + [1.25 * 0x1p-33, 65_510.0 / 256], fraction: 0)
    // 100 zeros: 2 of 200 gradients is 1%, but 2 of the 100 non-zero is 2%.
    let withZeros = Case(
      gradients: Array(ordinary) + [0x1p-40, 0x1p-30] + Array(repeating: 0, count: 100), fraction: 0.01)
    // 200 non-zero, 1%: 2 underflows are allowed.
    let boundary = Case(
      gradients: (0..<197).map { _ in Float(rng.nextDouble(in: 1e-4..<1e-2)) } + [0x1p-40, 0x1p-38, 0x1p-30],
      fraction: 0.01)
    let seeded = (0..<30).map { _ in
      let centre = rng.nextDouble(in: -40 ..< -18)
      let spread = rng.nextDouble(in: 1..<5)
      let count = rng.nextInt(in: 50...2_000)
      let gradients: [Float] = (0..<count).map { _ in
        if rng.nextBernoulli(0.05) { return 0 }
        let magnitude = Float(Double.exp2(centre + spread * rng.nextNormal()))
        return rng.nextBernoulli(0.5) ? magnitude : -magnitude
      }
      return Case(gradients: gradients, fraction: [0, 0.001, 0.01, 0.05][rng.nextInt(in: 0...3)])
    }
    return [
      compare("gradients already in range", [Case(gradients: ordinary, fraction: 0)], seed: seed),
      compare("a product between 2⁻²⁵ and 2⁻²⁴ rounds up", [roundsUp], seed: seed),
      compare("a product of 65510 rounds down to 65504", [nearTop], seed: seed),
      compare("half the gradients are exactly 0", [withZeros], seed: seed),
      compare("exactly the allowed number of underflows", [boundary], seed: seed),
      compare("30 seeded log-normal gradient sets", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ cases: [Case], seed: UInt64) -> Check {
    let tried = cases.count == 1 ? cases[0].description + ", seed \(seed)" : "\(cases.count) gradient sets, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for question in cases {
        let expected = Rule.rounding.scale(question)
        let got = implementation(question.gradients, question.fraction)
        if got == expected { continue }
        let diagnosis = Rule.allCases.dropFirst().first { $0.scale(question) == got }
        return .failed(
          expected: formatted(Double(expected)), got: formatted(Double(got)),
          message: "For \(question.description): "
            + (diagnosis?.message ?? "this is not the smallest power of two that keeps enough gradients."),
          hint: diagnosis?.hint
            ?? "Try S = 1, 2, 4, … in order. At each, count the non-zero g with Float16(g·S) == 0; stop at the first S where that count is small enough, and return 0 if some Float16(g·S) is infinite there.")
      }
      return .passed
    }
  }
}
