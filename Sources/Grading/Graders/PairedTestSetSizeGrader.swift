import Groundwork

/// Grades the learner's number of paired test examples for McNemar's test
/// (Lessons/1-foundation, the uncertainty lesson), Connor's (1987) formula
/// rounded up.
///
/// Reference: `Stats.pairedSampleSize`. Tolerance: exact. Seeded settings
/// whose unrounded size lies within 1e-6 of a whole number are skipped, so
/// that a different but equivalent order of operations cannot change the
/// rounding.
///
/// The hidden cases name: a one-sided critical value, the power left out
/// (z_β = 0), z_β with the wrong sign, the simpler formula without δ² under
/// the second root, and rounding down or to nearest instead of up.
public struct PairedTestSetSizeGrader: Grader {
  public static let name = "uncertainty.paired-size"
  public static let entryPoints = [
    EntryPoint(
      "pairedTestSetSize",
      [
        .init("difference", "Double"), .init("discordantRate", "Double"), .init("alpha", "Double"),
        .init("power", "Double"),
      ],
      returns: "Int")
  ]
  public static let forbiddenSymbols = ["pairedSampleSize", "sampleSizePerArm"]

  /// The learner's function.
  let implementation: (Double, Double, Double, Double) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Double, Double, Double, Double) -> Int).self)
  }

  /// One setting of δ, ψ, α and the power.
  struct Setting: Sendable {
    var difference: Double
    var discordantRate: Double
    var alpha: Double
    var power: Double

    var description: String {
      "difference \(formatted(difference)), discordantRate \(formatted(discordantRate)), alpha \(formatted(alpha)), power \(formatted(power))"
    }

    var unrounded: Double {
      pairedSampleSizeUnrounded(difference: difference, discordantRate: discordantRate, alpha: alpha, power: power)
    }

    /// Whether the unrounded size is safely away from a whole number.
    var isSafe: Bool { abs(unrounded - unrounded.rounded()) > 1e-6 }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    var seeded: [Setting] = []
    while seeded.count < 60 {
      let difference = rng.nextDouble(in: 0.005..<0.05)
      let setting = Setting(
        difference: difference, discordantRate: rng.nextDouble(in: (1.5 * difference)..<0.3),
        alpha: [0.01, 0.05, 0.1][rng.nextInt(in: 0...2)], power: [0.8, 0.9, 0.95][rng.nextInt(in: 0...2)])
      if setting.isSafe { seeded.append(setting) }
    }
    return [
      compare(
        "2 points apart, disagreeing on 10% and on 5% of examples",
        [
          Setting(difference: 0.02, discordantRate: 0.1, alpha: 0.05, power: 0.8),
          Setting(difference: 0.02, discordantRate: 0.05, alpha: 0.05, power: 0.8),
        ], seed: seed),
      compare(
        "a 1-point difference",
        [0.03, 0.06, 0.1].map { Setting(difference: 0.01, discordantRate: $0, alpha: 0.05, power: 0.8) },
        seed: seed),
      compare(
        "a stricter level and more power: alpha 0.01, power 0.9 and 0.95",
        [
          Setting(difference: 0.01, discordantRate: 0.06, alpha: 0.01, power: 0.9),
          Setting(difference: 0.02, discordantRate: 0.08, alpha: 0.01, power: 0.95),
        ], seed: seed),
      compare("60 settings of the four inputs", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ settings: [Setting], seed: UInt64) -> Check {
    let tried =
      settings.count == 1 ? settings[0].description : "\(settings.count) settings, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for setting in settings {
        let expected = pairedSampleSize(
          difference: setting.difference, discordantRate: setting.discordantRate, alpha: setting.alpha,
          power: setting.power)
        let got = implementation(setting.difference, setting.discordantRate, setting.alpha, setting.power)
        if got == expected { continue }
        let diagnosis = Mistake.diagnose(got: got, expected: expected, setting: setting)
        let text = diagnosis?.message ?? "the number of examples differs."
        return .failed(
          expected: "\(expected)", got: "\(got)", message: "At \(setting.description): \(text)",
          hint: diagnosis?.hint
            ?? "n = (z_{α/2}·√ψ + z_β·√(ψ − δ²))² / δ², rounded up, with z_{α/2} = standardNormalUpperQuantile(alpha / 2) and z_β = standardNormalQuantile(power).")
      }
      return .passed
    }
  }

  /// The answers that common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case oneSided, noPower, negativePower, simpleFormula, roundedDown, roundedToNearest

    static func diagnose(got: Int, expected: Int, setting: Setting) -> (message: String, hint: String)? {
      for mistake in allCases {
        let value = mistake.value(setting)
        if got == value && value != expected { return (mistake.message, mistake.hint) }
      }
      return nil
    }

    func value(_ s: Setting) -> Int {
      let twoSided = standardNormalUpperQuantile(s.alpha / 2)
      let zBeta = standardNormalQuantile(s.power)
      func connor(_ zAlpha: Double, _ zBeta: Double) -> Double {
        let root = zAlpha * s.discordantRate.squareRoot()
          + zBeta * (s.discordantRate - s.difference * s.difference).squareRoot()
        return root * root / (s.difference * s.difference)
      }
      switch self {
      case .oneSided: return Int(connor(standardNormalUpperQuantile(s.alpha), zBeta).rounded(.up))
      case .noPower: return Int(connor(twoSided, 0).rounded(.up))
      case .negativePower: return Int(connor(twoSided, -zBeta).rounded(.up))
      case .simpleFormula:
        let z = twoSided + zBeta
        return Int((z * z * s.discordantRate / (s.difference * s.difference)).rounded(.up))
      case .roundedDown: return Int(s.unrounded.rounded(.down))
      case .roundedToNearest: return Int(s.unrounded.rounded())
      }
    }

    var message: String {
      switch self {
      case .oneSided: "this uses the one-sided critical value z_α; the test is two-sided, so it needs z_{α/2}."
      case .noPower:
        "this leaves out the power term (z_β = 0): with that many examples a real difference of δ is detected only half the time."
      case .negativePower: "z_β has the wrong sign: it is Φ⁻¹(power), positive for a power above 0.5."
      case .simpleFormula:
        "this is the simpler (z_{α/2} + z_β)²·ψ / δ², without the δ² under the second square root."
      case .roundedDown: "this rounds down; a fraction of an example must be rounded up."
      case .roundedToNearest: "this rounds to the nearest whole number; round up, or the power falls short."
      }
    }

    var hint: String {
      switch self {
      case .oneSided: "z_{α/2} = standardNormalUpperQuantile(alpha / 2): 1.96 for alpha = 0.05, not 1.645."
      case .noPower, .negativePower: "z_β = standardNormalQuantile(power): 0.8416 for power 0.8."
      case .simpleFormula:
        "Under the alternative the variance of the discordant difference is ψ − δ², so the power term is z_β·√(ψ − δ²)."
      case .roundedDown, .roundedToNearest: "Use .rounded(.up) before converting to Int."
      }
    }
  }
}
