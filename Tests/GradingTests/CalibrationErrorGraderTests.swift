import Grading
import Stats
import Testing

/// The ECE grader judged by feeding it known-good and known-wrong
/// implementations directly (no compiler): the reference must pass, and
/// each classic mistake must fail with its own diagnosis.
@Suite("Calibration error grader")
struct CalibrationErrorGraderTests {
  typealias Implementation = ([Double], [Bool], Int) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    let grader = try CalibrationErrorGrader(entries: [implementation])
    return grader.checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    Set(
      try verdicts(implementation).compactMap { verdict in
        if case .failed(_, _, let message, _) = verdict { return message }
        return nil
      })
  }

  /// ECE computed with a configurable bin rule and weighting.
  static func variant(lowerInclusive: Bool = false, weighted: Bool = true) -> Implementation {
    { confidences, correct, binCount in
      var members = [[Int]](repeating: [], count: binCount)
      for (index, confidence) in confidences.enumerated() {
        var bin: Int
        if lowerInclusive {
          bin = min(Int((confidence * Double(binCount)).rounded(.down)), binCount - 1)
        } else {
          bin = 0
          while bin < binCount - 1 && confidence > Double(bin + 1) / Double(binCount) { bin += 1 }
        }
        members[bin].append(index)
      }
      var total = 0.0
      var used = 0
      for bin in members where !bin.isEmpty {
        let accuracy = Double(bin.filter { correct[$0] }.count) / Double(bin.count)
        let confidence = bin.map { confidences[$0] }.reduce(0, +) / Double(bin.count)
        total += abs(accuracy - confidence) * (weighted ? Double(bin.count) / Double(confidences.count) : 1)
        used += 1
      }
      return weighted ? total : total / Double(used)
    }
  }

  @Test("a correct implementation passes every check, whatever the seed", arguments: [1, 2, 77, 12345] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    #expect(try verdicts(Self.variant(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the unweighted mean of gaps is named")
  func unweighted() throws {
    #expect(try messages(Self.variant(weighted: false)).contains("This is the plain average of the bins' gaps."))
  }

  @Test("the [lo, hi) edge rule is named")
  func edgeRule() throws {
    #expect(try messages(Self.variant(lowerInclusive: true)).contains("This is what bins of the form [lo, hi) give."))
  }

  @Test("a percentage and MCE are named")
  func percentageAndMaximum() throws {
    let percentage = try messages { 100 * expectedCalibrationError(confidences: $0, correct: $1, binCount: $2) }
    #expect(percentage.contains("This is the right value times 100."))
    let maximum = try messages { calibrationSummary(confidences: $0, correct: $1, binCount: $2).maximumCalibrationError }
    #expect(maximum.contains("This is the largest bin gap (the MCE), not the expected one."))
  }

  @Test("nan is explained as an empty bin divided by zero")
  func nan() throws {
    #expect(try messages { _, _, _ in .nan }.contains("Your function returned nan."))
  }

  @Test("a constant cannot pass, whatever the constant", arguments: [0.0, 0.05, 0.1, 0.2])
  func constants(value: Double) throws {
    #expect(try verdicts { _, _, _ in value }.contains { $0 != .passed })
  }

  @Test("the same seed gives the same inputs; another seed different ones")
  func seeds() throws {
    var seen: [[Double]] = []
    let recorder: Implementation = { confidences, _, _ in
      seen.append(confidences)
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

  @Test("binding the wrong function type is a setup error, not a crash")
  func wrongBinding() {
    #expect(throws: GraderSetupError.self) {
      _ = try CalibrationErrorGrader(entries: [{ (x: Double) in x }])
    }
  }
}

@Suite("Grading protocol pieces")
struct GradingProtocolTests {
  @Test("an entry point renders its signature, type and compound name")
  func entryPoint() {
    let entry = EntryPoint(
      "f", [.init("values", "[Double]"), .init(label: "_", name: "count", "Int")], returns: "Double")
    #expect(entry.signature == "func f(values: [Double], _ count: Int) -> Double")
    #expect(entry.functionType == "([Double], Int) -> Double")
    #expect(entry.compoundName == "f(values:_:)")
    #expect(EntryPoint("g", [], returns: "Void").signature == "func g()")
  }

  @Test("report events are one line of valid JSON, whatever the text")
  func reportEventEscaping() throws {
    var event = ReportEvent(kind: .result, index: 2)
    event.passed = false
    event.message = "quote \" backslash \\ newline \n tab \t bell \u{7} é"
    let line = event.jsonLine
    #expect(!line.contains("\n"))
    #expect(line.contains(#""message":"quote \" backslash \\ newline \n tab \t bell \u0007 é""#))
  }

  @Test("tolerances: relative with a floor, NaN never, infinities only themselves")
  func tolerance() {
    let relative = Tolerance.relative(1e-9)
    #expect(relative.accepts(1 + 5e-10, expected: 1))
    #expect(!relative.accepts(1 + 2e-9, expected: 1))
    #expect(relative.accepts(1e-13, expected: 0))
    #expect(!relative.accepts(.nan, expected: .nan))
    #expect(relative.accepts(.infinity, expected: .infinity))
    #expect(!relative.accepts(1e300, expected: .infinity))
    #expect(Tolerance.exact.accepts(3, expected: 3))
    #expect(!Tolerance.exact.accepts(3.0000000001, expected: 3))
  }

  @Test("every registered grader has a unique name and at least one entry point")
  func registry() {
    let names = GraderRegistry.names
    #expect(Set(names).count == names.count)
    for grader in GraderRegistry.all {
      #expect(!grader.entryPoints.isEmpty)
    }
  }
}
