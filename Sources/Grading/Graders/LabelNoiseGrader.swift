import Groundwork

/// Grades the learner's correction of a measured accuracy for symmetric
/// label noise (Lessons/1-foundation, the data-provenance lesson):
/// `a = (m − η/(K − 1)) / (1 − η − η/(K − 1))`.
///
/// Reference: `Stats.accuracyCorrectedForLabelNoise`. Tolerance: relative
/// 1e-9.
///
/// The misconception is that a noisy label only ever costs accuracy, so
/// dividing by `1 − η` undoes it. That forgets that a wrong prediction
/// agrees with a wrong label by chance, `η/(K − 1)` of the time: nearly
/// nothing with 100 classes, a lot with two. The hidden case is binary
/// labels with 15–35% noise, where `m/(1 − η)` is far off. Other named
/// mistakes: no correction, the noise added back, the forward direction,
/// the binary formula used for K classes.
public struct LabelNoiseGrader: Grader {
  public static let name = "data.label-noise"
  public static let entryPoints = [
    EntryPoint(
      "trueAccuracy", [.init("measured", "Double"), .init("noiseRate", "Double"), .init("classes", "Int")],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["accuracyCorrectedForLabelNoise", "measuredAccuracyUnderLabelNoise"]

  /// The learner's function.
  let implementation: (Double, Double, Int) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Double, Double, Int) -> Double).self)
  }

  /// One measurement: an accuracy against noisy labels, the noise rate and
  /// the number of classes.
  struct Setting: Sendable {
    var measured: Double
    var noiseRate: Double
    var classes: Int

    var description: String {
      "measured \(formatted(measured)), noiseRate \(formatted(noiseRate)), classes \(classes)"
    }
  }

  /// The accuracy a model of true accuracy `a` measures.
  static func setting(trueAccuracy a: Double, noiseRate: Double, classes: Int) -> Setting {
    Setting(
      measured: measuredAccuracyUnderLabelNoise(trueAccuracy: a, noiseRate: noiseRate, classes: classes),
      noiseRate: noiseRate, classes: classes)
  }

  /// A test set of `count` examples for a model of true accuracy `a`, with
  /// its labels flipped at rate `η` to a uniformly chosen other class, and
  /// the accuracy measured against the flipped labels.
  static func simulated(
    count: Int, trueAccuracy a: Double, noiseRate: Double, classes: Int, rng: inout SplitMix64
  ) -> Setting {
    var agreements = 0
    for _ in 0..<count {
      let label = rng.nextInt(in: 0...(classes - 1))
      let prediction = rng.nextBernoulli(a) ? label : (label + rng.nextInt(in: 1...(classes - 1))) % classes
      let noisy = rng.nextBernoulli(noiseRate) ? (label + rng.nextInt(in: 1...(classes - 1))) % classes : label
      if prediction == noisy { agreements += 1 }
    }
    return Setting(measured: Double(agreements) / Double(count), noiseRate: noiseRate, classes: classes)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = [Self.setting(trueAccuracy: 0.9, noiseRate: 0.05, classes: 10)]
    let seeded = (0..<50).map { _ in
      Self.setting(
        trueAccuracy: rng.nextDouble(in: 0.5..<0.99), noiseRate: rng.nextDouble(in: 0.01..<0.3),
        classes: rng.nextInt(in: 3...100))
    }
    let binary = (0..<20).map { _ in
      Self.setting(trueAccuracy: rng.nextDouble(in: 0.6..<0.99), noiseRate: rng.nextDouble(in: 0.15..<0.35), classes: 2)
    }
    let clean = (0..<5).map { _ in
      Self.setting(trueAccuracy: rng.nextDouble(in: 0.5..<1), noiseRate: 0, classes: rng.nextInt(in: 2...20))
    }
    let simulated = [
      Self.simulated(count: 20_000, trueAccuracy: 0.9, noiseRate: 0.05, classes: 10, rng: &rng),
      Self.simulated(count: 20_000, trueAccuracy: 0.85, noiseRate: 0.2, classes: 2, rng: &rng),
    ]
    return [
      compare("a model of true accuracy 0.9, 5% noise, 10 classes", hand, seed: seed),
      compare("50 seeded settings, 3 to 100 classes", seeded, seed: seed),
      compare("two classes with 15% to 35% noise", binary, seed: seed),
      compare("no noise at all", clean, seed: seed),
      compare("accuracies measured on simulated noisy test sets of 20,000", simulated, seed: seed),
    ]
  }

  func compare(_ name: String, _ settings: [Setting], seed: UInt64) -> Check {
    let tried = settings.count == 1 ? settings[0].description : "\(settings.count) settings, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for setting in settings {
        let expected = accuracyCorrectedForLabelNoise(
          measured: setting.measured, noiseRate: setting.noiseRate, classes: setting.classes)
        let got = implementation(setting.measured, setting.noiseRate, setting.classes)
        if tolerance.accepts(got, expected: expected) { continue }
        let mistake = Mistake.allCases.first { mistake in
          let value = mistake.value(setting)
          return tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: expected)
        }
        return .failed(
          expected: formatted(expected), got: formatted(got),
          message: "At \(setting.description): " + (mistake?.message ?? "the corrected accuracy differs."),
          hint: mistake?.hint
            ?? "Write m as a function of a: right and label kept, plus wrong and label changed to exactly the wrong answer. Then solve for a.")
      }
      return .passed
    }
  }

  /// What common mistakes return, to name them.
  enum Mistake: CaseIterable {
    case dividedByKept, uncorrected, noiseAdded, forward, binaryFormula

    func value(_ s: Setting) -> Double {
      let m = s.measured
      let eta = s.noiseRate
      switch self {
      case .dividedByKept: return m / (1 - eta)
      case .uncorrected: return m
      case .noiseAdded: return m + eta
      case .forward:
        return measuredAccuracyUnderLabelNoise(trueAccuracy: m, noiseRate: eta, classes: s.classes)
      case .binaryFormula: return (m - eta) / (1 - 2 * eta)
      }
    }

    var message: String {
      switch self {
      case .dividedByKept:
        "this is m / (1 − η), which forgets that a wrong prediction matches a wrong label η/(K − 1) of the time."
      case .uncorrected: "this is the measured accuracy itself, uncorrected."
      case .noiseAdded: "this is m + η: noise does not cost exactly η of accuracy."
      case .forward: "this applies the noise to m again (the forward formula) instead of inverting it."
      case .binaryFormula: "this is the two-class formula (m − η)/(1 − 2η); with K classes the chance match is η/(K − 1)."
      }
    }

    var hint: String {
      switch self {
      case .dividedByKept, .binaryFormula, .noiseAdded:
        "m = a(1 − η) + (1 − a)·η/(K − 1): the second term is a wrong prediction meeting a label changed to exactly that class. Solve it for a."
      case .uncorrected, .forward:
        "Start from m = a(1 − η) + (1 − a)·η/(K − 1) and solve for a; the answer is larger than m when the model beats chance."
      }
    }
  }
}
