import Foundation
import Stats
import Testing
import _TestSupport

// Expected values: numpy 2 and scipy 1.16 re-implementations of each
// definition (numpy.array_split groups for adaptive ECE, searchsorted bins
// for classwise ECE, numpy.unique groups for Murphy's partition,
// scipy.optimize.minimize_scalar for the temperature), printed with repr().

/// SplitMix64 (Steele, Lea and Flood 2014), restated here so that the test
/// data can be regenerated in Python without the library under test.
struct ReferenceGenerator {
  var state: UInt64
  mutating func nextDouble() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
  }
}

@Suite("Adaptive and classwise calibration error")
struct CalibrationErrorTests {
  static let confidences = [
    0.95, 0.6, 0.72, 0.88, 0.51, 0.99, 0.72, 0.64, 0.83, 0.9, 0.55, 0.77, 0.72, 0.97, 0.61, 0.85, 0.58, 0.93,
    0.7, 0.8, 0.66, 0.91, 0.74,
  ]
  static let correct = [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0].map { $0 == 1 }

  @Test("adaptive ECE matches equal-mass groups of numpy.array_split", arguments: [
    (5, 0.16391304347826088), (15, 0.17869565217391303), (40, 0.341304347826087),
  ])
  func adaptive(_ bins: Int, _ expected: Double) {
    expectClose(
      adaptiveCalibrationError(confidences: Self.confidences, correct: Self.correct, binCount: bins), expected,
      absolute: 1e-15)
  }

  @Test("adaptive ECE with one group is |accuracy − mean confidence|; with n groups, mean |y − c|")
  func adaptiveLimits() {
    let n = Double(Self.confidences.count)
    let accuracy = Double(Self.correct.filter { $0 }.count) / n
    let meanConfidence = Self.confidences.reduce(0, +) / n
    expectClose(
      adaptiveCalibrationError(confidences: Self.confidences, correct: Self.correct, binCount: 1),
      abs(accuracy - meanConfidence), absolute: 1e-15)
    let meanGap = zip(Self.confidences, Self.correct).reduce(0) { $0 + abs(($1.1 ? 1 : 0) - $1.0) } / n
    expectClose(
      adaptiveCalibrationError(confidences: Self.confidences, correct: Self.correct, binCount: 23), meanGap,
      absolute: 1e-15)
  }

  @Test("adaptive ECE of a calibrated model shrinks as n grows")
  func adaptiveCalibrated() {
    var generator = ReferenceGenerator(state: 5)
    var previous = Double.infinity
    for n in [1_000, 100_000] {
      var confidences: [Double] = []
      var correct: [Bool] = []
      for _ in 0..<n {
        let c = 0.5 + 0.5 * generator.nextDouble()
        confidences.append(c)
        correct.append(generator.nextDouble() < c)
      }
      let error = adaptiveCalibrationError(confidences: confidences, correct: correct)
      #expect(error < previous)
      previous = error
    }
    #expect(previous < 0.01)
  }

  static let probabilities = [
    [0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25], [0.0, 0.0, 1.0], [0.6, 0.3, 0.1],
    [0.2, 0.2, 0.6], [0.34, 0.33, 0.33],
  ]
  static let labels = [0, 1, 2, 0, 1, 0, 2, 1]

  @Test("classwise ECE matches the per-class binned gaps", arguments: [(15, 0.31), (4, 0.21833333333333335)])
  func classwise(_ bins: Int, _ expected: Double) {
    expectClose(
      classwiseCalibrationError(probabilities: Self.probabilities, labels: Self.labels, binCount: bins), expected,
      absolute: 1e-15)
  }

