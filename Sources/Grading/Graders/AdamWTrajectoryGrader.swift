import Groundwork
import RealModule

/// Grades the learner's AdamW (Lessons/2-training, the optimizers lesson):
/// the parameters after every step must match the kernel's
/// `Adam.adamW` run on the same loss, step for step.
///
/// Reference: `Autograd.Adam.adamW` over a float64 parameter, with the
/// gradient from `backward()` of a seeded logistic-regression loss; the
/// learner receives the same gradient as a function of θ.
/// Tolerance: relative 1e-6 on every coordinate of every step.
///
/// The hidden cases are aimed at the misconception the lesson names, that
/// weight decay is "just L2": with λ = 0.5 the L2 penalty added to the
/// gradient (Adam's `weight_decay`) and the decoupled decay give clearly
/// different trajectories, and the report says which one came back. Other
/// named mistakes: no bias correction (the first step alone shows it), the
/// decay not multiplied by the learning rate, ε inside the square root
/// (caught by gradients of size 1e-7), moments that restart every step, and
/// a bias correction that starts at t = 0 (nan).
public struct AdamWTrajectoryGrader: Grader {
  public static let name = "training.adamw-step"
  public static let entryPoints = [
    EntryPoint(
      "adamWTrajectory",
      [
        .init("start", "[Double]"), .init("gradient", "([Double]) -> [Double]"), .init("steps", "Int"),
        .init("learningRate", "Double"), .init("beta1", "Double"), .init("beta2", "Double"),
        .init("epsilon", "Double"), .init("weightDecay", "Double"),
      ],
      returns: "[[Double]]")
  ]
  public static let forbiddenSymbols = ["Adam", "adamW", "SGD"]

  /// The learner's function.
  let implementation: ([Double], ([Double]) -> [Double], Int, Double, Double, Double, Double, Double) -> [[Double]]
  let tolerance = Tolerance.relative(1e-6)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0, as: (([Double], ([Double]) -> [Double], Int, Double, Double, Double, Double, Double) -> [[Double]]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let defaults = Run(
      loss: .logistic(rows: 64, features: 5, scale: 1, rng: &rng), steps: 100, learningRate: 1e-2, beta1: 0.9,
      beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)
    var firstStep = Run(
      loss: .logistic(rows: 32, features: 4, scale: 1, rng: &rng), steps: 1, learningRate: 0.1, beta1: 0.9,
      beta2: 0.999, epsilon: 1e-8, weightDecay: 0)
    firstStep.description = "one step from the start, λ = 0"
    let strongDecay = Run(
      loss: .logistic(rows: 64, features: 6, scale: 1, rng: &rng), steps: 60, learningRate: 0.05, beta1: 0.9,
      beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5)
    let tinyGradients = Run(
      loss: .logistic(rows: 48, features: 4, scale: 1e-7, rng: &rng), steps: 30, learningRate: 1e-2, beta1: 0.9,
      beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)
    let otherBetas = Run(
      loss: .logistic(rows: 64, features: 5, scale: 1, rng: &rng), steps: 80, learningRate: 3e-2, beta1: 0.5,
      beta2: 0.9, epsilon: 1e-6, weightDecay: 0.1)
    return [
      compare("the first step", firstStep, seed: seed),
      compare("100 steps with PyTorch's defaults (λ = 0.01)", defaults, seed: seed),
      compare("strong weight decay, λ = 0.5", strongDecay, seed: seed),
      compare("gradients of size 1e-7", tinyGradients, seed: seed),
      compare("β₁ = 0.5, β₂ = 0.9, ε = 1e-6", otherBetas, seed: seed),
    ]
  }

