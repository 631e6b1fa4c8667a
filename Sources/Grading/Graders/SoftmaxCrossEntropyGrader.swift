import Groundwork

/// Grades the learner's cross-entropy and its gradient for one example
/// (Lessons/2-training, the tensor backward lesson).
///
/// Reference: the kernel's `Loss.crossEntropy` on a [1, C] float64 logit row
/// and its autograd gradient. Tolerance: relative 1e-9 on the loss and on
/// every component of the gradient.
///
/// The misconception it is built to catch: softmax computed as e^z / Σ e^z
/// without subtracting the maximum, which overflows to inf (and then nan)
/// once a logit passes about 709. The hidden cases have logits of ±1,000 and
/// ±10,000; a non-finite answer there is named as overflow. Also named: the
/// gradient with the wrong sign (onehot − p) and the gradient of the
/// probability instead of the loss (softmax without the − onehot).
public struct SoftmaxCrossEntropyGrader: Grader {
  public static let name = "training.softmax-cross-entropy"
  public static let entryPoints = [
    EntryPoint("crossEntropy", [.init("logits", "[Double]"), .init("label", "Int")], returns: "Double"),
    EntryPoint("crossEntropyGradient", [.init("logits", "[Double]"), .init("label", "Int")], returns: "[Double]"),
  ]
  public static let forbiddenSymbols = ["Variable", "Loss", "logSoftmax", "softmax"]

  /// The learner's loss and gradient.
  let loss: ([Double], Int) -> Double
  let gradient: ([Double], Int) -> [Double]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    loss = try GraderSetupError.entry(entries, 0, as: (([Double], Int) -> Double).self)
    gradient = try GraderSetupError.entry(entries, 1, as: (([Double], Int) -> [Double]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let random = (0..<10).map { _ in 2 * rng.nextNormal() }
    let large = (0..<5).map { _ in rng.nextDouble(in: 900..<1_100) }
    let huge = (0..<6).map { _ in rng.nextDouble(in: -10_000..<10_000) }
    let hugeLabel = huge.firstIndex(of: huge.min() ?? 0) ?? 0
    let cases: [(String, [Double], Int)] = [
      ("three logits [1, 2, 3], label 0", [1, 2, 3], 0),
      ("ten random logits", random, rng.nextInt(in: 0...9)),
      ("all logits equal: the loss is log C", [0.5, 0.5, 0.5, 0.5], 2),
      ("logits near 1,000", large, rng.nextInt(in: 0...4)),
      ("logits up to ±10,000, label on the smallest", huge, hugeLabel),
    ]
    return cases.flatMap { name, logits, label in
      [lossCheck(name, logits, label, seed: seed), gradientCheck(name, logits, label, seed: seed)]
    }
  }

  func lossCheck(_ name: String, _ logits: [Double], _ label: Int, seed: UInt64) -> Check {
    Check("loss: \(name)", tried: Self.tried(logits, label, seed)) { [loss, tolerance] in
      let expected = Self.kernel(logits, label).loss
      let got = loss(logits, label)
      if tolerance.accepts(got, expected: expected) { return .passed }
      let overflow = !got.isFinite
      return .failed(
        expected: formatted(expected), got: formatted(got),
        message: overflow
          ? "The loss is not finite: e^z overflowed (Double's exp overflows past z ≈ 709.78)."
          : "The loss differs by more than relative 1e-9.",
        hint: overflow
          ? "Use log Σ e^z = m + log Σ e^(z − m) with m = max z, and the loss log Σ e^z − z_label, which never exponentiates a large number."
          : "The loss is −log of the label's softmax probability, with the natural logarithm.")
    }
  }

  func gradientCheck(_ name: String, _ logits: [Double], _ label: Int, seed: UInt64) -> Check {
    Check("gradient: \(name)", tried: Self.tried(logits, label, seed)) { [gradient, tolerance] in
      let expected = Self.kernel(logits, label).gradient
      let got = gradient(logits, label)
      guard let index = TrainingVectors.firstMismatch(got, expected, tolerance) else { return .passed }
      let shown = TrainingVectors.mismatchText(got, expected, at: index)
      let (message, hint) = Self.diagnose(got: got, expected: expected, label: label, tolerance: tolerance)
      return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], label: Int, tolerance: Tolerance) -> (String, String) {
    if got.count != expected.count {
      return ("Return one partial derivative per logit.", "The gradient has as many components as there are logits.")
    }
    if got.contains(where: { !$0.isFinite }) {
      return (
        "The gradient is not finite: e^z overflowed.",
        "Compute the probabilities as e^(z − log Σ e^z), with the log-sum-exp shifted by the maximum logit."
      )
    }
    if TrainingVectors.agree(got.map { -$0 }, expected, tolerance) {
      return ("This is the gradient with its sign flipped: onehot − p.", "The loss falls as the label's logit rises, so its partial derivative there is negative: p − onehot.")
    }
    var probabilities = expected
    probabilities[label] += 1
    if TrainingVectors.agree(got, probabilities, tolerance) {
      return ("These are the softmax probabilities, without the − 1 at the label.", "∂L/∂z_j = p_j − [j == label].")
    }
    return ("The gradient differs by more than relative 1e-9.", "∂L/∂z_j = softmax(z)_j − [j == label].")
  }

  static func tried(_ logits: [Double], _ label: Int, _ seed: UInt64) -> String {
    "\(logits.count) logits \(TrainingVectors.show(logits, limit: 4)), label \(label), seed \(seed)"
  }

  /// The kernel's loss and autograd gradient.
  static func kernel(_ logits: [Double], _ label: Int) -> (loss: Double, gradient: [Double]) {
    let z = Variable(Tensor(logits, shape: [1, logits.count]), requiresGrad: true)
    let loss = Loss.crossEntropy(logits: z, targets: [label])
    loss.backward()
    return (loss.value.item(), z.grad?.scalars(as: Double.self) ?? [])
  }
}
