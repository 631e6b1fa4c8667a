import Groundwork
import RealModule

/// Grades the learner's expected calibration error with equal-width bins
/// (Lessons/1-foundation, the calibration lesson).
///
/// Reference: `Stats.expectedCalibrationError` with the uniform rule, bin m
/// holding ((m−1)/M, m/M] and 0 in the first bin. Tolerance: relative 1e-9.
///
/// Each case is built to catch one misconception; when a wrong answer matches
/// what a known mistake would give, the hint names that mistake:
/// the unweighted mean of bin gaps, the `[lo, hi)` edge rule (`floor(c·M)`),
/// the maximum gap (MCE), the gap of the whole sample, a signed sum, a
/// division by the number of bins, and a percentage instead of a fraction.
public struct CalibrationErrorGrader: Grader {
  public static let name = "calibration.ece"
  public static let entryPoints = [
    EntryPoint(
      "expectedCalibrationError",
      [.init("confidences", "[Double]"), .init("correct", "[Bool]"), .init("binCount", "Int")],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["calibrationSummary", "uniformBinIndex", "Stats.expectedCalibrationError"]

  /// The learner's function.
  let implementation: ([Double], [Bool], Int) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [Bool], Int) -> Double).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let handSized = Sample.handSized
    let edges = Sample.onBinEdges(binCount: 10, rng: &rng)
    let emptyBins = Sample.withEmptyBins(count: 40, binCount: 15, rng: &rng)
    let unequal = Sample.overconfident(count: 200, concentration: 6, rng: &rng)
    let large = Sample.overconfident(count: 2_000, concentration: 1, rng: &rng)
    let single = Sample(confidences: [rng.nextDouble(in: 0.5..<1)], correct: [false])
    return [
      compare("a hand-sized example", handSized, binCount: 5, seed: seed),
      compare("confidences exactly on bin edges", edges, binCount: 10, seed: seed),
      compare("empty bins, and confidences of exactly 0 and 1", emptyBins, binCount: 15, seed: seed),
      compare("bins of very different sizes", unequal, binCount: 10, seed: seed),
      compare("an overconfident model, 15 bins", large, binCount: 15, seed: seed),
      compare("a single bin", large, binCount: 1, seed: seed),
      compare("a single prediction", single, binCount: 15, seed: seed),
    ]
  }

  func compare(_ name: String, _ sample: Sample, binCount: Int, seed: UInt64) -> Check {
    let tried = "\(sample.confidences.count) prediction\(sample.confidences.count == 1 ? "" : "s"), "
      + "binCount \(binCount), seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let expected = expectedCalibrationError(
        confidences: sample.confidences, correct: sample.correct, binCount: binCount)
      let got = implementation(sample.confidences, sample.correct, binCount)
      if tolerance.accepts(got, expected: expected) { return .passed }
      let diagnosis = Mistake.diagnose(got: got, sample: sample, binCount: binCount, tolerance: tolerance)
      return .numbersDiffer(
        expected: expected, got: got,
        message: diagnosis?.message ?? "ECE differs by more than \(tolerance).",
        hint: diagnosis?.hint
          ?? "Check each step on this case: which bin each confidence falls in, each bin's accuracy and mean confidence, and the weight |B_m| / n.")
    }
  }
}

/// Predictions to grade on.
struct Sample: Sendable {
  var confidences: [Double]
  var correct: [Bool]

  /// Six predictions a learner can follow by hand with 5 bins.
  static let handSized = Sample(
    confidences: [0.95, 0.9, 0.85, 0.72, 0.65, 0.3],
    correct: [true, false, true, true, false, false])

  /// Values that sit exactly on the edges m/M, mixed with values in between.
  static func onBinEdges(binCount: Int, rng: inout SplitMix64) -> Sample {
    var confidences = (0...binCount).map { Double($0) / Double(binCount) }
    confidences += (0..<20).map { _ in (rng.nextDouble() * 100).rounded() / 100 }
    let correct = confidences.map { rng.nextBernoulli($0) }
    return Sample(confidences: confidences, correct: correct)
  }

  /// Confidences bunched in a few bins, plus 0 and 1 themselves.
  static func withEmptyBins(count: Int, binCount: Int, rng: inout SplitMix64) -> Sample {
    var confidences: [Double] = [0, 1, 1]
    while confidences.count < count {
      let cluster = rng.nextBernoulli(0.5) ? 0.25 : 0.9
      confidences.append(min(1, cluster + rng.nextDouble() * 0.06))
    }
    let correct = confidences.map { rng.nextBernoulli($0 * 0.8) }
    return Sample(confidences: confidences, correct: correct)
  }

  /// A model whose confidence runs ahead of its accuracy: correct with
  /// probability c^1.5. `concentration` > 1 piles confidences near 1, so
  /// bins differ wildly in size.
  static func overconfident(count: Int, concentration: Double, rng: inout SplitMix64) -> Sample {
    var confidences: [Double] = []
    var correct: [Bool] = []
    for _ in 0..<count {
      let u = rng.nextDouble()
      let confidence = 1 - Double.pow(1 - u, concentration) * 0.9
      let rounded = (confidence * 10_000).rounded() / 10_000
      confidences.append(rounded)
      correct.append(rng.nextBernoulli(Double.pow(rounded, 1.5)))
    }
    return Sample(confidences: confidences, correct: correct)
  }
}

