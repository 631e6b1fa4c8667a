import Groundwork

/// Grades the learner's gradient descent on a line fit (Lessons/2-training,
/// the gradient descent lesson): slope and intercept after a given number
/// of full-batch steps on the mean squared error, from zero.
///
/// Reference: the kernel's autograd (`Loss.meanSquaredError`) and `SGD`
/// optimizer on the same data, in float64. Tolerance: relative 1e-9 on
/// both parameters; the step counts are small enough that no case has
/// converged, so every slip in the gradient changes the answer.
///
/// Named mistakes: the factor 2 of d(r²)/dr dropped, a sum where the mean
/// belongs (steps n times too large, which diverge on the 400-point case),
/// and the intercept's gradient computed after the slope has already moved
/// (sequential rather than simultaneous updates), which the hidden case
/// with x far from 0 exposes.
public struct LineFitGrader: Grader {
  public static let name = "training.line-fit"
  public static let entryPoints = [
    EntryPoint(
      "fitLine",
      [.init("x", "[Double]"), .init("y", "[Double]"), .init("learningRate", "Double"), .init("steps", "Int")],
      returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["Variable", "SGD", "Adam", "Loss"]

  /// The learner's function.
  let implementation: ([Double], [Double], Double, Int) -> [Double]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [Double], Double, Int) -> [Double]).self)
  }

  /// Points, a learning rate and a step count.
  struct Problem: Sendable {
    var x: [Double]
    var y: [Double]
    var learningRate: Double
    var steps: Int
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let exact = Self.points(count: 5, xRange: -1..<1, noise: 0, rng: &rng)
    let noisy = Self.points(count: 400, xRange: -1..<1, noise: 0.3, rng: &rng)
    let offset = Self.points(count: 60, xRange: 2..<4, noise: 0.2, rng: &rng)
    return [
      compare("5 points exactly on a line", Problem(x: exact.x, y: exact.y, learningRate: 0.1, steps: 40), seed: seed),
      compare("400 noisy points", Problem(x: noisy.x, y: noisy.y, learningRate: 0.2, steps: 30), seed: seed),
      compare(
        "x between 2 and 4: slope and intercept pull on each other",
        Problem(x: offset.x, y: offset.y, learningRate: 0.02, steps: 60), seed: seed),
    ]
  }

  func compare(_ name: String, _ problem: Problem, seed: UInt64) -> Check {
    let tried = "\(problem.x.count) points, learningRate \(problem.learningRate), \(problem.steps) steps, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let expected = Self.kernelFit(problem)
      let got = implementation(problem.x, problem.y, problem.learningRate, problem.steps)
      guard let index = TrainingVectors.firstMismatch(got, expected, tolerance) else { return .passed }
      let shown = TrainingVectors.mismatchText(got, expected, at: index)
      let (message, hint) = Self.diagnose(got: got, expected: expected, problem: problem, tolerance: tolerance)
      return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], problem: Problem, tolerance: Tolerance) -> (String, String) {
    if got.count != 2 { return ("Return [slope, intercept].", "Two numbers: the slope first.") }
    let n = Double(problem.x.count)
    if got.contains(where: { !$0.isFinite || abs($0) > 1e6 }) || TrainingVectors.agree(got, variant(problem, scale: 2 * n), tolerance) {
      return (
        "The fit diverged or took steps n times too large: this is what the sum of the squared errors gives, not their mean.",
        "L is the mean: each point's contribution to the gradient is divided by n."
      )
    }
    if TrainingVectors.agree(got, variant(problem, scale: 1), tolerance) {
      return (
        "This is gradient descent with half the gradient: the factor 2 of d(r²)/dr = 2r is missing.",
        "Differentiate (slope·x + intercept − y)² with the chain rule: 2·r times d r / d parameter."
      )
    }
    if TrainingVectors.agree(got, variant(problem, scale: 2, sequential: true), tolerance) {
      return (
        "This is what updating the slope before computing the intercept's gradient gives.",
        "Compute both partial derivatives at the current (slope, intercept), then update both."
      )
    }
    return (
      "Slope and intercept differ by more than relative 1e-9.",
      "Start from 0 for both, and take exactly `steps` steps of −learningRate × gradient of the mean squared error."
    )
  }

  /// The reference: the kernel's autograd and SGD.
  static func kernelFit(_ problem: Problem) -> [Double] {
    let n = problem.x.count
    let slope = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
    let intercept = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
    let x = Variable(Tensor(problem.x, shape: [n]))
    let y = Tensor(problem.y, shape: [n])
    var optimizer = SGD([slope, intercept], learningRate: problem.learningRate)
    for _ in 0..<problem.steps {
      optimizer.zeroGrad()
      Loss.meanSquaredError(x * slope + intercept, y).backward()
      optimizer.step()
    }
    return [slope.value.item(), intercept.value.item()]
  }

  /// Gradient descent with the gradient's constant as `scale` / n (2 is
  /// right; 1 drops the factor 2; 2n is the sum instead of the mean), and
  /// optionally the intercept's gradient taken after the slope moved.
  static func variant(_ problem: Problem, scale: Double, sequential: Bool = false) -> [Double] {
    let n = Double(problem.x.count)
    var (slope, intercept) = (0.0, 0.0)
    for _ in 0..<problem.steps {
      var g = 0.0
      for (x, y) in zip(problem.x, problem.y) { g += scale * (slope * x + intercept - y) * x / n }
      let slopeBefore = slope
      slope -= problem.learningRate * g
      let used = sequential ? slope : slopeBefore
      var h = 0.0
      for (x, y) in zip(problem.x, problem.y) { h += scale * (used * x + intercept - y) / n }
      intercept -= problem.learningRate * h
    }
    return [slope, intercept]
  }

  /// y = a·x + b + noise, with a and b drawn from the seed.
  static func points(count: Int, xRange: Range<Double>, noise: Double, rng: inout SplitMix64) -> (x: [Double], y: [Double]) {
    let a = rng.nextDouble(in: -3..<3)
    let b = rng.nextDouble(in: -2..<2)
    let x = (0..<count).map { _ in rng.nextDouble(in: xRange) }
    let y = x.map { a * $0 + b + noise * rng.nextNormal() }
    return (x, y)
  }
}
