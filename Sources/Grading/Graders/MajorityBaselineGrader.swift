import Groundwork

/// Grades the learner's majority-class baseline (Lessons/1-foundation, the
/// baselines lesson): the accuracy of always predicting the most frequent
/// label.
///
/// Reference: `Stats.majorityBaselineAccuracy`. Tolerance: relative 1e-9.
///
/// The cases are built so that no fixed idea of "the negative class" passes:
/// 1% positives (the fraud trap), positives in the majority, labels 3, 7
/// and 9, six classes with none above a third, a tie, a single label, and
/// labels −1 and +1. When a wrong answer matches a known mistake, the report
/// names it: the share of label 1 or 0, of the first label, of the rarest
/// label, 1/K, Σ p_k², a count, an error rate or a percentage.
public struct MajorityBaselineGrader: Grader {
  public static let name = "baselines.majority"
  public static let entryPoints = [
    EntryPoint("majorityBaselineAccuracy", [.init("labels", "[Int]")], returns: "Double")
  ]
  public static let forbiddenSymbols = [
    "Stats.majorityBaselineAccuracy", "classCounts", "stratifiedGuessAccuracy", "priorBaselineLogLoss",
  ]

  /// The learner's function.
  let implementation: ([Int]) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int]) -> Double).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = [0, 1, 0, 0, 2, 0, 1]
    let fraud = Self.draw(count: 10_000, labels: [0, 1], weights: [0.99, 0.01], rng: &rng)
    let positives = Self.draw(count: 1_000, labels: [0, 1], weights: [0.2, 0.8], rng: &rng)
    var oddLabels = Self.draw(count: 600, labels: [3, 7, 9], weights: [0.25, 0.45, 0.30], rng: &rng)
    oddLabels[0] = 9
    let sixWeights = (0..<6).map { _ in rng.nextDouble(in: 1..<1.6) }
    let sixClasses = Self.draw(count: 3_000, labels: [0, 1, 2, 3, 4, 5], weights: sixWeights, rng: &rng)
    let tied = Self.tie(rng: &rng)
    let single = [rng.nextInt(in: -50...50)]
    let signs = Self.draw(count: 500, labels: [1, -1], weights: [0.3, 0.7], rng: &rng)
    return [
      compare("a hand-sized example", hand, seed: seed),
      compare("1% positives: the fraud trap", fraud, seed: seed),
      compare("positives are the majority", positives, seed: seed),
      compare("labels 3, 7 and 9; the first label is not the most frequent", oddLabels, seed: seed),
      compare("six classes, none above a third", sixClasses, seed: seed),
      compare("two classes tie for the most frequent", tied, seed: seed),
      compare("a single label", single, seed: seed),
      compare("labels -1 and +1", signs, seed: seed),
    ]
  }

  func compare(_ name: String, _ labels: [Int], seed: UInt64) -> Check {
    let distinct = Set(labels).count
    let tried = "\(labels.count) label\(labels.count == 1 ? "" : "s") (\(distinct) distinct), seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let expected = majorityBaselineAccuracy(labels: labels)
      let got = implementation(labels)
      if tolerance.accepts(got, expected: expected) { return .passed }
      let diagnosis = Mistake.diagnose(got: got, labels: labels, tolerance: tolerance)
      return .numbersDiffer(
        expected: expected, got: got,
        message: diagnosis?.message ?? "The baseline differs by more than \(tolerance).",
        hint: diagnosis?.hint
          ?? "Count how often each label occurs, take the largest count, and divide by the number of labels.")
    }
  }

  /// `count` labels drawn with the given relative weights, in random order.
  static func draw(count: Int, labels: [Int], weights: [Double], rng: inout SplitMix64) -> [Int] {
    let total = weights.reduce(0, +)
    return (0..<count).map { _ in
      var u = rng.nextDouble() * total
      for (label, weight) in zip(labels, weights) {
        if u < weight { return label }
        u -= weight
      }
      return labels[labels.count - 1]
    }
  }

  /// Two labels with the same, largest count and a third with fewer, shuffled.
  static func tie(rng: inout SplitMix64) -> [Int] {
    let m = rng.nextInt(in: 40...120)
    var labels = [Int](repeating: 4, count: m) + [Int](repeating: 2, count: m)
    labels += [Int](repeating: 0, count: rng.nextInt(in: 1...(m - 1)))
    labels.shuffle(using: &rng)
    return labels
  }

  /// The wrong answers that common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case shareOfOne, shareOfZero, shareOfFirst, shareOfRarest, uniformGuess, stratifiedGuess
    case largestCount, errorRate, percentage

    static func diagnose(got: Double, labels: [Int], tolerance: Tolerance) -> (message: String, hint: String)? {
      if got.isNaN {
        return ("Your function returned nan.", "Divide a count by the number of labels, which is never 0 here.")
      }
      let reference = majorityBaselineAccuracy(labels: labels)
      for mistake in allCases {
        let value = mistake.value(labels)
        if tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: reference) {
          return (mistake.message, mistake.hint)
        }
      }
      return nil
    }

    func value(_ labels: [Int]) -> Double {
      let n = Double(labels.count)
      var counts: [Int: Int] = [:]
      for label in labels { counts[label, default: 0] += 1 }
      switch self {
      case .shareOfOne: return Double(counts[1] ?? 0) / n
      case .shareOfZero: return Double(counts[0] ?? 0) / n
      case .shareOfFirst: return Double(counts[labels[0]] ?? 0) / n
      case .shareOfRarest: return Double(counts.values.min() ?? 0) / n
      case .uniformGuess: return 1 / Double(counts.count)
      case .stratifiedGuess: return counts.values.reduce(0) { $0 + (Double($1) / n) * (Double($1) / n) }
      case .largestCount: return Double(counts.values.max() ?? 0)
      case .errorRate: return 1 - majorityBaselineAccuracy(labels: labels)
      case .percentage: return 100 * majorityBaselineAccuracy(labels: labels)
      }
    }

    var message: String {
      switch self {
      case .shareOfOne: "This is the share of label 1."
      case .shareOfZero: "This is the share of label 0."
      case .shareOfFirst: "This is the share of the first label in the array."
      case .shareOfRarest: "This is the share of the least frequent label."
      case .uniformGuess: "This is 1/K, the accuracy of guessing uniformly among the K labels."
      case .stratifiedGuess: "This is the sum of p_k², the accuracy of guessing at random with the class frequencies."
      case .largestCount: "This is the count of the most frequent label, not its share."
      case .errorRate: "This is the majority baseline's error rate, 1 minus its accuracy."
      case .percentage: "This is the right value times 100."
      }
    }

    var hint: String {
      switch self {
      case .shareOfOne, .shareOfZero, .shareOfFirst:
        "The majority class is whichever label occurs most often in this data; no label value (0, 1, the first one) is special. Count every label."
      case .shareOfRarest:
        "Take the largest count, not the smallest: the baseline always predicts the most frequent label."
      case .uniformGuess, .stratifiedGuess:
        "The baseline does not guess at random: it predicts the most frequent label every time, and is right exactly on the examples that have that label."
      case .largestCount, .percentage:
        "Return a fraction in (0, 1]: the largest count divided by the number of labels."
      case .errorRate:
        "Return the share of examples the constant prediction gets right, not the share it gets wrong."
      }
    }
  }
}
