import Stats
import Testing

/// The numbers printed in Lessons/1-foundation/02-baselines.md, recomputed
/// by the kernel: a lesson's figures must come from the reference code.
@Suite("The baselines lesson's numbers")
struct BaselinesLessonTests {
  /// The fraud test set: 1,000 frauds (label 1) among 100,000 transactions;
  /// the model catches 400, misses 600 and flags 300 legitimate ones.
  let labels = [Int](repeating: 1, count: 1_000) + [Int](repeating: 0, count: 99_000)
  let predictions =
    [Int](repeating: 1, count: 400) + [Int](repeating: 0, count: 600)
    + [Int](repeating: 1, count: 300) + [Int](repeating: 0, count: 98_700)

  @Test("the fraud model against its baselines")
  func fraud() {
    #expect(accuracy(predictions: predictions, labels: labels) == 0.991)
    #expect(majorityBaselineAccuracy(labels: labels) == 0.99)
    #expect("\(stratifiedGuessAccuracy(labels: labels))" == "0.9802")
    #expect("\(priorBaselineLogLoss(labels: labels))".hasPrefix("0.056001534354847"))
    #expect("\(balancedAccuracy(predictions: predictions, labels: labels))".hasPrefix("0.698484848484848"))
    // Brier score of the prior on the positive class: π(1 − π).
    #expect(abs(0.01 * 0.99 - 0.0099) < 1e-15)
    // Errors: 1,000 for the baseline, 900 for the model, a 10% reduction.
    let modelErrors = zip(predictions, labels).filter { $0 != $1 }.count
    #expect(modelErrors == 900)
    #expect(labels.filter { $0 == 1 }.count == 1_000)
  }

  @Test("three hospitals: 95% overall, 64% at the smallest")
  func hospitals() {
    var predictions: [Int] = []
    var labels: [Int] = []
    var groups: [String] = []
    for (group, count, correct) in [("A", 1_200, 1_164), ("B", 700, 672), ("C", 100, 64)] {
      for index in 0..<count {
        labels.append(1)
        predictions.append(index < correct ? 1 : 0)
        groups.append(group)
      }
    }
    #expect(accuracy(predictions: predictions, labels: labels) == 0.95)
    let rows = accuracyBySubgroup(predictions: predictions, labels: labels, groups: groups)
    #expect(rows.map(\.group) == ["A", "B", "C"])
    #expect(rows.map(\.count) == [1_200, 700, 100])
    #expect(rows.map(\.accuracy) == [0.97, 0.96, 0.64])
    #expect(worstSubgroup(predictions: predictions, labels: labels, groups: groups)?.group == "C")
    // The Wilson intervals quoted for hospitals C and A (4 decimals).
    let c = proportionInterval(successes: 64, trials: 100)
    #expect((c.lower * 10_000).rounded() == 5_424 && (c.upper * 10_000).rounded() == 7_273)
    let a = proportionInterval(successes: 1_164, trials: 1_200)
    #expect((a.lower * 10_000).rounded() == 9_587 && (a.upper * 10_000).rounded() == 9_783)
    // Hospital C at 0.97 instead: 1,933 of 2,000.
    let repaired: Double = Double(1_164 + 672 + 97) / 2_000
    #expect(abs(repaired - 0.9665) < 1e-15)
    // The 50/20/30 mix.
    let shares: [Double] = [0.5, 0.2, 0.3]
    let mixed: Double = zip(shares, rows.map(\.accuracy)).map { $0 * $1 }.reduce(0, +)
    #expect(abs(mixed - 0.869) < 1e-12)
  }

  @Test("precision and accuracy of TPR 0.90, FPR 0.05 at five prevalences, as printed")
  func prevalences() {
    let printed = [0.5, 0.05, 0.01, 0.005, 0.001].map { prevalence in
      let precision = precisionAtPrevalence(truePositiveRate: 0.9, falsePositiveRate: 0.05, prevalence: prevalence)
      let accuracy = accuracyAtPrevalence(truePositiveRate: 0.9, falsePositiveRate: 0.05, prevalence: prevalence)
      return "\(prevalence) \(precision) \(accuracy)"
    }
    #expect(
      printed == [
        "0.5 0.9473684210526315 0.925",
        "0.05 0.48648648648648657 0.9475",
        "0.01 0.15384615384615385 0.9495",
        "0.005 0.08294930875576037 0.9497499999999999",
        "0.001 0.01769911504424779 0.94995",
      ])
    // At 0.001 on 100,000 cases: 90 true alarms, 4,995 false ones; odds 18 : 999.
    let alarms: Double = 90.0 / Double(90 + 4_995)
    let odds: Double = 18.0 / 1_017
    #expect(abs(alarms - odds) < 1e-15)
    let rare = precisionAtPrevalence(truePositiveRate: 0.9, falsePositiveRate: 0.05, prevalence: 0.001)
    #expect(abs(rare - odds) < 1e-15)
  }
}
