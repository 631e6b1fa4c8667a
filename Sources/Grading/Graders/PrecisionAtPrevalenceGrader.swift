import Groundwork
import RealModule

/// Grades the learner's precision at a given prevalence (Lessons/1-foundation,
/// the baselines lesson): PPV = TPR·π / (TPR·π + FPR·(1 − π)).
///
/// Reference: `Stats.precisionAtPrevalence`. Tolerance: relative 1e-9.
///
/// The misconception this exercise is about is that precision measured on a
/// test set carries over to a population with another prevalence. The
/// formula that ignores π, TPR / (TPR + FPR), is exactly right at π = 0.5,
/// so one check is at 0.5 (it passes there) and the hidden ones are at
/// π = 0.001 and across four decades of π, where it fails. Other named
/// mistakes: recall, specificity, π and 1 − π swapped, the negative
/// predictive value, the false discovery rate, the numerator alone, accuracy
/// and a percentage.
public struct PrecisionAtPrevalenceGrader: Grader {
  public static let name = "baselines.precision"
  public static let entryPoints = [
    EntryPoint(
      "precisionAtPrevalence",
      [.init("truePositiveRate", "Double"), .init("falsePositiveRate", "Double"), .init("prevalence", "Double")],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["Stats.precisionAtPrevalence", "accuracyAtPrevalence"]

  /// The learner's function.
  let implementation: (Double, Double, Double) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Double, Double, Double) -> Double).self)
  }

  /// One setting: a classifier's rates and the prevalence where it is used.
  struct Setting: Sendable {
    var tpr: Double
    var fpr: Double
    var prevalence: Double

    var description: String {
      "truePositiveRate \(formatted(tpr)), falsePositiveRate \(formatted(fpr)), prevalence \(formatted(prevalence))"
    }
  }

  /// A classifier that is good on paper: TPR in [0.6, 0.99), FPR in [0.005, 0.2).
  static func rates(rng: inout SplitMix64) -> (Double, Double) {
    (rng.nextDouble(in: 0.6..<0.99), rng.nextDouble(in: 0.005..<0.2))
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    func settings(_ count: Int, prevalence: (inout SplitMix64) -> Double) -> [Setting] {
      (0..<count).map { _ in
        let (tpr, fpr) = Self.rates(rng: &rng)
        return Setting(tpr: tpr, fpr: fpr, prevalence: prevalence(&rng))
      }
    }
    let hand = [Setting(tpr: 0.9, fpr: 0.05, prevalence: 0.01)]
    let balanced = settings(20) { _ in 0.5 }
    let screening = settings(20) { _ in 0.001 }
    let sweep = settings(200) { rng in Double.pow(10, rng.nextDouble(in: -4..<(-0.3))) }
    let common = settings(20) { _ in 0.9 }
    let (tpr, fpr) = Self.rates(rng: &rng)
    let edges = [
      Setting(tpr: tpr, fpr: 0, prevalence: 0.01),
      Setting(tpr: tpr, fpr: fpr, prevalence: 0),
      Setting(tpr: tpr, fpr: fpr, prevalence: 1),
    ]
    return [
      compare("a hand-sized example", hand, seed: seed),
      compare("a balanced test set, prevalence 0.5", balanced, seed: seed),
      compare("screening for something rare, prevalence 0.001", screening, seed: seed),
      compare("prevalence from 0.0001 to 0.5", sweep, seed: seed),
      compare("positives are common, prevalence 0.9", common, seed: seed),
      compare("no false positives; prevalence exactly 0 and 1", edges, seed: seed),
    ]
  }

  func compare(_ name: String, _ settings: [Setting], seed: UInt64) -> Check {
    let tried =
      settings.count == 1
      ? "\(settings[0].description)"
      : "\(settings.count) settings of the rates and the prevalence, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for setting in settings {
        let expected = precisionAtPrevalence(
          truePositiveRate: setting.tpr, falsePositiveRate: setting.fpr, prevalence: setting.prevalence)
        let got = implementation(setting.tpr, setting.fpr, setting.prevalence)
        if tolerance.accepts(got, expected: expected) { continue }
        let diagnosis = Mistake.diagnose(got: got, setting: setting, tolerance: tolerance)
        let text = diagnosis?.message ?? "the precision differs by more than \(tolerance)."
        return .numbersDiffer(
          expected: expected, got: got,
          message: settings.count == 1
            ? text.prefix(1).uppercased() + text.dropFirst() : "At \(setting.description): \(text)",
          hint: diagnosis?.hint
            ?? "Out of all cases, a share TPR·π are true positives and FPR·(1 − π) are false positives; precision is the first share over their sum.")
      }
      return .passed
    }
  }

  /// The wrong answers that common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case ignoresPrevalence, recall, specificity, swappedPrevalence, negativePredictiveValue
    case falseDiscoveryRate, numeratorOnly, accuracy, percentage

    static func diagnose(got: Double, setting: Setting, tolerance: Tolerance) -> (message: String, hint: String)? {
      if got.isNaN {
        return (
          "your function returned nan.",
          "The denominator TPR·π + FPR·(1 − π) is positive in every case graded here; check for a 0/0 elsewhere."
        )
      }
      let reference = precisionAtPrevalence(
        truePositiveRate: setting.tpr, falsePositiveRate: setting.fpr, prevalence: setting.prevalence)
      for mistake in allCases {
        let value = mistake.value(setting)
        if tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: reference) {
          return (mistake.message, mistake.hint)
        }
      }
      return nil
    }

    func value(_ s: Setting) -> Double {
      let ppv = precisionAtPrevalence(truePositiveRate: s.tpr, falsePositiveRate: s.fpr, prevalence: s.prevalence)
      switch self {
      case .ignoresPrevalence: return s.tpr / (s.tpr + s.fpr)
      case .recall: return s.tpr
      case .specificity: return 1 - s.fpr
      case .swappedPrevalence:
        return s.tpr * (1 - s.prevalence) / (s.tpr * (1 - s.prevalence) + s.fpr * s.prevalence)
      case .negativePredictiveValue:
        let trueNegatives = (1 - s.fpr) * (1 - s.prevalence)
        return trueNegatives / (trueNegatives + (1 - s.tpr) * s.prevalence)
      case .falseDiscoveryRate: return 1 - ppv
      case .numeratorOnly: return s.tpr * s.prevalence
      case .accuracy: return s.tpr * s.prevalence + (1 - s.fpr) * (1 - s.prevalence)
      case .percentage: return 100 * ppv
      }
    }

    var message: String {
      switch self {
      case .ignoresPrevalence:
        "this is TPR / (TPR + FPR), the precision at prevalence 0.5, as if positives and negatives were equally common."
      case .recall: "this is the true-positive rate (recall), not the precision."
      case .specificity: "this is the specificity, 1 − FPR."
      case .swappedPrevalence: "this weights TPR by 1 − π and FPR by π: the prevalence is swapped."
      case .negativePredictiveValue: "this is the negative predictive value, P(negative | predicted negative)."
      case .falseDiscoveryRate: "this is the false discovery rate, 1 − precision."
      case .numeratorOnly: "this is TPR·π, the share of all cases that are true positives."
      case .accuracy: "this is the accuracy at that prevalence, not the precision."
      case .percentage: "this is the right value times 100."
      }
    }

    var hint: String {
      switch self {
      case .ignoresPrevalence:
        "Precision does not transfer from the test set: the rarer the positives, the more of the alarms come from the much larger negative class. Weight TPR by π and FPR by 1 − π."
      case .recall, .specificity, .accuracy:
        "Precision asks: of the cases flagged positive, what share really are positive? Both true and false positives are flagged."
      case .swappedPrevalence:
        "π is the share of positives: true positives are TPR·π of all cases, false positives FPR·(1 − π)."
      case .negativePredictiveValue, .falseDiscoveryRate:
        "Put the true positives, TPR·π, over everything flagged positive, TPR·π + FPR·(1 − π)."
      case .numeratorOnly:
        "Divide by the share of all cases that are flagged positive, TPR·π + FPR·(1 − π)."
      case .percentage:
        "Return a fraction in [0, 1], not a percentage."
      }
    }
  }
}
