import Grading
import Stats
import Testing

@Suite("Contamination audit grader")
struct ContaminationAuditGraderTests {
  typealias Implementation = ([String], [String]) -> [Int]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try ContaminationAuditGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ contaminatedTestIndices(train: $0, test: $1) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("exact string equality passes only the exact copies and is named")
  func equality() throws {
    let results = try verdicts { train, test in
      let seen = Set(train)
      return test.indices.filter { seen.contains(test[$0]) }
    }
    #expect(results[1] == .passed)
    #expect(failureMessages(results).contains {
      $0.hasPrefix("You found only the test records that are identical strings")
    })
  }

  @Test("lower-casing alone is named")
  func caseOnly() throws {
    let messages = failureMessages(try verdicts { train, test in
      let seen = Set(train.map { $0.lowercased() })
      return test.indices.filter { seen.contains(test[$0].lowercased()) }
    })
    #expect(messages.contains { $0.hasPrefix("Lower-casing catches the copies that differ in case") })
  }

  @Test("a normalisation that drops digits reports near misses as copies")
  func overEager() throws {
    let messages = failureMessages(try verdicts { train, test in
      func key(_ s: String) -> String { duplicateKey(String(s.filter { !$0.isNumber })) }
      let seen = Set(train.map(key))
      return test.indices.filter { seen.contains(key(test[$0])) }
    })
    #expect(messages.contains { $0.contains("is not a copy of any training record, but you report it.") })
  }

  @Test("order, repeats and training indices are named")
  func shape() throws {
    let reversed = failureMessages(try verdicts { contaminatedTestIndices(train: $0, test: $1).reversed() })
    #expect(reversed.contains("The right indices, in another order."))
    let repeated = failureMessages(try verdicts { train, test in
      let found = contaminatedTestIndices(train: train, test: test)
      return found + found.prefix(1)
    })
    #expect(repeated.contains("Some indices appear more than once."))
    let trainSide = failureMessages(try verdicts { train, test in
      let keys = Set(test.map(duplicateKey))
      return train.indices.filter { keys.contains(duplicateKey(train[$0])) }.map { $0 + test.count }
    })
    #expect(trainSide.contains { $0.hasSuffix("is not a position in the test split.") })
  }

  @Test("an empty answer cannot pass")
  func empty() throws {
    #expect(try verdicts { _, _ in [] }.contains { $0 != .passed })
  }
}

@Suite("Label-noise correction grader")
struct LabelNoiseGraderTests {
  typealias Implementation = (Double, Double, Int) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try LabelNoiseGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let reference: Implementation = { accuracyCorrectedForLabelNoise(measured: $0, noiseRate: $1, classes: $2) }
    #expect(try verdicts(reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("dividing by 1 − η is named, and fails hardest with two classes")
  func dividedByKept() throws {
    let results = try verdicts { m, eta, _ in m / (1 - eta) }
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasSuffix("this is m / (1 − η), which forgets that a wrong prediction matches a wrong label η/(K − 1) of the time.") })
  }

  @Test("the binary formula, the forward formula and no correction are named")
  func others() throws {
    let binary = failureMessages(try verdicts { m, eta, _ in (m - eta) / (1 - 2 * eta) })
    #expect(binary.contains { $0.hasSuffix("this is the two-class formula (m − η)/(1 − 2η); with K classes the chance match is η/(K − 1).") })
    let forward = failureMessages(try verdicts { measuredAccuracyUnderLabelNoise(trueAccuracy: $0, noiseRate: $1, classes: $2) })
    #expect(forward.contains { $0.hasSuffix("this applies the noise to m again (the forward formula) instead of inverting it.") })
    let none = failureMessages(try verdicts { m, _, _ in m })
    #expect(none.contains { $0.hasSuffix("this is the measured accuracy itself, uncorrected.") })
  }

  @Test("a constant cannot pass", arguments: [0.9, 0.5])
  func constants(value: Double) throws {
    #expect(try verdicts { _, _, _ in value }.contains { $0 != .passed })
  }
}

@Suite("Inverse-probability-weighted mean grader")
struct InverseProbabilityWeightingGraderTests {
  typealias Implementation = ([Double], [Double]) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try InverseProbabilityWeightingGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let reference: Implementation = { inverseProbabilityWeightedMean(values: $0, observationProbabilities: $1) }
    #expect(try verdicts(reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("weighting by π is named on the survivors' sample")
  func weightedByProbability() throws {
    let results = try verdicts { values, p in
      zip(values, p).reduce(0) { $0 + $1.0 * $1.1 } / p.reduce(0, +)
    }
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("This weights each value by π") })
  }

  @Test("the plain mean passes equal probabilities only, and is named")
  func plainMean() throws {
    let results = try verdicts { values, _ in values.reduce(0, +) / Double(values.count) }
    #expect(results[1] == .passed && results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("This is the plain mean") })
  }

  @Test("dividing by the number of observed values is named")
  func dividedByCount() throws {
    let messages = failureMessages(try verdicts { values, p in
      zip(values, p).reduce(0) { $0 + $1.0 / $1.1 } / Double(values.count)
    })
    #expect(messages.contains { $0.hasPrefix("This divides Σ y/π by the number of observed values") })
  }
}
