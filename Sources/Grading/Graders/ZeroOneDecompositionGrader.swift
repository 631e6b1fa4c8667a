import Groundwork

/// Grades the learner's 0-1 loss decomposition for two classes
/// (Lessons/1-foundation, the bias-and-variance lesson, after Domingos
/// 2000): per row the main prediction (the majority vote, ties to the
/// smaller label), then the bias (the share of rows whose main prediction
/// is wrong), the variance (the share of predictions that disagree with
/// their row's main prediction) and the net variance (variance on unbiased
/// rows minus variance on biased rows).
///
/// Reference: `Stats.biasVarianceDecomposition(loss: .zeroOne)` for bias and
/// variance, `Stats.zeroOneVarianceSplit` for the net variance. Tolerance:
/// relative 1e-9.
///
/// The misconception is that variance always adds to the error, as it does
/// under squared loss. Under 0-1 loss, on a row the majority gets wrong,
/// every model that disagrees with the majority is right. The hidden case
/// is an ensemble that is wrong on many rows by a narrow majority, where
/// the net variance is far below the variance and `bias + variance`
/// overstates the error. Other named mistakes: the biased rows' variance
/// dropped instead of subtracted, the expected loss reported as bias or as
/// variance, and ties broken toward label 1.
public struct ZeroOneDecompositionGrader: Grader {
  /// The learner's answer.
  public typealias Answer = (bias: Double, variance: Double, netVariance: Double)

  public static let name = "bias-variance.zero-one"
  public static let entryPoints = [
    EntryPoint(
      "zeroOneDecomposition", [.init("labels", "[Int]"), .init("predictions", "[[Int]]")],
      returns: "(bias: Double, variance: Double, netVariance: Double)")
  ]
  public static let forbiddenSymbols = ["biasVarianceDecomposition", "zeroOneVarianceSplit"]

