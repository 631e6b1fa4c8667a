import Stats
import Testing

/// The numbers printed in Lessons/1-foundation/03-uncertainty.md, recomputed
/// by the kernel.
@Suite("The uncertainty lesson's numbers")
struct UncertaintyLessonTests {
  /// A value rounded to `places` decimals, as the lesson prints it.
  func rounded(_ value: Double, _ places: Int = 4) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (value * scale).rounded() / scale
  }

  func bounds(_ k: Int, _ n: Int, _ method: ProportionIntervalMethod) -> [Double] {
    let interval = proportionInterval(successes: k, trials: n, method: method)
    return [rounded(interval.lower), rounded(interval.upper)]
  }

  @Test("the interval table")
  func intervals() {
    #expect(bounds(87, 100, .normal) == [0.8041, 0.9359])
    #expect(bounds(87, 100, .wilson) == [0.7902, 0.9224])
    #expect(bounds(87, 100, .clopperPearson) == [0.7880, 0.9289])
    #expect(bounds(0, 20, .normal) == [0, 0])
    #expect(bounds(0, 20, .wilson) == [0, 0.1611])
    #expect(bounds(0, 20, .clopperPearson) == [0, 0.1684])
    #expect(bounds(20, 20, .normal) == [1, 1])
    #expect(bounds(20, 20, .wilson) == [0.8389, 1])
    #expect(bounds(20, 20, .clopperPearson) == [0.8316, 1])
    #expect(bounds(1, 1, .normal) == [1, 1])
    #expect(bounds(1, 1, .wilson) == [0.2065, 1])
    #expect(bounds(1, 1, .clopperPearson) == [0.0250, 1])
    // Wald's upper end at 19 of 20, before clipping.
    let z = standardNormalUpperQuantile(0.025)
    #expect(rounded(0.95 + z * (0.95 * 0.05 / 20).squareRoot()) == 1.0455)
    #expect(rounded(z, 2) == 1.96 && rounded(standardNormalUpperQuantile(0.05), 3) == 1.645)
    #expect(rounded(standardNormalUpperQuantile(0.005), 3) == 2.576)
  }

  @Test("exact coverage of the three intervals")
  func coverage() {
    func covered(_ n: Int, _ p: Double) -> [Double] {
      [ProportionIntervalMethod.normal, .wilson, .clopperPearson].map {
        rounded(proportionIntervalCoverage(trials: n, probability: p, method: $0))
      }
    }
    #expect(covered(20, 0.95) == [0.6389, 0.9245, 0.9841])
    #expect(covered(100, 0.99) == [0.6334, 0.9206, 0.9816])
  }

  @Test("the failure: McNemar against the two-proportion test")
  func failure() {
    let paired = mcNemarTest(b01: 30, b10: 15)
    #expect(rounded(paired.statistic) == 4.3556)
    #expect(rounded(paired.pValue) == 0.0369 && rounded(paired.exactPValue) == 0.0357)
    #expect("\(paired.statistic)".hasPrefix("4.3555"))
    #expect("\(paired.pValue)".hasPrefix("0.03688") && "\(paired.exactPValue)".hasPrefix("0.03569"))
    let unpaired = twoProportionZTest(successes1: 870, trials1: 1_000, successes2: 855, trials2: 1_000)
    #expect("\(unpaired.statistic)".hasPrefix("0.97396") && "\(unpaired.pValue)".hasPrefix("0.33007"))
    #expect(rounded(unpaired.statistic, 3) == 0.974 && rounded(unpaired.pValue, 3) == 0.330)
    // Standard errors: 0.0154 unpaired (pooled 0.8625), 0.0067 paired.
    #expect(rounded(0.015 / unpaired.statistic) == 0.0154)
    #expect(rounded((0.045 - 0.015 * 0.015) / 1_000, 12) == 0.000044775)
    #expect(rounded(((0.045 - 0.015 * 0.015) / 1_000).squareRoot()) == 0.0067)
    #expect(rounded((0.015 / unpaired.statistic) / ((0.045 - 0.015 * 0.015) / 1_000).squareRoot(), 1) == 2.3)
    // The same counts from paired correctness vectors.
    let a = [Bool](repeating: true, count: 840) + [Bool](repeating: false, count: 30)
      + [Bool](repeating: true, count: 15) + [Bool](repeating: false, count: 115)
    let b = [Bool](repeating: true, count: 840) + [Bool](repeating: true, count: 30)
      + [Bool](repeating: false, count: 15) + [Bool](repeating: false, count: 115)
    let comparison = pairedComparison(a: a, b: b)
    #expect(comparison.accuracyA == 0.855 && comparison.accuracyB == 0.87)
    #expect(comparison.mcNemar == paired)
  }

  @Test("test-set sizes")
  func sizes() {
    #expect(pairedSampleSize(difference: 0.02, discordantRate: 0.10) == 1_960)
    #expect(pairedSampleSize(difference: 0.02, discordantRate: 0.05) == 979)
    #expect(pairedSampleSize(difference: 0.01, discordantRate: 0.03) == 2_353)
    #expect(pairedSampleSize(difference: 0.01, discordantRate: 0.06) == 4_707)
    #expect(pairedSampleSize(difference: 0.01, discordantRate: 0.10) == 7_847)
    #expect(sampleSizePerArm(from: 0.80, to: 0.82) == 6_036)
    #expect(sampleSizePerArm(from: 0.86, to: 0.87) == 18_328)
    // The simpler formula gives 1,963 for the first row.
    let z = standardNormalUpperQuantile(0.025) + standardNormalQuantile(0.8)
    #expect(Int((z * z * 0.10 / 0.0004).rounded(.up)) == 1_963)
    #expect(rounded(standardNormalQuantile(0.8)) == 0.8416)
  }
}
