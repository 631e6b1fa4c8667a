import Stats
import Testing

/// The numbers printed in Lessons/1-foundation/07-calibration.md, recomputed
/// by the kernel: a lesson's figures must come from the reference code.
@Suite("The calibration lesson's worked example")
struct LessonExampleTests {
  let confidences = [0.98, 0.95, 0.92, 0.88, 0.85, 0.80, 0.75, 0.55, 0.40, 0.30]
  let correct = [true, true, false, true, false, false, true, true, true, false]

  @Test("five equal-width bins: counts, gaps and ECE = 36/125")
  func fiveBins() {
    let summary = calibrationSummary(confidences: confidences, correct: correct, binCount: 5)
    #expect(summary.bins.map(\.count) == [0, 2, 1, 2, 5])
    #expect(abs(summary.expectedCalibrationError - 36.0 / 125.0) < 1e-12)
    #expect(abs(summary.maximumCalibrationError - 0.45) < 1e-12)
    #expect(abs(summary.brierScore - 0.29412) < 1e-12)
    #expect(abs(summary.accuracy - 0.6) < 1e-12)
    #expect(abs(summary.meanConfidence - 0.738) < 1e-12)
  }

  @Test("the same data under other choices: 1, 10 and 15 bins, equal mass")
  func otherChoices() {
    func ece(_ bins: Int, _ strategy: BinningStrategy = .uniform) -> Double {
      expectedCalibrationError(confidences: confidences, correct: correct, binCount: bins, strategy: strategy)
    }
    #expect(abs(ece(1) - 0.138) < 1e-12)
    #expect(abs(ece(10) - 0.348) < 1e-12)
    #expect(abs(ece(15) - 0.362) < 1e-12)
    #expect(abs(ece(5, .quantile) - 44.0 / 125.0) < 1e-12)
  }
}
