import Groundwork

/// Grades the learner's black-box shift estimate of a target class prior
/// (Lessons/1-foundation, the distribution-shift lesson; Lipton, Wang and
/// Smola 2018): `Ĉ[i][j] = P_source(ŷ = i, y = j)`, `μ̂[i] = P_target(ŷ = i)`,
/// `ŵ = Ĉ⁻¹μ̂`, and the target prior `q̂[j] = ŵ[j] · P_source(y = j)`.
///
/// Reference: `Stats.blackBoxShiftEstimate(sourcePredictions:…)`.
/// Tolerance: relative 1e-9 on each class's share.
///
/// The misconception is that the share of target examples the classifier
/// assigns to a class estimates that class's share. It does only for a
/// perfect classifier: its errors mix the classes. The hidden case is a
/// classifier that confuses classes often, where the predicted histogram is
/// far from the truth and BBSE recovers it. Other named mistakes: the
/// weights ŵ returned instead of the prior, the confusion matrix
/// transposed, and the source prior.
public struct LabelShiftGrader: Grader {
  public static let name = "shift.bbse"
  public static let entryPoints = [
    EntryPoint(
      "estimateTargetPrior",
      [
        .init("sourcePredictions", "[Int]"), .init("sourceLabels", "[Int]"), .init("targetPredictions", "[Int]"),
        .init("classes", "Int"),
      ],
      returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["blackBoxShiftEstimate", "LabelShiftEstimate"]

  /// The learner's function.
  let implementation: ([Int], [Int], [Int], Int) -> [Double]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int], [Int], [Int], Int) -> [Double]).self)
  }

  /// Source predictions with labels, and target predictions.
  struct Case: Sendable {
    var sourcePredictions: [Int] = []
    var sourceLabels: [Int] = []
    var targetPredictions: [Int] = []
    var classes: Int
    var targetPrior: [Double]
  }

  /// A class drawn from `prior`.
  static func draw(_ prior: [Double], rng: inout SplitMix64) -> Int {
    var u = rng.nextDouble()
    for (k, p) in prior.enumerated() {
      if u < p { return k }
      u -= p
    }
    return prior.count - 1
  }

  /// Samples from a label-shift world: labels from each prior, predictions
  /// from the same confusion `P(ŷ | y)` (right with probability `accuracy`,
  /// otherwise a uniformly chosen other class).
  static func world(
    source: [Double], target: [Double], accuracy: Double, sourceCount: Int, targetCount: Int, rng: inout SplitMix64
  ) -> Case {
    let k = source.count
    var c = Case(classes: k, targetPrior: target)
    func predict(_ y: Int, _ rng: inout SplitMix64) -> Int {
      rng.nextBernoulli(accuracy) ? y : (y + rng.nextInt(in: 1...(k - 1))) % k
    }
    for _ in 0..<sourceCount {
      let y = draw(source, rng: &rng)
      c.sourceLabels.append(y)
      c.sourcePredictions.append(predict(y, &rng))
    }
    for _ in 0..<targetCount { c.targetPredictions.append(predict(draw(target, rng: &rng), &rng)) }
    return c
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Case(
      sourcePredictions: [0, 0, 0, 1, 1, 1, 0, 1], sourceLabels: [0, 0, 0, 0, 1, 1, 1, 1],
      targetPredictions: [0, 0, 1, 1, 1], classes: 2, targetPrior: [])
    return [
      compare("eight source and five target examples, worked by hand", hand, seed: seed),
      compare(
        "three classes, (0.6, 0.3, 0.1) → (0.2, 0.3, 0.5), a good classifier",
        Self.world(source: [0.6, 0.3, 0.1], target: [0.2, 0.3, 0.5], accuracy: 0.9, sourceCount: 20_000, targetCount: 20_000, rng: &rng),
        seed: seed),
      compare(
        "a classifier right only 55% of the time",
        Self.world(source: [0.5, 0.3, 0.2], target: [0.1, 0.2, 0.7], accuracy: 0.55, sourceCount: 20_000, targetCount: 20_000, rng: &rng),
        seed: seed),
      compare(
        "five classes, no shift at all",
        Self.world(source: [0.3, 0.25, 0.2, 0.15, 0.1], target: [0.3, 0.25, 0.2, 0.15, 0.1], accuracy: 0.7, sourceCount: 10_000, targetCount: 5_000, rng: &rng),
        seed: seed),
    ]
  }

  func compare(_ name: String, _ c: Case, seed: UInt64) -> Check {
    let tried = "\(c.sourceLabels.count) source and \(c.targetPredictions.count) target examples, \(c.classes) classes, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let estimate = blackBoxShiftEstimate(
        sourcePredictions: c.sourcePredictions, sourceLabels: c.sourceLabels, targetPredictions: c.targetPredictions,
        classCount: c.classes)
      let expected = estimate.targetPrior
      let got = implementation(c.sourcePredictions, c.sourceLabels, c.targetPredictions, c.classes)
      let show = { (values: [Double]) in "[" + values.map(formatted).joined(separator: ", ") + "]" }
      if got.count == expected.count && zip(got, expected).allSatisfy({ tolerance.accepts($0, expected: $1) }) { return .passed }
      let truth = c.targetPrior.isEmpty ? "" : " (the true target prior is \(show(c.targetPrior)))"
      func same(_ candidate: [Double]) -> Bool {
        candidate.count == got.count && zip(got, candidate).allSatisfy { tolerance.accepts($0, expected: $1) }
          && !zip(candidate, expected).allSatisfy { tolerance.accepts($0, expected: $1) }
      }
      let n = Double(c.targetPredictions.count)
      let histogram = (0..<c.classes).map { k in Double(c.targetPredictions.filter { $0 == k }.count) / n }
      let sourcePrior = (0..<c.classes).map { k in Double(c.sourceLabels.filter { $0 == k }.count) / Double(c.sourceLabels.count) }
      let transposed = Self.transposedEstimate(c)
      let named: (String, String)? =
        same(histogram)
        ? (
          "This is the share of target examples predicted as each class: it counts the classifier's mistakes as class shares.",
          "The target's predicted shares are μ = C·w, mixed by the confusion C; solve for w, then q = w · source prior."
        )
        : same(estimate.weights)
          ? ("These are the weights ŵ = q/p; multiply each by the source share of its class.", "q̂[j] = ŵ[j] · P_source(y = j).")
          : same(sourcePrior)
            ? ("This is the source prior: the target's predictions were not used.", "Use the target predictions' shares μ̂ and solve Ĉ·w = μ̂.")
            : transposed.map(same) == true
              ? (
                "The confusion matrix is transposed: rows must be the predicted class and columns the true class, C[i][j] = P(ŷ = i, y = j).",
                "μ[i] = Σ_j C[i][j] w[j]: predicted class i collects the true classes j."
              ) : nil
      return .failed(
        expected: show(expected) + truth, got: show(got), message: named?.0 ?? "The estimated target prior differs.",
        hint: named?.1
          ?? "Ĉ[i][j] = share of source examples with prediction i and label j; μ̂[i] = share of target predictions equal to i; solve Ĉ·w = μ̂; q[j] = w[j] · Σ_i Ĉ[i][j].")
    }
  }

  /// BBSE with the joint confusion transposed, if that system is solvable.
  static func transposedEstimate(_ c: Case) -> [Double]? {
    let k = c.classes
    var joint = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    for (p, y) in zip(c.sourcePredictions, c.sourceLabels) { joint[y][p] += 1 / Double(c.sourceLabels.count) }
    let rates = (0..<k).map { i in Double(c.targetPredictions.filter { $0 == i }.count) / Double(c.targetPredictions.count) }
    // A transposed matrix is singular exactly when the original is, which
    // the cases here avoid.
    return blackBoxShiftEstimate(jointConfusion: joint, targetPredictionRates: rates).targetPrior
  }
}