/// The wrong answers that common mistakes produce, to name the mistake.
enum Mistake: CaseIterable {
  case unweightedMean
  case lowerEdgeInclusive
  case maximumGap
  case wholeSampleGap
  case signedGaps
  case dividedByBinCount
  case percentage

  static func diagnose(got: Double, sample: Sample, binCount: Int, tolerance: Tolerance) -> (
    message: String, hint: String
  )? {
    if got.isNaN {
      return (
        "Your function returned nan.",
        "An empty bin has no accuracy or mean confidence: 0 / 0 is nan. Skip empty bins; their weight |B_m| / n is 0 anyway."
      )
    }
    let reference = expectedCalibrationError(
      confidences: sample.confidences, correct: sample.correct, binCount: binCount)
    for mistake in allCases {
      let value = mistake.value(sample: sample, binCount: binCount)
      if tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: reference) {
        return (mistake.message, mistake.hint)
      }
    }
    return nil
  }

  var message: String {
    switch self {
    case .unweightedMean: "This is the plain average of the bins' gaps."
    case .lowerEdgeInclusive: "This is what bins of the form [lo, hi) give."
    case .maximumGap: "This is the largest bin gap (the MCE), not the expected one."
    case .wholeSampleGap: "This is |accuracy − mean confidence| over the whole sample, without bins."
    case .signedGaps: "This is the weighted sum of signed gaps (accuracy − confidence)."
    case .dividedByBinCount: "This is the sum of bin gaps divided by the number of bins."
    case .percentage: "This is the right value times 100."
    }
  }

  var hint: String {
    switch self {
    case .unweightedMean, .dividedByBinCount:
      "Weight each bin's gap by its share of predictions, |B_m| / n: a bin with 3 predictions must count less than one with 300."
    case .lowerEdgeInclusive:
      "A confidence exactly on an edge m/M belongs to the bin below it: bins are (lo, hi], and 0 goes to the first bin. floor(c · M) puts edge values one bin too high."
    case .maximumGap:
      "Sum the bins' gaps weighted by |B_m| / n instead of taking the largest."
    case .wholeSampleGap:
      "Group predictions into binCount equal-width bins first; over- and under-confident bins must not cancel."
    case .signedGaps:
      "Take the absolute value of each bin's gap before summing, or over- and under-confident bins cancel."
    case .percentage:
      "Return a fraction in [0, 1], not a percentage."
    }
  }

  func value(sample: Sample, binCount: Int) -> Double {
    let n = Double(sample.confidences.count)
    switch self {
    case .unweightedMean:
      let gaps = bins(sample, binCount, lowerInclusive: false).compactMap(\.gap)
      return gaps.reduce(0, +) / Double(gaps.count)
    case .lowerEdgeInclusive:
      return bins(sample, binCount, lowerInclusive: true).reduce(0) { total, bin in
        total + (bin.gap ?? 0) * Double(bin.count) / n
      }
    case .maximumGap:
      return bins(sample, binCount, lowerInclusive: false).compactMap(\.gap).max() ?? 0
    case .wholeSampleGap:
      return expectedCalibrationError(confidences: sample.confidences, correct: sample.correct, binCount: 1)
    case .signedGaps:
      return bins(sample, binCount, lowerInclusive: false).reduce(0) { total, bin in
        guard let accuracy = bin.accuracy, let confidence = bin.confidence else { return total }
        return total + (accuracy - confidence) * Double(bin.count) / n
      }
    case .dividedByBinCount:
      return bins(sample, binCount, lowerInclusive: false).compactMap(\.gap).reduce(0, +) / Double(binCount)
    case .percentage:
      return 100 * expectedCalibrationError(confidences: sample.confidences, correct: sample.correct, binCount: binCount)
    }
  }

  func bins(_ sample: Sample, _ binCount: Int, lowerInclusive: Bool) -> [ReliabilityBin] {
    if !lowerInclusive {
      return calibrationSummary(confidences: sample.confidences, correct: sample.correct, binCount: binCount).bins
    }
    var grouped = [(count: Int, correct: Int, sum: Double)](repeating: (0, 0, 0), count: binCount)
    for (confidence, isCorrect) in zip(sample.confidences, sample.correct) {
      let index = min(Int((confidence * Double(binCount)).rounded(.down)), binCount - 1)
      grouped[index].count += 1
      grouped[index].correct += isCorrect ? 1 : 0
      grouped[index].sum += confidence
    }
    return grouped.enumerated().map { m, bin in
      ReliabilityBin(
        lower: Double(m) / Double(binCount), upper: Double(m + 1) / Double(binCount), count: bin.count,
        accuracy: bin.count == 0 ? nil : Double(bin.correct) / Double(bin.count),
        confidence: bin.count == 0 ? nil : bin.sum / Double(bin.count))
    }
  }
}
