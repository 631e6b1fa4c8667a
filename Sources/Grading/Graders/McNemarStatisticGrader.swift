import Groundwork

/// Grades the learner's McNemar statistic with continuity correction
/// (Lessons/1-foundation, the uncertainty lesson) from two models'
/// correctness on the same examples.
///
/// Reference: `Stats.mcNemarTest(b01:b10:).statistic`. Tolerance: relative
/// 1e-9. Every generated case has b01 ≠ b10, where the formula needs no
/// convention about ties.
///
/// The misconception is treating the two accuracies as independent samples.
/// The hidden cases are pairs of models that agree on most examples, where
/// the unpaired two-proportion test (its z²) and counting every error of
/// each model instead of the disagreements give answers far from
/// McNemar's, and few disagreements, where the continuity correction
/// matters most. Named mistakes: no continuity correction, a correction of
/// 0.5, the denominator n or the error counts, z² of the two-proportion test,
/// the square root of the statistic, and its p-value.
public struct McNemarStatisticGrader: Grader {
  public static let name = "uncertainty.mcnemar"
  public static let entryPoints = [
    EntryPoint("mcNemarStatistic", [.init("a", "[Bool]"), .init("b", "[Bool]")], returns: "Double")
  ]
  public static let forbiddenSymbols = ["mcNemarTest", "pairedComparison"]

