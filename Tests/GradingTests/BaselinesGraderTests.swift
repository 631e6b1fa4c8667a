import Grading
import Stats
import Testing

/// Failure messages of a list of verdicts.
func failureMessages(_ verdicts: [Verdict]) -> Set<String> {
  Set(
    verdicts.compactMap { verdict in
      if case .failed(_, _, let message, _) = verdict { return message }
      return nil
    })
}

@Suite("Majority baseline grader")
struct MajorityBaselineGraderTests {
  typealias Implementation = ([Int]) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try MajorityBaselineGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  static func share(of label: Int) -> Implementation {
    { labels in Double(labels.filter { $0 == label }.count) / Double(labels.count) }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ majorityBaselineAccuracy(labels: $0) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the share of label 1, of label 0 and of the first label are named")
  func fixedLabels() throws {
    #expect(try messages(Self.share(of: 1)).contains("This is the share of label 1."))
    #expect(try messages(Self.share(of: 0)).contains("This is the share of label 0."))
    let first = try messages { labels in Self.share(of: labels[0])(labels) }
    #expect(first.contains("This is the share of the first label in the array."))
  }

  @Test("1/K and the stratified guess are named")
  func guesses() throws {
    #expect(try messages { 1 / Double(Set($0).count) }.contains("This is 1/K, the accuracy of guessing uniformly among the K labels."))
    #expect(
      try messages { stratifiedGuessAccuracy(labels: $0) }.contains(
        "This is the sum of p_k², the accuracy of guessing at random with the class frequencies."))
  }

  @Test("the rarest label, a count and a percentage are named")
  func others() throws {
    let rarest = try messages { labels in
      var counts: [Int: Int] = [:]
      for label in labels { counts[label, default: 0] += 1 }
      return Double(counts.values.min()!) / Double(labels.count)
    }
    #expect(rarest.contains("This is the share of the least frequent label."))
    #expect(try messages { 100 * majorityBaselineAccuracy(labels: $0) }.contains("This is the right value times 100."))
  }

  @Test("a constant cannot pass, whatever the constant", arguments: [0.5, 0.99, 1.0])
  func constants(value: Double) throws {
    #expect(try verdicts { _ in value }.contains { $0 != .passed })
  }

  @Test("the same seed gives the same inputs; another seed different ones")
  func seeds() throws {
    var seen: [[Int]] = []
    let recorder: Implementation = { labels in
      seen.append(labels)
      return 0
    }
    _ = try verdicts(recorder, seed: 5)
    let first = seen
    seen = []
    _ = try verdicts(recorder, seed: 5)
    #expect(seen == first)
    seen = []
    _ = try verdicts(recorder, seed: 6)
    #expect(seen != first)
  }
}

@Suite("Subgroup accuracy grader")
struct SubgroupAccuracyGraderTests {
  typealias Implementation = ([Int], [Int], [String]) -> SubgroupAccuracyGrader.Result

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try SubgroupAccuracyGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  /// The reference, as the learner's type.
  static func reference(_ predictions: [Int], _ labels: [Int], _ groups: [String]) -> SubgroupAccuracyGrader.Result {
    var result: SubgroupAccuracyGrader.Result = [:]
    for row in accuracyBySubgroup(predictions: predictions, labels: labels, groups: groups) {
      result[row.group] = (row.count, row.accuracy)
    }
    return result
  }

