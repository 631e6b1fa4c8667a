import Groundwork

/// Grades the learner's gradient clipping by global norm (Lessons/2-training,
/// the optimizers lesson).
///
/// Reference: `Autograd.clipGradientNorm` on float64 parameters whose
/// gradients are exactly the seeded arrays (the gradient of Σ θ·g is g).
/// Tolerance: relative 1e-9.
///
/// The hidden case is aimed at the misconception that clipping is done per
/// tensor: one large tensor beside several small ones, where clipping each
/// tensor to `maxNorm` on its own changes the direction of the update and
/// lets the total norm exceed the limit. Other named mistakes: clipping each
/// element to ±maxNorm (clipping by value), scaling gradients up when their
/// norm is below the limit, and the factor maxNorm / ‖g‖ without PyTorch's
/// 1e-6 (which also divides by zero on an all-zero gradient).
public struct GlobalNormClippingGrader: Grader {
  public static let name = "training.clip-global-norm"
  public static let entryPoints = [
    EntryPoint(
      "clipByGlobalNorm", [.init("gradients", "[[Double]]"), .init("maxNorm", "Double")], returns: "[[Double]]")
  ]
  public static let forbiddenSymbols = ["clipGradientNorm"]

  /// The learner's function.
  let implementation: ([[Double]], Double) -> [[Double]]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([[Double]], Double) -> [[Double]]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    func tensors(_ sizes: [Int], scale: Double) -> [[Double]] {
      sizes.map { size in (0..<size).map { _ in rng.nextNormal() * scale } }
    }
    let handSized: [[Double]] = [[3, 0], [0, 4]]
    let large = tensors([20, 5, 30], scale: 2)
    let small = tensors([10, 4], scale: 0.01)
    var lopsided = tensors([40], scale: 5)
    lopsided += tensors([8, 8, 3], scale: 0.05)
    let zeros: [[Double]] = [[0, 0, 0], [0, 0]]
    return [
      compare("two tensors with a joint norm of 5, maxNorm 1", handSized, maxNorm: 1, seed: seed),
      compare("three tensors well above the limit", large, maxNorm: 1, seed: seed),
      compare("gradients below the limit", small, maxNorm: 1, seed: seed),
      compare("one large tensor beside three small ones", lopsided, maxNorm: 5, seed: seed),
      compare("an all-zero gradient", zeros, maxNorm: 1, seed: seed),
    ]
  }

  func compare(_ name: String, _ gradients: [[Double]], maxNorm: Double, seed: UInt64) -> Check {
    let shapes = gradients.map { String($0.count) }.joined(separator: ", ")
    return Check(name, tried: "tensors of sizes [\(shapes)], maxNorm \(maxNorm), seed \(seed)") {
      [implementation, tolerance] in
      let expected = Self.kernelClipped(gradients, maxNorm: maxNorm)
      let got = implementation(gradients, maxNorm)
      guard let difference = Self.firstDifference(got, expected, tolerance: tolerance) else { return .passed }
      let mistake = Mistake.allCases.first { mistake in
        let value = mistake.clipped(gradients, maxNorm: maxNorm)
        return Self.firstDifference(got, value, tolerance: tolerance) == nil
          && Self.firstDifference(value, expected, tolerance: tolerance) != nil
      }
      return .failed(
        expected: difference.expected, got: difference.got,
        message: "\(difference.place): " + (mistake?.message ?? "the clipped gradients differ by more than \(tolerance)."),
        hint: mistake?.hint
          ?? "Compute one norm over all tensors together, then multiply every element by maxNorm / (norm + 1e-6) if that is below 1.")
    }
  }

  /// The kernel's clipping of `gradients`.
  static func kernelClipped(_ gradients: [[Double]], maxNorm: Double) -> [[Double]] {
    let parameters = gradients.map { Variable(Tensor.zeros([$0.count], dtype: .float64), requiresGrad: true) }
    for (parameter, gradient) in zip(parameters, gradients) {
      (parameter * Variable(Tensor(gradient, shape: [gradient.count]))).sum().backward()
    }
    clipGradientNorm(parameters, maxNorm: maxNorm)
    return parameters.map { $0.grad?.scalars(as: Double.self) ?? [] }
  }

  /// Where two lists of tensors first disagree, if they do.
  static func firstDifference(_ got: [[Double]], _ expected: [[Double]], tolerance: Tolerance) -> (
    place: String, expected: String, got: String
  )? {
    guard got.count == expected.count else {
      return ("The number of tensors differs", "\(expected.count) tensors", "\(got.count) tensors")
    }
    for (tensor, (gotTensor, expectedTensor)) in zip(got, expected).enumerated() {
      guard gotTensor.count == expectedTensor.count else {
        return ("Tensor \(tensor)", "\(expectedTensor.count) elements", "\(gotTensor.count) elements")
      }
      for (index, (value, reference)) in zip(gotTensor, expectedTensor).enumerated()
      where !tolerance.accepts(value, expected: reference) {
        return ("Tensor \(tensor), element \(index)", formatted(reference), formatted(value))
      }
    }
    return nil
  }

  /// The answers common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case perTensor, byValue, scalesUp, noEpsilon

    func clipped(_ gradients: [[Double]], maxNorm: Double) -> [[Double]] {
      func norm(_ values: [Double]) -> Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
      let total = norm(gradients.flatMap { $0 })
      switch self {
      case .perTensor:
        return gradients.map { tensor in
          let factor = maxNorm / (norm(tensor) + 1e-6)
          return factor < 1 ? tensor.map { $0 * factor } : tensor
        }
      case .byValue:
        return gradients.map { tensor in tensor.map { min(max($0, -maxNorm), maxNorm) } }
      case .scalesUp:
        return gradients.map { tensor in tensor.map { $0 * maxNorm / (total + 1e-6) } }
      case .noEpsilon:
        let factor = maxNorm / total
        return factor < 1 ? gradients.map { tensor in tensor.map { $0 * factor } } : gradients
      }
    }

    var message: String {
      switch self {
      case .perTensor: "this clips each tensor to maxNorm on its own."
      case .byValue: "this clamps each element to ±maxNorm (clipping by value)."
      case .scalesUp: "this rescales gradients that were already below the limit."
      case .noEpsilon: "this divides by the norm without PyTorch's 1e-6."
      }
    }

    var hint: String {
      switch self {
      case .perTensor:
        "One norm over all tensors together: clipping each on its own shrinks the large tensors more than the small ones, which turns the update, and their joint norm can still exceed maxNorm."
      case .byValue:
        "Clipping by norm scales the whole gradient by one factor; clamping elements changes its direction."
      case .scalesUp: "Only scale when the factor maxNorm / (norm + 1e-6) is below 1; below the limit return the gradients unchanged."
      case .noEpsilon: "The factor is maxNorm / (norm + 1e-6), as in PyTorch and the kernel; the 1e-6 also keeps a zero gradient finite."
      }
    }
  }
}
