import Foundation
import Stats
import Testing
import _TestSupport

@Suite("Calibration against ../shared/reference/calibration")
struct CalibrationReferenceTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var bins: Int
    var strategy: BinningStrategy
    var expected: [String: any Sendable]
    var tolerance: [String: Double]
    var unpinned: Set<String>
    var testDescription: String { name }
  }

  static func cases() throws -> [Case] {
    let folder = TestPaths.reference("calibration")
    let data = try Data(contentsOf: folder.appendingPathComponent("cases.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cases = try #require(root["cases"] as? [[String: Any]])
    return try cases.map { entry in
      let args = try #require(entry["args"] as? [String])
      var bins = 15
      var strategy = BinningStrategy.uniform
      if let index = args.firstIndex(of: "--bins") { bins = Int(args[index + 1])! }
      if let index = args.firstIndex(of: "--strategy") { strategy = BinningStrategy(rawValue: args[index + 1])! }
      let expected = try #require(entry["expected"] as? [String: Any])
      return Case(
        name: entry["name"] as? String ?? "?", file: args[0], bins: bins, strategy: strategy,
        expected: expected.mapValues { SendableBox($0) },
        tolerance: (entry["tolerance"] as? [String: Double]) ?? [:],
        unpinned: Set((entry["unpinned"] as? [String]) ?? []))
    }
  }

  struct SendableBox: @unchecked Sendable {
    // Holds a JSON value read once and never mutated.
    var value: Any
    init(_ value: Any) { self.value = value }
  }

  @Test("every reference case matches", arguments: try cases())
  func referenceCase(_ reference: Case) throws {
    let rows = try readReferenceCSV(TestPaths.reference("calibration").appendingPathComponent(reference.file))
    let confidences = try rows.map { try #require(Double($0["confidence"]!)) }
    let correct = rows.map { row -> Bool in
      let text = row["correct"]!.lowercased()
      return text == "1" || text == "true"
    }
    let summary = calibrationSummary(
      confidences: confidences, correct: correct, binCount: reference.bins, strategy: reference.strategy)

    func number(_ key: String) -> Double { ((reference.expected[key] as? SendableBox)?.value as? NSNumber)!.doubleValue }
    #expect(summary.count == Int(number("n")))
    #expect(summary.bins.count == Int(number("bins")))
    let tolerance = reference.tolerance
    expectClose(summary.accuracy, number("accuracy"), absolute: tolerance["accuracy"]!)
    expectClose(summary.meanConfidence, number("mean_confidence"), absolute: tolerance["mean_confidence"]!)
    expectClose(summary.expectedCalibrationError, number("ece"), absolute: tolerance["ece"]!)
    expectClose(summary.maximumCalibrationError, number("mce"), absolute: tolerance["mce"]!)
    expectClose(summary.brierScore, number("brier"), absolute: tolerance["brier"]!)

    let bins = try #require((reference.expected["reliability"] as? SendableBox)?.value as? [[String: Any]])
    try #require(bins.count == summary.bins.count)
    for (index, (expected, actual)) in zip(bins, summary.bins).enumerated() {
      #expect(actual.count == (expected["count"] as! NSNumber).intValue, "bin \(index) count")
      if !reference.unpinned.contains("reliability[\(index)].lower") {
        expectClose(actual.lower, (expected["lower"] as! NSNumber).doubleValue, absolute: 1e-9, "bin \(index) lower")
      }
      if !reference.unpinned.contains("reliability[\(index)].upper") {
        expectClose(actual.upper, (expected["upper"] as! NSNumber).doubleValue, absolute: 1e-9, "bin \(index) upper")
      }
      if let accuracy = expected["accuracy"] as? NSNumber {
        expectClose(try #require(actual.accuracy), accuracy.doubleValue, absolute: 1e-9, "bin \(index) accuracy")
        expectClose(
          try #require(actual.confidence), (expected["confidence"] as! NSNumber).doubleValue, absolute: 1e-9,
          "bin \(index) confidence")
      } else {
        #expect(actual.accuracy == nil && actual.confidence == nil, "empty bin \(index) has no statistics")
      }
    }
  }
}

@Suite("Calibration identities")
struct CalibrationIdentityTests {
  @Test("a value on an edge m/M goes to the bin below; 0 to the first bin")
  func edgeRule() {
    #expect(uniformBinIndex(of: 0, binCount: 10) == 0)
    #expect(uniformBinIndex(of: 0.1, binCount: 10) == 0)
    #expect(uniformBinIndex(of: 0.3, binCount: 10) == 2)  // 0.3 · 10 rounds to 3.0000000000000004
    #expect(uniformBinIndex(of: 0.30000000000000004, binCount: 10) == 3)
    #expect(uniformBinIndex(of: 1, binCount: 10) == 9)
    #expect(uniformBinIndex(of: 1.0 / 3.0, binCount: 15) == 4)
  }

  @Test("with one bin, ECE is |accuracy − mean confidence|")
  func oneBin() {
    let confidences = [0.9, 0.8, 0.75, 0.6, 0.55]
    let correct = [true, false, true, true, false]
    let summary = calibrationSummary(confidences: confidences, correct: correct, binCount: 1)
    #expect(abs(summary.expectedCalibrationError - abs(0.6 - 0.72)) < 1e-15)
    #expect(summary.expectedCalibrationError == summary.maximumCalibrationError)
  }

  @Test("a hand-computed example: 5 bins, an empty bin, a value on an edge")
  func handComputed() {
    // Bins of width 0.2. 0.4 sits on an edge and belongs to bin 2 (0.2, 0.4].
    // bin 2: {0.4 ✗}          gap |0 − 0.4|   = 0.4, weight 1/5
    // bin 3: {0.5 ✓}          gap |1 − 0.5|   = 0.5, weight 1/5
    // bin 5: {0.9 ✓, 0.9 ✗, 1 ✓} gap |2/3 − 14/15| = 4/15, weight 3/5
    let summary = calibrationSummary(
      confidences: [0.4, 0.5, 0.9, 0.9, 1.0], correct: [false, true, true, false, true], binCount: 5)
    #expect(summary.bins.map(\.count) == [0, 1, 1, 0, 3])
    let expected = 0.4 / 5 + 0.5 / 5 + (14.0 / 15.0 - 2.0 / 3.0) * 3 / 5
    #expect(abs(summary.expectedCalibrationError - expected) < 1e-15)
    #expect(abs(summary.maximumCalibrationError - 0.5) < 1e-15)
    #expect(abs(summary.brierScore - (0.16 + 0.25 + 0.01 + 0.81 + 0) / 5) < 1e-15)
  }

  @Test("ECE does not depend on the order of predictions")
  func permutationInvariant() {
    var rng = SystemRandomNumberGenerator()
    let confidences = (0..<500).map { _ in Double.random(in: 0...1, using: &rng) }
    let correct = confidences.map { Double.random(in: 0...1, using: &rng) < $0 }
    let order = Array(confidences.indices).shuffled(using: &rng)
    for strategy in BinningStrategy.allCases {
      let a = expectedCalibrationError(confidences: confidences, correct: correct, strategy: strategy)
      let b = expectedCalibrationError(
        confidences: order.map { confidences[$0] }, correct: order.map { correct[$0] }, strategy: strategy)
      #expect(abs(a - b) < 1e-12)
    }
  }

  @Test("a perfectly calibrated bin structure has ECE 0")
  func perfectlyCalibrated() {
    // In bin (0.6, 0.8] every confidence is 0.75 and 3 of 4 are right.
    let summary = calibrationSummary(
      confidences: [0.75, 0.75, 0.75, 0.75], correct: [true, true, true, false], binCount: 5)
    #expect(summary.expectedCalibrationError == 0)
  }
}

@Suite("Quantiles (numpy's default, type 7)")
struct QuantileTests {
  @Test func knownValues() {
    // numpy.quantile([1, 2, 3, 4], q) for q = 0, 0.25, 0.5, 0.75, 1.
    let sorted = [1.0, 2, 3, 4]
    #expect(quantileOfSorted(sorted, 0) == 1)
    #expect(quantileOfSorted(sorted, 0.25) == 1.75)
    #expect(quantileOfSorted(sorted, 0.5) == 2.5)
    #expect(quantileOfSorted(sorted, 0.75) == 3.25)
    #expect(quantileOfSorted(sorted, 1) == 4)
    #expect(quantileOfSorted([7], 0.3) == 7)
  }
}
