import Foundation
import Stats
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/06-distribution-shift.md,
/// recomputed by the kernel, and the kernel's importance weights and drift
/// monitor checked on hand-worked cases.
@Suite("The distribution-shift lesson's numbers")
struct DistributionShiftLessonTests {
  @Test("importance weights by hand")
  func weights() {
    // c = 0.5 with equal domains: the same density, weight 1.
    #expect(importanceWeights(targetProbabilities: [0.5], sourceCount: 10, targetCount: 10) == [1])
    // c = 0.8: odds 4; 2,000 source and 1,000 target: prior odds 1/2, so w = 8.
    #expect(abs(importanceWeights(targetProbabilities: [0.8], sourceCount: 2_000, targetCount: 1_000)[0] - 8) < 1e-12)
    // A classifier that cannot tell the domains apart says c = n_t/(n_s + n_t).
    let w = importanceWeights(targetProbabilities: [0.2], sourceCount: 8_000, targetCount: 2_000)
    #expect(abs(w[0] - 1) < 1e-12)
  }

  @Test("the drift monitor by hand")
  func monitorByHand() {
    // p₀ = 6/8 = 0.75, SE = √(0.75 · 0.25 / 3) = 0.25; the window 8…10 is all wrong: z = 3.
    let correct = [true, true, true, false, true, true, true, false, false, false, false, true, false]
    #expect(firstDriftAlarm(correct: correct, referenceCount: 8, window: 3, threshold: 1) == 10)
    #expect(firstDriftAlarm(correct: correct, referenceCount: 8, window: 3, threshold: 3) == nil)
    // Getting better never alarms.
    let better = [Bool](repeating: false, count: 4) + [true, true] + [Bool](repeating: true, count: 10)
    #expect(firstDriftAlarm(correct: better, referenceCount: 6, window: 4, threshold: 0) == nil)
  }

  @Test("daytime to 24/7: importance weighting estimates the target accuracy")
  func covariateShift() {
    var rng = SplitMix64(seed: 24)
    // Source: 95% of transactions between 07:00 and 21:00; target: any hour.
    func sourceHour(_ rng: inout SplitMix64) -> Double {
      rng.nextBernoulli(0.95) ? rng.nextDouble(in: 7..<21) : (rng.nextDouble(in: 21..<31)).truncatingRemainder(dividingBy: 24)
    }
    func isDay(_ hour: Double) -> Bool { hour >= 7 && hour < 21 }
    func correct(_ hour: Double, _ rng: inout SplitMix64) -> Bool { rng.nextBernoulli(isDay(hour) ? 0.95 : 0.7) }
    let n = 10_000
    let source = (0..<n).map { _ in sourceHour(&rng) }
    let sourceCorrect = source.map { correct($0, &rng) }
    let target = (0..<n).map { _ in rng.nextDouble(in: 0..<24) }
    let targetCorrect = target.map { correct($0, &rng) }
    // The exact domain classifier, P(target | hour), for equal sample sizes.
    let c = source.map { hour -> Double in
      let ps = isDay(hour) ? 0.95 / 14 : 0.05 / 10
      let pt = 1.0 / 24
      return pt / (ps + pt)
    }
    let w = importanceWeights(targetProbabilities: c, sourceCount: n, targetCount: n)
    let weighted = zip(w, sourceCorrect).reduce(0) { $0 + ($1.1 ? $1.0 : 0) } / w.reduce(0, +)
    let sourceAccuracy = Double(sourceCorrect.filter { $0 }.count) / Double(n)
    let targetAccuracy = Double(targetCorrect.filter { $0 }.count) / Double(n)
    let effective = w.reduce(0, +) * w.reduce(0, +) / w.reduce(0) { $0 + $1 * $1 }
    let dayWeight = importanceWeights(targetProbabilities: [(1.0 / 24) / (0.95 / 14 + 1.0 / 24)], sourceCount: n, targetCount: n)[0]
    let nightWeight = importanceWeights(targetProbabilities: [(1.0 / 24) / (0.05 / 10 + 1.0 / 24)], sourceCount: n, targetCount: n)[0]
    let f = { (x: Double) in String(format: "%.4f", x) }
    #expect([f(sourceAccuracy), f(weighted), f(targetAccuracy)] == ["0.9416", "0.8494", "0.8427"])
    #expect(Int(effective.rounded()) == 2_609)
    #expect([f(dayWeight), f(nightWeight)] == ["0.6140", "8.3333"])
    // The accuracy a 24/7 deployment expects: 14/24 of hours at 0.95, 10/24 at 0.7.
    #expect(f(14.0 / 24 * 0.95 + 10.0 / 24 * 0.7) == "0.8458")
  }

