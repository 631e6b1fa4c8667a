import Groundwork
import RealModule

/// Grades the learner's squared-loss bias-variance decomposition
/// (Lessons/1-foundation, the bias-and-variance lesson): from the
/// predictions of many models trained on different samples, the squared
/// bias `mean_i (m̄ᵢ − tᵢ)²` and the variance `mean_i mean_k (p_kᵢ − m̄ᵢ)²`,
/// where `m̄ᵢ` is the models' mean prediction on row i.
///
/// Reference: `Stats.biasVarianceDecomposition(loss: .squared)`. Tolerance:
/// relative 1e-9.
///
/// The misconception is that bias is the average error. Errors of opposite
/// sign cancel in an average, so a model that is far too high on half the
/// rows and far too low on the other half has an average error near 0 and a
/// large squared bias. The hidden case is such a target, a sine whose
/// straight-line fits over- and undershoot in turn. A second hidden case
/// has only three models, where the sample variance (dividing by R − 1)
/// is 1.5 times the decomposition's (dividing by R). Other named mistakes:
/// the mean squared error reported as bias, the variance measured around
/// the target, and the two numbers swapped.
public struct SquaredBiasVarianceGrader: Grader {
  /// The learner's answer: the squared bias and the variance.
  public typealias Answer = (biasSquared: Double, variance: Double)

  public static let name = "bias-variance.squared"
  public static let entryPoints = [
    EntryPoint(
      "squaredLossDecomposition", [.init("targets", "[Double]"), .init("predictions", "[[Double]]")],
      returns: "(biasSquared: Double, variance: Double)")
  ]
  public static let forbiddenSymbols = ["biasVarianceDecomposition"]