  /// The reference with one change applied to each group's row.
  static func variant(
    _ change: @escaping (SubgroupAccuracy, _ n: Int) -> (count: Int, accuracy: Double)
  ) -> Implementation {
    { predictions, labels, groups in
      var result: SubgroupAccuracyGrader.Result = [:]
      for row in accuracyBySubgroup(predictions: predictions, labels: labels, groups: groups) {
        result[row.group] = change(row, labels.count)
      }
      return result
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.reference(_:_:_:), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("dropping the single-example group is named")
  func singleton() throws {
    let dropped: Implementation = { predictions, labels, groups in
      Self.reference(predictions, labels, groups).filter { $0.value.count > 1 }
    }
    #expect(try messages(dropped).contains("Group \"kiosk\" is missing from your result; it has a single example."))
  }

  @Test("contiguous runs are named")
  func runs() throws {
    let lastRun: Implementation = { predictions, labels, groups in
      var result: SubgroupAccuracyGrader.Result = [:]
      var start = 0
      while start < groups.count {
        var end = start
        while end < groups.count && groups[end] == groups[start] { end += 1 }
        let correct = (start..<end).filter { predictions[$0] == labels[$0] }.count
        result[groups[start]] = (end - start, Double(correct) / Double(end - start))
        start = end
      }
      return result
    }
    #expect(
      try messages(lastRun).contains {
        $0.hasSuffix("is the length of one run of consecutive rows.")
      })
  }

  @Test("the number correct as the count, all examples as the divisor, the overall accuracy are named")
  func wrongRatios() throws {
    let correctAsCount = try messages(Self.variant { row, _ in (row.correct, row.accuracy) })
    #expect(correctAsCount.contains { $0.hasSuffix("is its number of correct predictions, not its size.") })
    let overAll = try messages(Self.variant { row, n in (row.count, Double(row.correct) / Double(n)) })
    #expect(overAll.contains("This is the group's correct predictions divided by all examples, not by the group's size."))
    let overall: Implementation = { predictions, labels, groups in
      let total = accuracy(predictions: predictions, labels: labels)
      return Self.reference(predictions, labels, groups).mapValues { ($0.count, total) }
    }
    #expect(try messages(overall).contains("This is the overall accuracy, the same for every group."))
    #expect(try messages(Self.variant { row, _ in (row.count, 1 - row.accuracy) }).contains("This is the group's error rate, 1 minus its accuracy."))
  }

  @Test("renamed groups are reported as invented ones")
  func renamed() throws {
    let lowercased: Implementation = { predictions, labels, groups in
      var result: SubgroupAccuracyGrader.Result = [:]
      for (name, value) in Self.reference(predictions, labels, groups) { result[name.lowercased()] = value }
      return result
    }
    #expect(try messages(lowercased).contains("Group \"São Paulo\" is missing from your result."))
  }

  @Test("a constant cannot pass")
  func constants() throws {
    #expect(try verdicts { _, _, _ in [:] }.allSatisfy { $0 != .passed })
    #expect(try verdicts { _, _, _ in ["north": (4, 1.0)] }.allSatisfy { $0 != .passed })
  }
}

@Suite("Precision at prevalence grader")
struct PrecisionAtPrevalenceGraderTests {
  typealias Implementation = (Double, Double, Double) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try PrecisionAtPrevalenceGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let reference: Implementation = {
      precisionAtPrevalence(truePositiveRate: $0, falsePositiveRate: $1, prevalence: $2)
    }
    #expect(try verdicts(reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("ignoring the prevalence passes at 0.5, fails at 0.001, and is named")
  func ignoresPrevalence() throws {
    let balanced: Implementation = { tpr, fpr, _ in tpr / (tpr + fpr) }
    let results = try verdicts(balanced)
    #expect(results[1] == .passed)
    #expect(results[2] != .passed)
    #expect(
      failureMessages(results).contains {
        $0.hasSuffix("this is TPR / (TPR + FPR), the precision at prevalence 0.5, as if positives and negatives were equally common.")
      })
  }

  @Test("recall, swapped prevalence and a percentage are named")
  func others() throws {
    #expect(try messages { tpr, _, _ in tpr }.contains { $0.hasSuffix("this is the true-positive rate (recall), not the precision.") })
    let swapped = try messages { tpr, fpr, pi in tpr * (1 - pi) / (tpr * (1 - pi) + fpr * pi) }
    #expect(swapped.contains { $0.hasSuffix("this weights TPR by 1 − π and FPR by π: the prevalence is swapped.") })
    let percentage = try messages { 100 * precisionAtPrevalence(truePositiveRate: $0, falsePositiveRate: $1, prevalence: $2) }
    #expect(percentage.contains("This is the right value times 100."))
  }

  @Test("a constant cannot pass, whatever the constant", arguments: [0.0, 0.5, 0.95, 1.0])
  func constants(value: Double) throws {
    #expect(try verdicts { _, _, _ in value }.contains { $0 != .passed })
  }
}