  @Test("label shift: the predicted shares against BBSE")
  func labelShift() {
    var rng = SplitMix64(seed: 3)
    func draw(_ prior: [Double]) -> Int {
      let u = rng.nextDouble()
      return u < prior[0] ? 0 : u < prior[0] + prior[1] ? 1 : 2
    }
    func predict(_ y: Int) -> Int { rng.nextBernoulli(0.8) ? y : (y + rng.nextInt(in: 1...2)) % 3 }
    let sourceLabels = (0..<20_000).map { _ in draw([0.6, 0.3, 0.1]) }
    let sourcePredictions = sourceLabels.map(predict)
    let targetPredictions = (0..<20_000).map { _ in predict(draw([0.2, 0.3, 0.5])) }
    let shares = (0..<3).map { k in Double(targetPredictions.filter { $0 == k }.count) / 20_000 }
    let estimate = blackBoxShiftEstimate(
      sourcePredictions: sourcePredictions, sourceLabels: sourceLabels, targetPredictions: targetPredictions, classCount: 3)
    let f = { (x: Double) in String(format: "%.4f", x) }
    #expect(shares.map(f) == ["0.2388", "0.3108", "0.4505"])
    #expect(estimate.weights.map(f) == ["0.3184", "1.0014", "5.2330"])
    #expect(estimate.targetPrior.map(f) == ["0.1921", "0.3000", "0.5079"])
  }

  @Test("concept drift: the window against the accuracy since deployment")
  func drift() {
    var rng = SplitMix64(seed: 8)
    let correct = (0..<20_000).map { t in rng.nextBernoulli(t < 10_000 ? 0.9 : 0.8) }
    let windowed = firstDriftAlarm(correct: correct, referenceCount: 2_000, window: 500, threshold: 3)
    // The accuracy since the end of the reference period, tested the same way.
    let reference = Double(correct[..<2_000].filter { $0 }.count) / 2_000
    var hits = 0
    var cumulative: Int?
    for t in 2_000..<correct.count {
      if correct[t] { hits += 1 }
      let count = Double(t - 1_999)
      if count >= 500 && (reference - Double(hits) / count) / (reference * (1 - reference) / count).squareRoot() > 3 {
        cumulative = t
        break
      }
    }
    var falseAlarms = [0, 0, 0]
    for seed in 1...100 as ClosedRange<UInt64> {
      var streamRng = SplitMix64(seed: 1_000 + seed)
      let steady = (0..<20_000).map { _ in streamRng.nextBernoulli(0.9) }
      for (i, threshold) in [3.0, 4, 5].enumerated()
      where firstDriftAlarm(correct: steady, referenceCount: 2_000, window: 500, threshold: threshold) != nil {
        falseAlarms[i] += 1
      }
    }
    let at4 = firstDriftAlarm(correct: correct, referenceCount: 2_000, window: 500, threshold: 4)
    let at5 = firstDriftAlarm(correct: correct, referenceCount: 2_000, window: 500, threshold: 5)
    #expect(reference == 0.8905)
    #expect(windowed == 10_319 && at4 == 10_383 && at5 == 10_457 && cumulative == 11_837)
    #expect(falseAlarms == [44, 11, 0])
  }
}