  /// The learner's function.
  let implementation: ([Double], [[Double]]) -> Answer
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [[Double]]) -> Answer).self)
  }

  /// The targets and the predictions of each model (`predictions[k][i]`).
  struct Ensemble: Sendable {
    var targets: [Double]
    var predictions: [[Double]]
  }

  /// `models` fits of a polynomial of `degree` to `size` noisy samples of
  /// sin(2πx), predicted on a grid of `rows` points.
  static func polynomialFits(degree: Int, models: Int, size: Int, rows: Int, rng: inout SplitMix64) -> Ensemble {
    let grid = (0..<rows).map { (Double($0) + 0.5) / Double(rows) }
    let targets = grid.map(sine)
    let predictions = (0..<models).map { _ in
      let x = (0..<size).map { _ in rng.nextDouble() }
      let y = x.map { sine($0) + 0.3 * rng.nextNormal() }
      let fit = fitPolynomial(x: x, y: y, degree: degree)
      return grid.map { fit($0) }
    }
    return Ensemble(targets: targets, predictions: predictions)
  }

  /// The target function, sin(2πx).
  static func sine(_ x: Double) -> Double { Double.sin(2 * Double.pi * x) }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Ensemble(targets: [1, 2], predictions: [[1.5, 2], [0.5, 3], [2.5, 1]])
    let random = Ensemble(
      targets: (0..<40).map { _ in rng.nextNormal() },
      predictions: (0..<25).map { _ in (0..<40).map { _ in rng.nextNormal() + 0.5 } })
    return [
      compare("two rows, three models, worked by hand", hand, seed: seed),
      compare("25 models with an offset of 0.5 on 40 rows", random, seed: seed),
      compare(
        "straight lines fitted to a sine: errors of both signs",
        Self.polynomialFits(degree: 1, models: 200, size: 30, rows: 50, rng: &rng), seed: seed),
      compare(
        "degree-9 polynomials: most of the error is variance",
        Self.polynomialFits(degree: 9, models: 200, size: 30, rows: 50, rng: &rng), seed: seed),
      compare(
        "only three models", Self.polynomialFits(degree: 3, models: 3, size: 20, rows: 30, rng: &rng), seed: seed),
    ]
  }

  func compare(_ name: String, _ ensemble: Ensemble, seed: UInt64) -> Check {
    let tried = "\(ensemble.predictions.count) models × \(ensemble.targets.count) rows, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let reference = biasVarianceDecomposition(
        targets: ensemble.targets, predictions: ensemble.predictions, loss: .squared)
      let got = implementation(ensemble.targets, ensemble.predictions)
      let expectedText = "(biasSquared: \(formatted(reference.bias)), variance: \(formatted(reference.variance)))"
      let gotText = "(biasSquared: \(formatted(got.biasSquared)), variance: \(formatted(got.variance)))"
      let biasRight = tolerance.accepts(got.biasSquared, expected: reference.bias)
      let varianceRight = tolerance.accepts(got.variance, expected: reference.variance)
      if biasRight && varianceRight { return .passed }
      let mistakes = Self.mistakes(ensemble, reference: reference)
      let named = mistakes.first { mistake in
        tolerance.accepts(mistake.biasSquared ?? got.biasSquared, expected: got.biasSquared)
          && tolerance.accepts(mistake.variance ?? got.variance, expected: got.variance)
          && (mistake.biasSquared.map { !tolerance.accepts($0, expected: reference.bias) } ?? false
            || mistake.variance.map { !tolerance.accepts($0, expected: reference.variance) } ?? false)
      }
      let which = !biasRight && !varianceRight ? "Both numbers differ" : biasRight ? "The variance differs" : "The squared bias differs"
      return .failed(
        expected: expectedText, got: gotText,
        message: named?.message ?? "\(which). Their sum should be the mean squared error, \(formatted(reference.expectedLoss)).",
        hint: named?.hint
          ?? "Per row: m̄ = mean over models; bias² = (m̄ − t)²; variance = mean over models of (p − m̄)². Then average each over rows.")
    }
  }

  /// A mistake: the value it gives for either number (nil where it leaves
  /// that number right), and what to say.
  struct Mistake {
    var biasSquared: Double?
    var variance: Double?
    var message: String
    var hint: String
  }

  static func mistakes(_ e: Ensemble, reference: BiasVarianceDecomposition) -> [Mistake] {
    let rows = e.targets.count
    let models = Double(e.predictions.count)
    let means = (0..<rows).map { i in e.predictions.reduce(0) { $0 + $1[i] } / models }
    let meanError = zip(means, e.targets).reduce(0) { $0 + ($1.0 - $1.1) } / Double(rows)
    let meanAbsolute = zip(means, e.targets).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(rows)
    var mistakes = [
      Mistake(
        biasSquared: meanError * meanError, variance: nil,
        message: "This squares the average error (m̄ − t) over rows: errors of opposite sign cancel before they are squared.",
        hint: "Square each row's error (m̄ᵢ − tᵢ)² first, then average over rows."),
      Mistake(
        biasSquared: meanError, variance: nil,
        message: "This is the average error over rows, not squared: a fit that is too high here and too low there averages out.",
        hint: "Bias² is the mean over rows of (m̄ᵢ − tᵢ)², each row's error squared before averaging."),
      Mistake(
        biasSquared: meanAbsolute, variance: nil,
        message: "This is the mean absolute error of the mean prediction; the squared-loss bias squares it.",
        hint: "Use (m̄ᵢ − tᵢ)², not |m̄ᵢ − tᵢ|."),
      Mistake(
        biasSquared: reference.expectedLoss, variance: nil,
        message: "This is the mean squared error of all predictions, bias² and variance together.",
        hint: "Bias² uses the models' mean prediction m̄ᵢ per row, not each model's prediction."),
      Mistake(
        biasSquared: nil, variance: reference.expectedLoss,
        message: "This measures the spread around the target, which is the whole error; variance is the spread around the mean prediction.",
        hint: "Variance is the mean over models of (p_kᵢ − m̄ᵢ)², with m̄ᵢ the models' mean on row i."),
      Mistake(
        biasSquared: reference.variance, variance: reference.bias,
        message: "The two numbers are swapped.", hint: "Return (biasSquared: …, variance: …) in that order."),
    ]
    if models > 1 {
      mistakes.append(
        Mistake(
          biasSquared: nil, variance: reference.variance * models / (models - 1),
          message: "This divides by R − 1 (the sample variance); the decomposition divides by R, the number of models.",
          hint: "bias² + variance equals the mean squared error only when the variance divides by R."))
    }
    return mistakes
  }
}