  /// The learner's function.
  let implementation: ([Int], [[Int]]) -> Answer
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int], [[Int]]) -> Answer).self)
  }

  /// The true labels and each model's predicted labels (`predictions[k][i]`).
  struct Ensemble: Sendable {
    var labels: [Int]
    var predictions: [[Int]]
  }

  /// `models` models on `rows` rows; on each row every model predicts the
  /// true label with a probability drawn from `hit`.
  static func ensemble(models: Int, rows: Int, hit: Range<Double>, rng: inout SplitMix64) -> Ensemble {
    let labels = (0..<rows).map { _ in rng.nextInt(in: 0...1) }
    let rates = (0..<rows).map { _ in rng.nextDouble(in: hit) }
    let predictions = (0..<models).map { _ in
      (0..<rows).map { i in rng.nextBernoulli(rates[i]) ? labels[i] : 1 - labels[i] }
    }
    return Ensemble(labels: labels, predictions: predictions)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Ensemble(labels: [1, 1, 0], predictions: [[1, 0, 0], [1, 0, 0], [0, 1, 0]])
    let good = Self.ensemble(models: 15, rows: 100, hit: 0.75..<1, rng: &rng)
    let narrow = Self.ensemble(models: 21, rows: 200, hit: 0.25..<0.48, rng: &rng)
    let mixed = Self.ensemble(models: 31, rows: 300, hit: 0.2..<0.95, rng: &rng)
    var ties = Self.ensemble(models: 10, rows: 60, hit: 0.3..<0.7, rng: &rng)
    for row in 0..<20 {
      for model in 0..<10 { ties.predictions[model][row] = model < 5 ? 0 : 1 }
    }
    return [
      compare("three rows, three models, worked by hand", hand, seed: seed),
      compare("a good ensemble: few biased rows", good, seed: seed),
      compare("wrong on most rows by a narrow majority", narrow, seed: seed),
      compare("31 models, rows from easy to hard", mixed, seed: seed),
      compare("ten models with 5–5 ties: a tie goes to label 0", ties, seed: seed),
    ]
  }

  func compare(_ name: String, _ ensemble: Ensemble, seed: UInt64) -> Check {
    let tried = "\(ensemble.predictions.count) models × \(ensemble.labels.count) rows, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let targets = ensemble.labels.map(Double.init)
      let predictions = ensemble.predictions.map { $0.map(Double.init) }
      let whole = biasVarianceDecomposition(targets: targets, predictions: predictions, loss: .zeroOne)
      let split = zeroOneVarianceSplit(targets: targets, predictions: predictions)
      let expected: Answer = (whole.bias, whole.variance, split.netVariance)
      let got = implementation(ensemble.labels, ensemble.predictions)
      let show = { (a: Answer) in
        "(bias: \(formatted(a.bias)), variance: \(formatted(a.variance)), netVariance: \(formatted(a.netVariance)))"
      }
      let right = [
        tolerance.accepts(got.bias, expected: expected.bias),
        tolerance.accepts(got.variance, expected: expected.variance),
        tolerance.accepts(got.netVariance, expected: expected.netVariance),
      ]
      if right.allSatisfy({ $0 }) { return .passed }
      let (message, hint) = Self.diagnose(got, expected: expected, whole: whole, split: split, ensemble: ensemble, tolerance: tolerance)
      return .failed(expected: show(expected), got: show(got), message: message, hint: hint)
    }
  }

  static func diagnose(
    _ got: Answer, expected: Answer, whole: BiasVarianceDecomposition, split: ZeroOneVarianceSplit,
    ensemble: Ensemble, tolerance: Tolerance
  ) -> (String, String) {
    func near(_ a: Double, _ b: Double) -> Bool { tolerance.accepts(a, expected: b) }
    let biasRight = near(got.bias, expected.bias)
    let varianceRight = near(got.variance, expected.variance)
    if biasRight && varianceRight {
      if near(got.netVariance, whole.variance) {
        return (
          "The net variance equals the variance: this adds variance on every row, as under squared loss. On a row the majority gets wrong, a model that disagrees with it is right.",
          "Split the rows by whether the main prediction is right. Net variance = (variance summed over unbiased rows − variance summed over biased rows) / n.")
      }
      if near(got.netVariance, split.unbiasedVariance) {
        return (
          "This is the variance on the unbiased rows alone: the biased rows' variance must be subtracted, not left out.",
          "On a biased row every disagreeing model is right, so its variance lowers the expected loss: subtract it.")
      }
      if near(got.netVariance, -expected.netVariance) && !near(expected.netVariance, 0) {
        return ("The net variance has the wrong sign.", "Net variance = unbiased rows' variance − biased rows' variance.")
      }
      return (
        "Bias and variance are right; the net variance differs. It should make bias + netVariance equal the expected loss, \(formatted(whole.expectedLoss)).",
        "Net variance = (Σ over rows with a right main prediction of Vᵢ − Σ over rows with a wrong one of Vᵢ) / n.")
    }
    if near(got.bias, whole.expectedLoss) && !near(whole.expectedLoss, whole.bias) {
      return (
        "The bias is the share of all predictions that are wrong, which is the expected loss. Bias is about the main prediction only.",
        "Per row, take the majority vote (the main prediction); bias is the share of rows where it differs from the label.")
    }
    if near(got.variance, whole.expectedLoss) && !near(whole.expectedLoss, whole.variance) {
      return (
        "The variance counts predictions that differ from the label; variance is disagreement with the main prediction.",
        "Vᵢ is the share of models whose prediction differs from row i's majority vote, whatever the label.")
    }
    let tiesUp = tiesToOne(ensemble)
    if near(got.bias, tiesUp.bias) && !near(tiesUp.bias, expected.bias) {
      return (
        "On the rows with a 5–5 vote your main prediction is 1; the convention here (as in the kernel and in numpy's argmax of bincount) gives a tie to the smaller label, 0.",
        "Break a tie toward label 0.")
    }
    return (
      "The decomposition differs. Bias + net variance should equal the expected loss, \(formatted(whole.expectedLoss)).",
      "Per row: main prediction m = majority vote (tie → 0); biased if m ≠ label; Vᵢ = share of models ≠ m. Average bias and Vᵢ over rows; net variance adds Vᵢ on unbiased rows and subtracts it on biased ones.")
  }

  /// Bias and variance with ties broken toward label 1.
  static func tiesToOne(_ e: Ensemble) -> (bias: Double, variance: Double) {
    var bias = 0.0
    var variance = 0.0
    let models = e.predictions.count
    for row in e.labels.indices {
      let ones = e.predictions.reduce(0) { $0 + $1[row] }
      let main = 2 * ones >= models ? 1 : 0
      if main != e.labels[row] { bias += 1 }
      variance += Double(main == 1 ? models - ones : ones) / Double(models)
    }
    return (bias / Double(e.labels.count), variance / Double(e.labels.count))
  }
}