  @Test("classwise ECE of one-hot correct predictions is 0")
  func classwisePerfect() {
    let rows = [[1.0, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    #expect(classwiseCalibrationError(probabilities: rows, labels: [0, 1, 2, 0]) == 0)
  }
}

@Suite("Brier decomposition")
struct BrierDecompositionTests {
  @Test("matches Murphy's partition computed with numpy")
  func values() {
    let forecasts = [0.1, 0.1, 0.3, 0.3, 0.3, 0.7, 0.7, 0.9, 0.9, 0.9, 0.5, 0.1]
    let outcomes = [0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0].map { $0 == 1 }
    let parts = brierDecomposition(forecasts: forecasts, outcomes: outcomes)
    expectClose(parts.brierScore, 0.22999999999999998, absolute: 1e-15)
    expectClose(parts.reliability, 0.06333333333333334, absolute: 1e-15)
    expectClose(parts.resolution, 0.0763888888888889, absolute: 1e-15)
    expectClose(parts.uncertainty, 0.24305555555555555, absolute: 1e-15)
    #expect(parts.groupCount == 5)
  }

  @Test("Brier = reliability − resolution + uncertainty on binned forecasts", arguments: [10, 1_000, 50_000])
  func identity(_ n: Int) {
    var generator = ReferenceGenerator(state: UInt64(n))
    var forecasts: [Double] = []
    var outcomes: [Bool] = []
    for _ in 0..<n {
      // Forecasts on the grid 0, 0.1, …, 1; outcomes drawn a little off them.
      let forecast = Double(Int(generator.nextDouble() * 11)) / 10
      forecasts.append(forecast)
      outcomes.append(generator.nextDouble() < 0.8 * forecast + 0.1)
    }
    let parts = brierDecomposition(forecasts: forecasts, outcomes: outcomes)
    // The identity is exact in real arithmetic; the sums of n rounded terms
    // leave a few units of n·ε.
    expectClose(parts.reliability - parts.resolution + parts.uncertainty, parts.brierScore, absolute: 1e-12)
    #expect(parts.reliability >= 0 && parts.resolution >= 0 && parts.uncertainty <= 0.25)
  }
}

@Suite("Temperature scaling")
struct TemperatureScalingTests {
  /// 2000 examples, 10 classes: true logits uniform in [−3, 3), labels drawn
  /// from their softmax, served logits 2.5 × the true ones (the NOTES demo's
  /// setting). The same stream in Python gives the labels' sum 9068.
  static func servedLogits() -> (logits: [[Double]], labels: [Int]) {
    var generator = ReferenceGenerator(state: 2017)
    let classes = 10
    let truth = (0..<2000).map { _ in (0..<classes).map { _ in 6 * (generator.nextDouble() - 0.5) } }
    var labels: [Int] = []
    for row in truth {
      let largest = row.max()!
      let weights = row.map { exp($0 - largest) }
      let total = weights.reduce(0, +)
      let u = generator.nextDouble()
      var cumulative = 0.0
      var label = classes - 1
      for (k, weight) in weights.enumerated() {
        cumulative += weight / total
        if u < cumulative {
          label = k
          break
        }
      }
      labels.append(label)
    }
    return (truth.map { $0.map { 2.5 * $0 } }, labels)
  }

  @Test("the fitted NLL equals scipy's minimum; T* lies near 2.5")
  func fit() throws {
    let (logits, labels) = Self.servedLogits()
    try #require(labels.reduce(0, +) == 9068)
    let fitted = fitTemperature(logits: logits, labels: labels)
    // scipy.optimize.minimize_scalar(bounded, xatol 1e-12) on ln T: T* = 2.5756376739884823.
    expectClose(fitted.negativeLogLikelihoodAfter, 1.5846331879113094, absolute: 1e-12)
    expectClose(fitted.negativeLogLikelihoodBefore, 2.096484933845271, absolute: 1e-12)
    expectClose(
      temperatureScaledNegativeLogLikelihood(logits: logits, labels: labels, temperature: 2.5), 1.5849978846299129,
      absolute: 1e-12)
    #expect(fitted.temperature > 2.3 && fitted.temperature < 2.8)
  }

  @Test("T = 1 is optimal for logits that generated their labels exactly in expectation")
  func calibratedStaysNearOne() {
    // Two classes with logits (0, ln 3): P(class 1) = 0.75; with exactly 3 of
    // every 4 labels equal to 1 the likelihood is maximised at T = 1.
    let logits = [[Double]](repeating: [0, log(3)], count: 400)
    let labels = (0..<400).map { $0 % 4 == 0 ? 0 : 1 }
    let fitted = fitTemperature(logits: logits, labels: labels)
    #expect(abs(fitted.temperature - 1) < 1e-6)
  }
}

@Suite("Equal-width bin lookup")
struct EqualWidthBinTests {
  @Test("agrees with the binary search on edges, near edges and at random", arguments: [1, 2, 10, 15, 100])
  func agrees(_ bins: Int) {
    let edges = uniformUpperEdges(binCount: bins)
    var values: [Double] = [0, 1, Double.leastNonzeroMagnitude, 1 - Double.ulpOfOne / 2]
    for edge in edges { values += [edge, edge.nextUp, edge.nextDown] }
    var generator = ReferenceGenerator(state: UInt64(bins))
    for _ in 0..<10_000 { values.append(generator.nextDouble()) }
    for value in values where (0...1).contains(value) {
      let summary = calibrationSummary(confidences: [value], correct: [true], binCount: bins)
      let bin = summary.bins.firstIndex { $0.count == 1 }!
      #expect(bin == uniformBinIndex(of: value, binCount: bins), "\(value) with \(bins) bins")
    }
  }
}
