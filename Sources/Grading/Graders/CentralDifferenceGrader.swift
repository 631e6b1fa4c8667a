import Groundwork
import RealModule

/// Grades the learner's gradient checker (Lessons/2-training, the tensor
/// backward lesson): a gradient estimated by central differences.
///
/// Reference: the kernel's autograd gradient of the same function, in
/// float64. Tolerance: relative 1e-6, the agreement a central difference
/// reaches with these steps (its error shrinks like h²).
///
/// The misconception it is built to catch: the one-sided difference
/// (f(x + h) − f(x)) / h, whose error shrinks only like h. The hidden case
/// has strong curvature (Σ e^{3xᵢ} at step 1e-4), where the one-sided
/// error is about 1.5e-4 relative and the central one about 1e-8. Also
/// named: dividing by h instead of 2h, and a coordinate left moved after
/// its partial was measured (the next partials are then taken at the wrong
/// point).
public struct CentralDifferenceGrader: Grader {
  public static let name = "training.central-difference"
  public static let entryPoints = [
    EntryPoint(
      "centralDifferenceGradient",
      [.init("function", "([Double]) -> Double"), .init("point", "[Double]"), .init("step", "Double")],
      returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["Variable", "GradientCheck"]

  /// The learner's function.
  let implementation: (([Double]) -> Double, [Double], Double) -> [Double]
  let tolerance = Tolerance.relative(1e-6)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0, as: ((([Double]) -> Double, [Double], Double) -> [Double]).self)
  }

  /// A test function, written twice: on plain numbers for the learner, and
  /// on kernel variables for the reference gradient.
  struct TestFunction: Sendable {
    var name: String
    var plain: @Sendable ([Double]) -> Double
    var kernel: @Sendable ([Variable]) -> Variable
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let weights = (0..<5).map { _ in rng.nextDouble(in: 0.5..<3) }
    let quadratic = TestFunction(
      name: "Σ wᵢ·xᵢ² + x₀·x₁",
      plain: { x in zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } + x[0] * x[1] },
      kernel: { x in
        zip(weights, x).map { w, xi in xi * xi * w }.dropFirst().reduce(x[0] * x[0] * weights[0], +) + x[0] * x[1]
      })
    let coupled = TestFunction(
      name: "Σ tanh(xᵢ)·xᵢ₊₁ + e^(x₀/2)",
      plain: { x in
        x.indices.reduce(0) { $0 + Self.tanh(x[$1]) * x[($1 + 1) % x.count] } + Self.exp(x[0] / 2)
      },
      kernel: { x in
        x.indices.map { x[$0].tanh() * x[($0 + 1) % x.count] }.reduce((x[0] * 0.5).exp(), +)
      })
    let curved = TestFunction(
      name: "Σ e^(3xᵢ)",
      plain: { x in x.reduce(0) { $0 + Self.exp(3 * $1) } },
      kernel: { x in x.map { ($0 * 3).exp() }.dropFirst().reduce((x[0] * 3).exp(), +) })

    let small = (0..<5).map { _ in rng.nextDouble(in: -1..<1) }
    let six = (0..<6).map { _ in rng.nextDouble(in: -1.5..<1.5) }
    let nearOne = (0..<4).map { _ in rng.nextDouble(in: 0.8..<1.2) }
    return [
      compare(quadratic, at: small, step: 1e-5, seed: seed),
      compare(coupled, at: six, step: 1e-4, seed: seed),
      compare(curved, at: nearOne, step: 1e-4, seed: seed),
    ]
  }

  func compare(_ function: TestFunction, at point: [Double], step: Double, seed: UInt64) -> Check {
    let tried = "\(point.count) coordinates, step \(step), seed \(seed)"
    return Check("f(x) = \(function.name)", tried: tried) { [implementation, tolerance] in
      let expected = Self.kernelGradient(function, at: point)
      let got = implementation(function.plain, point, step)
      guard let index = TrainingVectors.firstMismatch(got, expected, tolerance) else { return .passed }
      let shown = TrainingVectors.mismatchText(got, expected, at: index)
      let (message, hint) = Self.diagnose(got: got, expected: expected, function: function, point: point, step: step)
      return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], function: TestFunction, point: [Double], step: Double) -> (
    String, String
  ) {
    let close = Tolerance.relative(1e-9)
    if got.count != expected.count {
      return ("Return one partial derivative per coordinate.", "The gradient has point.count components.")
    }
    if TrainingVectors.agree(got, variant(function.plain, point, step, oneSided: true), close) {
      return (
        "This is the one-sided difference (f(x + h) − f(x)) / h: its error shrinks only like h.",
        "Evaluate on both sides, f(x + h·eᵢ) and f(x − h·eᵢ), and divide by 2h; the error then shrinks like h²."
      )
    }
    if TrainingVectors.agree(got.map { $0 / 2 }, expected, .relative(1e-6)) {
      return ("This is twice the gradient: the difference was divided by h, not 2h.", "The two points are 2h apart.")
    }
    if TrainingVectors.agree(got, variant(function.plain, point, step, restore: false), close) {
      return (
        "Each partial after the first was measured at a moved point: a coordinate was left at x − h.",
        "Perturb a fresh copy of the point for each coordinate (or put the coordinate back before the next one)."
      )
    }
    return (
      "The estimated gradient differs from the true one by more than relative 1e-6.",
      "For each coordinate i: (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, all other coordinates unchanged."
    )
  }

  /// The gradient the kernel's autograd computes.
  static func kernelGradient(_ function: TestFunction, at point: [Double]) -> [Double] {
    let leaves = point.map { Variable(Tensor([$0], shape: [1]), requiresGrad: true) }
    function.kernel(leaves).backward()
    return leaves.map { $0.grad?.item() ?? 0 }
  }

  /// A mistaken estimator: one-sided, or central without restoring each
  /// coordinate before the next.
  static func variant(
    _ f: ([Double]) -> Double, _ point: [Double], _ h: Double, oneSided: Bool = false, restore: Bool = true
  ) -> [Double] {
    var x = point
    var gradient = [Double](repeating: 0, count: point.count)
    for i in point.indices {
      if oneSided {
        let base = f(x)
        x[i] += h
        gradient[i] = (f(x) - base) / h
        x[i] = point[i]
      } else {
        x[i] += h
        let plus = f(x)
        x[i] -= 2 * h
        gradient[i] = (plus - f(x)) / (2 * h)
        if restore { x[i] = point[i] }
      }
    }
    return gradient
  }

  static func tanh(_ x: Double) -> Double { Double.tanh(x) }
  static func exp(_ x: Double) -> Double { Double.exp(x) }
}
