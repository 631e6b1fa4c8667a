import Groundwork
import RealModule

/// Grades the learner's binary focal loss and its gradient from a logit
/// (Lessons/2-training, the imbalance lesson).
///
/// Reference: the kernel's `Loss.focal` on the two logits [0, x] (whose
/// softmax is [1 − σ(x), σ(x)]) and its autograd gradient with respect to x,
/// in float64. Tolerance: relative 1e-8 on both. Logits stay in [−8, 8],
/// where the reference keeps well over 8 digits.
///
/// The misconceptions it is built to catch: log base 10, which several
/// write-ups use for their worked numbers (every loss is then ln 10 ≈ 2.303
/// times too small), and a gradient that treats the modulating factor
/// (1 − p_t)^γ as a constant, which gives −(1 − p_t)^(γ+1) for y = 1 and
/// misses the γ·(1 − p_t)^γ·p_t·log p_t term. Both are named.
public struct FocalLossGrader: Grader {
  public static let name = "training.focal-loss"
  public static let entryPoints = [
    EntryPoint(
      "focalLoss", [.init("logit", "Double"), .init("label", "Int"), .init("gamma", "Double")], returns: "Double"),
    EntryPoint(
      "focalLossGradient", [.init("logit", "Double"), .init("label", "Int"), .init("gamma", "Double")],
      returns: "Double"),
  ]
  public static let forbiddenSymbols = ["Variable", "Loss"]

  /// The learner's loss and gradient.
  let loss: (Double, Int, Double) -> Double
  let gradient: (Double, Int, Double) -> Double
  let tolerance = Tolerance.relative(1e-8)

  public init(entries: [Any]) throws(GraderSetupError) {
    loss = try GraderSetupError.entry(entries, 0, as: ((Double, Int, Double) -> Double).self)
    gradient = try GraderSetupError.entry(entries, 1, as: ((Double, Int, Double) -> Double).self)
  }

  /// One example: logit, label and γ.
  struct Example: Sendable {
    var logit: Double
    var label: Int
    var gamma: Double
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let logNine = Double.log(9)
    let random = (0..<40).map { _ in
      Example(logit: rng.nextDouble(in: -8..<8), label: rng.nextBernoulli(0.5) ? 1 : 0, gamma: [0, 0.5, 1, 2, 5][rng.nextInt(in: 0...4)])
    }
    return [
      compare("p_t = 0.9, γ = 2 (y = 1, logit log 9)", [Example(logit: logNine, label: 1, gamma: 2)], seed: seed),
      compare("γ = 0 is the cross-entropy", [Example(logit: -1.3, label: 1, gamma: 0), Example(logit: 0.4, label: 0, gamma: 0)], seed: seed),
      compare("a confidently wrong example, y = 0, logit 6, γ = 2", [Example(logit: 6, label: 0, gamma: 2)], seed: seed),
      compare("40 random examples, γ from 0 to 5", random, seed: seed),
    ]
  }

  func compare(_ name: String, _ examples: [Example], seed: UInt64) -> Check {
    let tried = examples.count == 1
      ? "logit \(formatted(examples[0].logit)), label \(examples[0].label), gamma \(examples[0].gamma), seed \(seed)"
      : "\(examples.count) examples, seed \(seed)"
    return Check(name, tried: tried) { [loss, gradient, tolerance] in
      for example in examples {
        let reference = Self.kernel(example)
        let gotLoss = loss(example.logit, example.label, example.gamma)
        if !tolerance.accepts(gotLoss, expected: reference.loss) {
          let base10 = Tolerance.relative(1e-6).accepts(gotLoss * Double.log(10), expected: reference.loss)
          return .failed(
            expected: "loss \(formatted(reference.loss)) at logit \(formatted(example.logit)), label \(example.label), γ \(example.gamma)",
            got: formatted(gotLoss),
            message: base10 ? "This is the loss with log base 10: ln 10 ≈ 2.303 times too small." : "The loss differs by more than relative 1e-8.",
            hint: base10
              ? "Use the natural logarithm; cross-entropy and focal loss are in nats."
              : "FL = −(1 − p_t)^γ · ln p_t with p = σ(logit), p_t = p for label 1 and 1 − p for label 0.")
        }
        let gotGradient = gradient(example.logit, example.label, example.gamma)
        if !tolerance.accepts(gotGradient, expected: reference.gradient) {
          let frozen = Self.gradientWithFrozenModulation(example)
          let isFrozen = example.gamma > 0 && Tolerance.relative(1e-6).accepts(gotGradient, expected: frozen)
          return .failed(
            expected: "gradient \(formatted(reference.gradient)) at logit \(formatted(example.logit)), label \(example.label), γ \(example.gamma)",
            got: formatted(gotGradient),
            message: isFrozen
              ? "This gradient treats (1 − p_t)^γ as a constant: the modulating factor depends on the logit too."
              : "The gradient differs by more than relative 1e-8.",
            hint: isFrozen
              ? "Apply the product rule to −(1 − p_t)^γ · ln p_t; d(1 − p_t)/d logit is not zero."
              : "For label 1, with p = σ(x): dFL/dx = γ·p·(1 − p)^γ·ln p − (1 − p)^(γ+1). For label 0, use s = −x and flip the sign.")
        }
      }
      return .passed
    }
  }

  /// The kernel's focal loss on the logits [0, x] and its gradient in x.
  static func kernel(_ example: Example) -> (loss: Double, gradient: Double) {
    let x = Variable(Tensor([example.logit], shape: [1, 1]), requiresGrad: true)
    let logits = Variable.concatenated([Variable(Tensor.zeros([1, 1], dtype: .float64)), x], axis: 1)
    let loss = Loss.focal(logits: logits, targets: [example.label], gamma: example.gamma)
    loss.backward()
    return (loss.value.item(), x.grad?.item() ?? .nan)
  }

  /// d/dx of −c·ln p_t with c = (1 − p_t)^γ held constant.
  static func gradientWithFrozenModulation(_ example: Example) -> Double {
    let s = example.label == 1 ? example.logit : -example.logit
    let q = 1 / (1 + Double.exp(s))
    let value = -Double.pow(q, example.gamma + 1)
    return example.label == 1 ? value : -value
  }
}
