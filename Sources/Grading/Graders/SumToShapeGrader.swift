import Groundwork

/// Grades the learner's gradient of broadcasting (Lessons/2-training, the
/// tensor backward lesson): an upstream gradient of the broadcast shape,
/// summed down to the shape of the value that was broadcast.
///
/// Reference: the kernel's autograd, differentiating Σ G ⊙ (v + 0) where `v`
/// has the target shape and the zero tensor has the broadcast shape, in
/// float64. Tolerance: relative 1e-12 (sums of a few dozen terms).
///
/// The misconception it is built to catch: summing only the leading axes
/// that broadcasting added, and forgetting the axes of length 1 that it
/// stretched ([4, 1] against [4, 3]). The hidden cases keep an axis of
/// length 1 in the middle and at the end. Also named: the mean over the
/// broadcast axes instead of the sum.
public struct SumToShapeGrader: Grader {
  public static let name = "training.sum-to-shape"
  public static let entryPoints = [
    EntryPoint(
      "sumToShape", [.init("gradient", "[Double]"), .init("shape", "[Int]"), .init("target", "[Int]")],
      returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["Variable", "reduceToShape"]

  /// The learner's function.
  let implementation: ([Double], [Int], [Int]) -> [Double]
  let tolerance = Tolerance.relative(1e-12)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [Int], [Int]) -> [Double]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let cases: [(String, [Int], [Int])] = [
      ("a bias of shape [3] added to a batch of shape [2, 3]", [2, 3], [3]),
      ("nothing broadcast: [2, 3] to [2, 3]", [2, 3], [2, 3]),
      ("a column of shape [4, 1] stretched to [4, 3]", [4, 3], [4, 1]),
      ("[3, 1] against [2, 3, 4]: one axis added, one stretched", [2, 3, 4], [3, 1]),
      ("[1, 3, 1] against [2, 3, 5]: stretched axes at both ends", [2, 3, 5], [1, 3, 1]),
      ("a single number of shape [1] against [3, 4]", [3, 4], [1]),
    ]
    return cases.map { name, shape, target in
      let gradient = (0..<shape.reduce(1, *)).map { _ in rng.nextDouble(in: -1..<1) }
      return compare(name, gradient: gradient, shape: shape, target: target, seed: seed)
    }
  }

  func compare(_ name: String, gradient: [Double], shape: [Int], target: [Int], seed: UInt64) -> Check {
    Check(name, tried: "shape \(shape), target \(target), seed \(seed)") { [implementation, tolerance] in
      let expected = Self.kernelGradient(gradient, shape: shape, target: target)
      let got = implementation(gradient, shape, target)
      guard let index = TrainingVectors.firstMismatch(got, expected, tolerance) else { return .passed }
      let shown = TrainingVectors.mismatchText(got, expected, at: index)
      let (message, hint) = Self.diagnose(got: got, expected: expected, gradient: gradient, shape: shape, target: target)
      return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], gradient: [Double], shape: [Int], target: [Int]) -> (
    String, String
  ) {
    let leadingOnly = shape.suffix(target.count).reduce(1, *)
    if got.count == leadingOnly && leadingOnly != expected.count {
      return (
        "You returned \(got.count) values, which is what summing only the leading axes gives; the target has \(expected.count).",
        "An axis of length 1 in the target that is longer in the shape was stretched too: sum over it as well, keeping it as length 1."
      )
    }
    if got.count != expected.count {
      return ("Return exactly one value per element of the target shape.", "The target \(target) has \(expected.count) elements.")
    }
    let copies = Double(gradient.count / max(expected.count, 1))
    if TrainingVectors.agree(got.map { $0 * copies }, expected, .relative(1e-9)) {
      return (
        "This is the mean over the broadcast axes, not the sum.",
        "Each copy of an element influenced the output separately; the chain rule adds the gradients from all copies."
      )
    }
    return (
      "The summed gradient differs.",
      "Align the shapes from the right. Every position of the broadcast shape was copied from one target element: the one whose coordinate is 0 on each target axis of length 1."
    )
  }

  /// The kernel's autograd on Σ G ⊙ (v + zeros(shape)), with v of shape target.
  static func kernelGradient(_ gradient: [Double], shape: [Int], target: [Int]) -> [Double] {
    let v = Variable(Tensor.zeros(target, dtype: .float64), requiresGrad: true)
    let stretched = v + Variable(Tensor.zeros(shape, dtype: .float64))
    (stretched * Variable(Tensor(gradient, shape: shape))).sum().backward()
    return v.grad?.scalars(as: Double.self) ?? []
  }
}