  /// The learner's function.
  let implementation: ([Bool], [Bool]) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Bool], [Bool]) -> Double).self)
  }

  /// Two models' correctness on the same examples.
  struct Pair: Sendable {
    var a: [Bool]
    var b: [Bool]

    var counts: (bothRight: Int, b01: Int, b10: Int, bothWrong: Int) {
      var result = (bothRight: 0, b01: 0, b10: 0, bothWrong: 0)
      for (x, y) in zip(a, b) {
        switch (x, y) {
        case (true, true): result.bothRight += 1
        case (false, true): result.b01 += 1
        case (true, false): result.b10 += 1
        case (false, false): result.bothWrong += 1
        }
      }
      return result
    }

    var description: String {
      let c = counts
      return "\(a.count) examples: \(c.bothRight) both right, \(c.b01) only b right, \(c.b10) only a right, \(c.bothWrong) both wrong"
    }
  }

  /// Examples laid out in a shuffled order from the four counts.
  static func pair(bothRight: Int, b01: Int, b10: Int, bothWrong: Int, rng: inout SplitMix64) -> Pair {
    var rows = [(Bool, Bool)](repeating: (true, true), count: bothRight)
    rows += [(Bool, Bool)](repeating: (false, true), count: b01)
    rows += [(Bool, Bool)](repeating: (true, false), count: b10)
    rows += [(Bool, Bool)](repeating: (false, false), count: bothWrong)
    for index in stride(from: rows.count - 1, to: 0, by: -1) {
      rows.swapAt(index, rng.nextInt(in: 0...index))
    }
    return Pair(a: rows.map(\.0), b: rows.map(\.1))
  }

  /// `count` examples drawn with the given probabilities of "only b right"
  /// and "only a right" (the rest split between both right and both wrong),
  /// redrawn until the two disagreement counts differ.
  static func drawn(count: Int, onlyB: Double, onlyA: Double, bothWrong: Double, rng: inout SplitMix64) -> Pair {
    while true {
      var a: [Bool] = []
      var b: [Bool] = []
      for _ in 0..<count {
        let u = rng.nextDouble()
        if u < onlyB {
          a.append(false); b.append(true)
        } else if u < onlyB + onlyA {
          a.append(true); b.append(false)
        } else if u < onlyB + onlyA + bothWrong {
          a.append(false); b.append(false)
        } else {
          a.append(true); b.append(true)
        }
      }
      let pair = Pair(a: a, b: b)
      if pair.counts.b01 != pair.counts.b10 { return pair }
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let lesson = Self.pair(bothRight: 840, b01: 30, b10: 15, bothWrong: 115, rng: &rng)
    let sizes = [20, 200, 1_000, 5_000].flatMap { count in
      (0..<3).map { _ in
        Self.drawn(
          count: count, onlyB: rng.nextDouble(in: 0.02..<0.15), onlyA: rng.nextDouble(in: 0.02..<0.15),
          bothWrong: rng.nextDouble(in: 0.02..<0.2), rng: &rng)
      }
    }
    let agreeing = (0..<10).map { _ in
      Self.drawn(
        count: rng.nextInt(in: 2_000...10_000), onlyB: rng.nextDouble(in: 0.01..<0.03),
        onlyA: rng.nextDouble(in: 0.002..<0.01), bothWrong: rng.nextDouble(in: 0.05..<0.15), rng: &rng)
    }
    let few = [(3, 0), (0, 4), (5, 1), (2, 7)].map { b01, b10 in
      Self.pair(bothRight: rng.nextInt(in: 50...500), b01: b01, b10: b10, bothWrong: rng.nextInt(in: 5...50), rng: &rng)
    }
    return [
      compare("the lesson's 1,000 examples", [lesson], seed: seed),
      compare("12 pairs of models on 20 to 5,000 examples", sizes, seed: seed),
      compare("models that agree on all but a few percent of the examples", agreeing, seed: seed),
      compare("only a handful of disagreements", few, seed: seed),
    ]
  }

  func compare(_ name: String, _ pairs: [Pair], seed: UInt64) -> Check {
    let tried = pairs.count == 1 ? pairs[0].description : "\(pairs.count) pairs of models, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for pair in pairs {
        let counts = pair.counts
        let expected = mcNemarTest(b01: counts.b01, b10: counts.b10).statistic
        let got = implementation(pair.a, pair.b)
        if tolerance.accepts(got, expected: expected) { continue }
        let diagnosis = Mistake.diagnose(got: got, pair: pair, tolerance: tolerance)
        let text = diagnosis?.message ?? "the statistic differs by more than \(tolerance)."
        return .numbersDiffer(
          expected: expected, got: got,
          message: pairs.count == 1
            ? text.prefix(1).uppercased() + text.dropFirst() : "On \(pair.description): \(text)",
          hint: diagnosis?.hint
            ?? "Count b01 (a wrong, b right) and b10 (a right, b wrong); the statistic is (|b01 − b10| − 1)² / (b01 + b10).")
      }
      return .passed
    }
  }

  /// The values that common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case noCorrection, halfCorrection, dividedByCount, errorCounts, unpaired, squareRoot, pValue

    static func diagnose(got: Double, pair: Pair, tolerance: Tolerance) -> (message: String, hint: String)? {
      if got.isNaN {
        return ("your function returned nan.", "Divide by b01 + b10, the number of disagreements, as a Double.")
      }
      let c = pair.counts
      let reference = mcNemarTest(b01: c.b01, b10: c.b10).statistic
      for mistake in allCases {
        let value = mistake.value(pair)
        if tolerance.accepts(got, expected: value) && !tolerance.accepts(value, expected: reference) {
          return (mistake.message, mistake.hint)
        }
      }
      return nil
    }

    func value(_ pair: Pair) -> Double {
      let c = pair.counts
      let difference = Double(abs(c.b01 - c.b10))
      let discordant = Double(c.b01 + c.b10)
      let corrected = (difference - 1) * (difference - 1)
      switch self {
      case .noCorrection: return difference * difference / discordant
      case .halfCorrection: return (difference - 0.5) * (difference - 0.5) / discordant
      case .dividedByCount: return corrected / Double(pair.a.count)
      case .errorCounts: return corrected / Double(c.b01 + c.b10 + 2 * c.bothWrong)
      case .unpaired:
        let n = pair.a.count
        let test = twoProportionZTest(
          successes1: c.bothRight + c.b01, trials1: n, successes2: c.bothRight + c.b10, trials2: n)
        return test.statistic * test.statistic
      case .squareRoot: return (corrected / discordant).squareRoot()
      case .pValue: return chiSquaredOneDegreeSurvival(corrected / discordant)
      }
    }

    var message: String {
      switch self {
      case .noCorrection: "this is (b01 − b10)² / (b01 + b10), without the continuity correction."
      case .halfCorrection: "this subtracts 0.5 from |b01 − b10|; McNemar's correction subtracts 1."
      case .dividedByCount: "this divides by the number of examples, not by the number of disagreements."
      case .errorCounts:
        "this divides by the two models' error counts added up, which counts the examples both got wrong twice."
      case .unpaired:
        "this is z² of the two-proportion test, which treats the two accuracies as independent samples."
      case .squareRoot: "this is the square root of the statistic."
      case .pValue: "this is the statistic's p-value, not the statistic."
      }
    }

    var hint: String {
      switch self {
      case .noCorrection, .halfCorrection:
        "With the continuity correction the numerator is (|b01 − b10| − 1)²."
      case .dividedByCount, .errorCounts:
        "Examples both models got right, or both got wrong, carry no information about which is better; only b01 and b10 enter."
      case .unpaired:
        "Both models were scored on the same examples, so their results are paired. Count the examples where they disagree, b01 and b10, and use only those."
      case .squareRoot, .pValue:
        "Return the χ² statistic itself, (|b01 − b10| − 1)² / (b01 + b10)."
      }
    }
  }
}
