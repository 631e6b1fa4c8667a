import Groundwork
import RealModule

/// Grades the learner's cross-entropy with label smoothing
/// (Lessons/2-training, the overfitting lesson).
///
/// Reference: `Autograd.Loss.crossEntropy(logits:targets:labelSmoothing:)`
/// on float64 logits. Tolerance: relative 1e-9.
///
/// The hidden cases aim at two misconceptions. That smoothing moves ε from
/// the target to the *other* classes (ε/(K − 1) each, the target keeping
/// 1 − ε): Szegedy et al. mix with the uniform distribution over all K
/// classes, so the target keeps 1 − ε + ε/K; with K = 2 the two differ by a
/// factor of two in what the wrong class gets. And that a softmax can be
/// computed as exp(z) / Σ exp(z): logits of several hundred overflow to inf
/// and the loss comes back nan. Also named: no smoothing at all, only the
/// target's term kept, a sum over rows instead of the mean, and log base 10.
public struct LabelSmoothingGrader: Grader {
  public static let name = "training.label-smoothing"
  public static let entryPoints = [
    EntryPoint(
      "labelSmoothedCrossEntropy",
      [.init("logits", "[[Double]]"), .init("targets", "[Int]"), .init("smoothing", "Double")],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["crossEntropy", "logSoftmax", "Loss"]

  /// The learner's function.
  let implementation: ([[Double]], [Int], Double) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([[Double]], [Int], Double) -> Double).self)
  }

  /// Logits, targets and ε.
  struct Batch: Sendable {
    var logits: [[Double]]
    var targets: [Int]
    var smoothing: Double

    var description: String {
      "\(logits.count) rows of \(logits.first?.count ?? 0) classes, smoothing \(smoothing)"
    }

    static func seeded(rows: Int, classes: Int, scale: Double, smoothing: Double, rng: inout SplitMix64) -> Batch {
      Batch(
        logits: (0..<rows).map { _ in (0..<classes).map { _ in rng.nextNormal() * scale } },
        targets: (0..<rows).map { _ in rng.nextInt(in: 0...(classes - 1)) }, smoothing: smoothing)
    }

    /// The kernel's loss.
    var expected: Double {
      let flat = logits.flatMap { $0 }
      let variable = Variable(Tensor(flat, shape: [logits.count, logits.first?.count ?? 0]))
      return Loss.crossEntropy(logits: variable, targets: targets, labelSmoothing: smoothing).value.item()
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let handSized = Batch(logits: [[2, 0, -1], [0.5, 0.5, 3]], targets: [0, 1], smoothing: 0.1)
    return [
      compare("two rows of three classes, ε = 0.1", handSized, seed: seed),
      compare("ε = 0 is plain cross-entropy", .seeded(rows: 20, classes: 10, scale: 2, smoothing: 0, rng: &rng), seed: seed),
      compare("two classes, ε = 0.2", .seeded(rows: 50, classes: 2, scale: 3, smoothing: 0.2, rng: &rng), seed: seed),
      compare("logits in the hundreds", .seeded(rows: 16, classes: 5, scale: 400, smoothing: 0.1, rng: &rng), seed: seed),
      compare("100 rows of 1,000 classes, ε = 0.1", .seeded(rows: 100, classes: 1_000, scale: 4, smoothing: 0.1, rng: &rng), seed: seed),
    ]
  }

  func compare(_ name: String, _ batch: Batch, seed: UInt64) -> Check {
    Check(name, tried: "\(batch.description), seed \(seed)") { [implementation, tolerance] in
      let expected = batch.expected
      let got = implementation(batch.logits, batch.targets, batch.smoothing)
      if tolerance.accepts(got, expected: expected) { return .passed }
      if !got.isFinite {
        return .failed(
          expected: formatted(expected), got: formatted(got),
          message: "The loss is not finite: exp of a large logit overflows Double.",
          hint: "Subtract the row's largest logit before exponentiating: log Σ exp(z_c) = m + log Σ exp(z_c − m). Then log p_c = z_c − that, with no division.")
      }
      let mistake = Mistake.allCases.first { mistake in
        let value = mistake.value(batch)
        return tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: expected)
      }
      return .failed(
        expected: formatted(expected), got: formatted(got),
        message: mistake?.message ?? "The loss differs by more than \(tolerance).",
        hint: mistake?.hint
          ?? "Per row, q_c = ε/K for every class plus 1 − ε for the target; the loss is −Σ_c q_c · log p_c, averaged over rows.")
    }
  }

  /// The values that common mistakes give, to name the mistake.
  enum Mistake: CaseIterable {
    case spreadOverOthers, noSmoothing, targetTermOnly, summed, log10

    func value(_ batch: Batch) -> Double {
      var total = 0.0
      for (row, target) in zip(batch.logits, batch.targets) {
        let k = Double(row.count)
        let largest = row.max() ?? 0
        let logSumExp = largest + Double.log(row.reduce(0) { $0 + Double.exp($1 - largest) })
        let ε = batch.smoothing
        for (c, z) in row.enumerated() {
          let logP = self == .log10 ? (z - logSumExp) / Double.log(10) : z - logSumExp
          let q: Double
          switch self {
          case .spreadOverOthers: q = c == target ? 1 - ε : ε / (k - 1)
          case .noSmoothing: q = c == target ? 1 : 0
          case .targetTermOnly: q = c == target ? 1 - ε + ε / k : 0
          case .summed, .log10: q = ε / k + (c == target ? 1 - ε : 0)
          }
          total -= q * logP
        }
      }
      return self == .summed ? total : total / Double(batch.logits.count)
    }

    var message: String {
      switch self {
      case .spreadOverOthers: "This spreads ε over the other K − 1 classes and leaves the target 1 − ε."
      case .noSmoothing: "This is plain cross-entropy: the smoothing is missing."
      case .targetTermOnly: "This keeps only the target class's term."
      case .summed: "This is the sum over rows, not the mean."
      case .log10: "This uses log base 10."
      }
    }

    var hint: String {
      switch self {
      case .spreadOverOthers:
        "Szegedy et al. mix the one-hot target with the uniform distribution over all K classes: every class gets ε/K, the target gets 1 − ε on top (1 − ε + ε/K in all)."
      case .noSmoothing: "Use q_c = (1 − ε)·[c = target] + ε/K as the target distribution, not the one-hot vector."
      case .targetTermOnly:
        "Every class with q_c > 0 contributes −q_c · log p_c; with smoothing that is all K classes, which is what pushes wrong classes' probabilities up."
      case .summed: "Divide by the number of rows, as the kernel and PyTorch do by default."
      case .log10: "Cross-entropy uses the natural logarithm (Double.log)."
      }
    }
  }
}
