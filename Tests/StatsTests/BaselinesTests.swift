import Stats
import Testing

/// The baseline, subgroup and prevalence functions on inputs small enough to
/// check by hand.
@Suite("Baselines and subgroups")
struct BaselinesTests {
  @Test("the majority baseline is the share of the most frequent label, whatever its value")
  func majority() {
    #expect(majorityBaselineAccuracy(labels: [0, 0, 1, 0]) == 0.75)
    #expect(majorityBaselineAccuracy(labels: [1, 1, 1, 0]) == 0.75)
    #expect(majorityBaselineAccuracy(labels: [7, 3, 7, 9, 7, 3]) == 0.5)
    #expect(majorityBaselineAccuracy(labels: [-1, -1, 1]) == 2.0 / 3.0)
    #expect(majorityBaselineAccuracy(labels: [5]) == 1)
    #expect(majorityBaselineAccuracy(labels: [0, 1, 2, 3]) == 0.25)
  }

  @Test("class counts, the stratified guess and the prior's log loss")
  func otherBaselines() {
    #expect(classCounts([2, 0, 2, 2]) == [0: 1, 2: 3])
    // 3/4 and 1/4: 9/16 + 1/16 = 10/16.
    #expect(stratifiedGuessAccuracy(labels: [2, 0, 2, 2]) == 0.625)
    #expect(stratifiedGuessAccuracy(labels: [4, 4]) == 1)
    // Two equal classes: ln 2 nats; one class: 0.
    #expect(abs(priorBaselineLogLoss(labels: [0, 1, 0, 1]) - 0.693_147_180_559_945_3) < 1e-15)
    #expect(priorBaselineLogLoss(labels: [3, 3, 3]) == 0)
  }

  @Test("accuracy and balanced accuracy")
  func accuracies() {
    let labels = [0, 0, 0, 0, 1, 1]
    let predictions = [0, 0, 0, 1, 1, 0]
    #expect(accuracy(predictions: predictions, labels: labels) == 4.0 / 6.0)
    // Recalls 3/4 and 1/2.
    #expect(balancedAccuracy(predictions: predictions, labels: labels) == 0.625)
    // A constant scores 1/K however skewed the classes.
    #expect(balancedAccuracy(predictions: [0, 0, 0, 0, 0], labels: [0, 0, 0, 0, 1]) == 0.5)
  }

  @Test("subgroups: every group, any order, singletons kept, sorted by name")
  func subgroups() {
    let groups = ["b", "a", "c", "a", "b", "a"]
    let labels = [1, 0, 1, 1, 0, 0]
    let predictions = [1, 0, 0, 1, 1, 1]
    let rows = accuracyBySubgroup(predictions: predictions, labels: labels, groups: groups)
    #expect(rows.map(\.group) == ["a", "b", "c"])
    #expect(rows.map(\.count) == [3, 2, 1])
    #expect(rows.map(\.correct) == [2, 1, 0])
    #expect(rows.map(\.accuracy) == [2.0 / 3.0, 0.5, 0])
    #expect(worstSubgroup(predictions: predictions, labels: labels, groups: groups)?.group == "c")
    #expect(accuracyBySubgroup(predictions: [], labels: [], groups: []).isEmpty)
  }

  @Test("precision at a prevalence, with the edges")
  func precision() {
    // 0.9·0.5 / (0.9·0.5 + 0.05·0.5) = 0.45 / 0.475 = 18/19.
    #expect(abs(precisionAtPrevalence(truePositiveRate: 0.9, falsePositiveRate: 0.05, prevalence: 0.5) - 18.0 / 19.0) < 1e-15)
    // 0.009 / (0.009 + 0.0495) = 2/13.
    #expect(abs(precisionAtPrevalence(truePositiveRate: 0.9, falsePositiveRate: 0.05, prevalence: 0.01) - 2.0 / 13.0) < 1e-15)
    #expect(precisionAtPrevalence(truePositiveRate: 0.7, falsePositiveRate: 0, prevalence: 0.2) == 1)
    #expect(precisionAtPrevalence(truePositiveRate: 0.7, falsePositiveRate: 0.1, prevalence: 0) == 0)
    #expect(precisionAtPrevalence(truePositiveRate: 0.7, falsePositiveRate: 0.1, prevalence: 1) == 1)
    #expect(precisionAtPrevalence(truePositiveRate: 0, falsePositiveRate: 0, prevalence: 0.3).isNaN)
    #expect(abs(accuracyAtPrevalence(truePositiveRate: 0.9, falsePositiveRate: 0.05, prevalence: 0.01) - 0.9495) < 1e-15)
  }
}