  func compare(_ name: String, _ run: Run, seed: UInt64) -> Check {
    Check(name, tried: "\(run.description), seed \(seed)") { [implementation, tolerance] in
      let expected = run.kernelTrajectory()
      let got = implementation(
        run.loss.start, run.loss.gradient, run.steps, run.learningRate, run.beta1, run.beta2, run.epsilon,
        run.weightDecay)
      guard let difference = firstDifference(got, expected, tolerance: tolerance) else { return .passed }
      if got.first?.contains(where: \.isNaN) == true {
        return .failed(
          expected: formatted(expected[0][0]), got: "nan", message: "The first step returned nan.",
          hint: "Count steps from t = 1: at t = 0 the bias correction divides by 1 − β⁰ = 0.")
      }
      let mistake = Variant.Mistake.allCases.first { mistake in
        let trajectory = run.trajectory(Variant(mistake))
        return firstDifference(got, trajectory, tolerance: tolerance) == nil
          && firstDifference(trajectory, expected, tolerance: tolerance) != nil
      }
      return .failed(
        expected: difference.expected, got: difference.got,
        message: "\(difference.place): " + (mistake?.message ?? "the parameters differ by more than \(tolerance)."),
        hint: mistake?.hint
          ?? "Check one step by hand: decay θ by η·λ·θ, update m and v, divide them by 1 − β₁ᵗ and 1 − β₂ᵗ with t counted from 1, then subtract η·m̂ / (√v̂ + ε).")
    }
  }

  /// Where two trajectories first disagree, if they do.
  func firstDifference(_ got: [[Double]], _ expected: [[Double]], tolerance: Tolerance) -> (
    place: String, expected: String, got: String
  )? {
    guard got.count == expected.count else {
      return ("The trajectory has the wrong length", "\(expected.count) rows, one per step", "\(got.count) rows")
    }
    for (step, (gotRow, expectedRow)) in zip(got, expected).enumerated() {
      guard gotRow.count == expectedRow.count else {
        return ("After step \(step + 1)", "\(expectedRow.count) parameters", "\(gotRow.count) parameters")
      }
      for (index, (value, reference)) in zip(gotRow, expectedRow).enumerated()
      where !tolerance.accepts(value, expected: reference) {
        return ("After step \(step + 1), parameter \(index)", formatted(reference), formatted(value))
      }
    }
    return nil
  }

  /// One run: a loss, a start and the hyperparameters.
  struct Run {
    var loss: LogisticLoss
    var steps: Int
    var learningRate: Double
    var beta1: Double
    var beta2: Double
    var epsilon: Double
    var weightDecay: Double
    var description: String

    init(
      loss: LogisticLoss, steps: Int, learningRate: Double, beta1: Double, beta2: Double, epsilon: Double,
      weightDecay: Double
    ) {
      self.loss = loss
      self.steps = steps
      self.learningRate = learningRate
      self.beta1 = beta1
      self.beta2 = beta2
      self.epsilon = epsilon
      self.weightDecay = weightDecay
      description =
        "\(loss.start.count) parameters, \(steps) step\(steps == 1 ? "" : "s"), η \(learningRate), β₁ \(beta1), β₂ \(beta2), ε \(epsilon), λ \(weightDecay)"
    }

    /// θ after each step of the kernel's AdamW.
    func kernelTrajectory() -> [[Double]] {
      let theta = Variable(Tensor(loss.start, shape: [loss.start.count, 1]), requiresGrad: true)
      var optimizer = Adam.adamW(
        [theta], learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
      var trajectory: [[Double]] = []
      for _ in 0..<steps {
        optimizer.zeroGrad()
        loss.value(at: theta).backward()
        optimizer.step()
        trajectory.append(theta.value.scalars(as: Double.self))
      }
      return trajectory
    }

    /// θ after each step of a variant of AdamW, in plain Double arithmetic.
    func trajectory(_ variant: Variant) -> [[Double]] {
      var theta = loss.start
      var m = [Double](repeating: 0, count: theta.count)
      var v = m
      var trajectory: [[Double]] = []
      for step in 1...max(steps, 1) {
        let g = loss.gradient(theta)
        let t = Double(variant.mistake == .momentsRestart ? 1 : step)
        let correction1 = variant.mistake == .noBiasCorrection ? 1 : 1 - Double.pow(beta1, t)
        let correction2 = variant.mistake == .noBiasCorrection ? 1 : 1 - Double.pow(beta2, t)
        if variant.mistake == .momentsRestart {
          m = m.map { _ in 0 }
          v = v.map { _ in 0 }
        }
        for i in theta.indices {
          var gi = g[i]
          switch variant.mistake {
          case .l2Penalty: gi += weightDecay * theta[i]
          case .decayWithoutLearningRate: theta[i] -= weightDecay * theta[i]
          default: theta[i] -= learningRate * weightDecay * theta[i]
          }
          m[i] = beta1 * m[i] + (1 - beta1) * gi
          v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
          let mHat = m[i] / correction1
          let vHat = v[i] / correction2
          let denominator =
            variant.mistake == .epsilonInsideRoot ? (vHat + epsilon).squareRoot() : vHat.squareRoot() + epsilon
          theta[i] -= learningRate * mHat / denominator
        }
        trajectory.append(theta)
      }
      return Array(trajectory.prefix(steps))
    }
  }

  /// AdamW with one known mistake, to name the mistake in a report.
  struct Variant {
    /// The mistakes the report can name.
    enum Mistake: CaseIterable {
      case l2Penalty, noBiasCorrection, decayWithoutLearningRate, epsilonInsideRoot, momentsRestart

      var message: String {
        switch self {
        case .l2Penalty:
          "this is Adam with an L2 penalty (λ·θ added to the gradient), not AdamW's decoupled decay."
        case .noBiasCorrection: "this is AdamW without bias correction."
        case .decayWithoutLearningRate: "this decays θ by λ·θ each step; AdamW decays it by η·λ·θ."
        case .epsilonInsideRoot: "this divides by √(v̂ + ε); AdamW divides by √v̂ + ε."
        case .momentsRestart: "this starts m and v from zero at every step instead of carrying them."
        }
      }

      var hint: String {
        switch self {
        case .l2Penalty:
          "Added to the gradient, the decay goes through m and v and is divided by √v̂ like everything else, so parameters with large gradients are barely decayed. Shrink θ by η·λ·θ directly and keep g the plain gradient."
        case .noBiasCorrection:
          "m and v start at zero, so early on they are too small by the factors 1 − β₁ᵗ and 1 − β₂ᵗ. Divide by them, with t counted from 1."
        case .decayWithoutLearningRate:
          "PyTorch's AdamW multiplies the decay by the learning rate: θ ← θ − η·λ·θ. (Loshchilov and Hutter write it with the schedule multiplier η_t.)"
        case .epsilonInsideRoot:
          "ε is added after the square root. Inside it, ε = 1e-8 becomes 1e-4 and swamps small gradients."
        case .momentsRestart:
          "m and v are running averages over all steps: keep them between steps; only the bias correction uses t."
        }
      }
    }

    var mistake: Mistake

    init(_ mistake: Mistake) { self.mistake = mistake }
  }

  /// The loss of logistic regression on seeded data, times `scale`: its
  /// value as a kernel variable and its gradient as plain numbers.
  struct LogisticLoss {
    var features: Tensor
    var labels: Tensor
    var scale: Double
    var start: [Double]

    static func logistic(rows: Int, features: Int, scale: Double, rng: inout SplitMix64) -> LogisticLoss {
      let x = (0..<rows * features).map { _ in rng.nextNormal() }
      let truth = (0..<features).map { _ in rng.nextNormal() * 2 }
      let labels = (0..<rows).map { row in
        let logit = (0..<features).reduce(0.0) { $0 + x[row * features + $1] * truth[$1] }
        return rng.nextBernoulli(1 / (1 + Double.exp(-logit))) ? 1.0 : 0.0
      }
      return LogisticLoss(
        features: Tensor(x, shape: [rows, features]), labels: Tensor(labels, shape: [rows, 1]), scale: scale,
        start: (0..<features).map { _ in rng.nextNormal() })
    }

    func value(at theta: Variable) -> Variable {
      Loss.binaryCrossEntropy(logits: Variable(features).matmul(theta), targets: labels) * scale
    }

    func gradient(_ theta: [Double]) -> [Double] {
      let variable = Variable(Tensor(theta, shape: [theta.count, 1]), requiresGrad: true)
      value(at: variable).backward()
      return variable.grad?.scalars(as: Double.self) ?? theta.map { _ in 0 }
    }
  }
}
