import Foundation
import Stats
import Testing
import _TestSupport

// Expected values: 40-digit mpmath `gammainc(regularized=True)` for the
// incomplete gamma function; scipy 1.16 `stats.chi2.sf`, `stats.chisquare`
// and `stats.chi2_contingency(correction=False)` for the tests, printed
// with repr().

private func expectRelative(
  _ actual: Double, _ expected: Double, _ relative: Double, _ label: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    abs(actual - expected) <= relative * abs(expected), "\(label): \(actual) vs \(expected)",
    sourceLocation: sourceLocation)
}

@Suite("Regularized incomplete gamma and the χ² distribution")
struct IncompleteGammaTests {
  @Test(
    "P and Q match mpmath to 1e-10 relative",
    arguments: [
      (0.5, 0.1, 0.34527915398142298, 0.65472084601857702),
      (0.5, 3.0, 0.98569412156457036, 0.01430587843542964),
      (1, 1, 0.63212055882855768, 0.36787944117144232),
      (2.5, 0.7, 0.075686727198333053, 0.92431327280166695),
      (3, 10, 0.99723060428448842, 0.0027693957155115759),
      (10, 5, 0.031828057306204812, 0.96817194269379519),
      (10, 15, 0.93014633930059023, 0.069853660699409768),
      (50, 40, 0.070335066659394954, 0.92966493334060505),
      (50, 70, 0.99485949754149411, 0.0051405024585058939),
      (500, 480, 0.1862819731903246, 0.8137180268096754),
      (2000, 2100, 0.98635253231662962, 0.013647467683370377),
      (0.01, 0.5, 0.99437324380603282, 0.0056267561939671841),
      (7.5, 7.5, 0.54858278877427476, 0.45141721122572524),
      (100, 180, 0.99999999997051705, 2.9482945576482845e-11),
    ] as [(Double, Double, Double, Double)])
  func values(_ a: Double, _ x: Double, _ p: Double, _ q: Double) {
    expectRelative(regularizedLowerIncompleteGamma(a: a, x: x), p, 1e-10, "P(\(a), \(x))")
    expectRelative(regularizedUpperIncompleteGamma(a: a, x: x), q, 1e-10, "Q(\(a), \(x))")
  }

  @Test("P(1, x) = 1 − e⁻ˣ and P + Q = 1")
  func identities() {
    for x in [0.01, 0.5, 2, 7, 30] {
      expectRelative(regularizedLowerIncompleteGamma(a: 1, x: x), -expm1(-x), 1e-13, "P(1, \(x))")
      for a in [0.3, 4, 60] {
        let sum = regularizedLowerIncompleteGamma(a: a, x: x) + regularizedUpperIncompleteGamma(a: a, x: x)
        #expect(abs(sum - 1) < 1e-14)
      }
    }
  }

  @Test(
    "the χ² survival function matches scipy's chi2.sf",
    arguments: [
      (3.84, 1, 0.05004352124870519), (10, 4, 0.04042768199451279), (25, 10, 0.005345505487134069),
      (0.5, 3, 0.9188914116546758), (150, 100, 0.0009039320423540184), (0.001, 2, 0.9995001249791693),
    ] as [(Double, Double, Double)])
  func chiSquared(_ x: Double, _ k: Double, _ expected: Double) {
    expectRelative(chiSquaredSurvival(x, degreesOfFreedom: k), expected, 1e-10, "χ²(\(x); \(k))")
  }

  @Test(
    "the χ² quantile matches scipy's chi2.ppf and inverts the CDF",
    arguments: [
      (0.95, 1, 3.841458820694124), (0.95, 3, 7.814727903251179), (0.99, 10, 23.209251158954356),
      (0.05, 2, 0.10258658877510106), (0.5, 7, 6.345811195521515), (1e-06, 4, 0.0028297613229586872),
      (0.999999, 50, 112.60809249886348), (0.975, 0.5, 3.433235299960771), (0.3, 1000, 976.0735912577742),
    ] as [(Double, Double, Double)])
  func quantile(_ p: Double, _ k: Double, _ expected: Double) {
    let x = chiSquaredQuantile(p, degreesOfFreedom: k)
    expectRelative(x, expected, 1e-10, "χ²⁻¹(\(p); \(k))")
    let tail = p > 0.5 ? chiSquaredSurvival(x, degreesOfFreedom: k) : regularizedLowerIncompleteGamma(a: k / 2, x: x / 2)
    expectRelative(tail, p > 0.5 ? 1 - p : p, 1e-12, "round trip")
  }

  @Test("with one degree of freedom it agrees with the erfc form")
  func oneDegree() {
    for x in [0.1, 1, 4.356, 20] {
      expectRelative(chiSquaredSurvival(x, degreesOfFreedom: 1), chiSquaredOneDegreeSurvival(x), 1e-12)
    }
  }
}

@Suite("χ² tests on categorical frequencies")
struct ChiSquaredTestTests {
  @Test("goodness of fit matches scipy's chisquare")
  func goodnessOfFit() {
    let uniform = chiSquaredGoodnessOfFit(observed: [18, 22, 31, 29], expectedProportions: [1, 1, 1, 1])
    expectClose(uniform.statistic, 4.3999999999999995, absolute: 1e-13)
    #expect(uniform.degreesOfFreedom == 3)
    expectRelative(uniform.pValue, 0.2213853871894879, 1e-10)
    let skewed = chiSquaredGoodnessOfFit(observed: [30, 50, 20], expectedProportions: [0.2, 0.5, 0.3])
    expectClose(skewed.statistic, 8.333333333333334, absolute: 1e-13)
    expectRelative(skewed.pValue, 0.015503853599009307, 1e-10)
  }

  @Test("homogeneity matches chi2_contingency without correction; empty categories are dropped")
  func homogeneity() {
    let shifted = chiSquaredHomogeneity(reference: [120, 80, 40, 10], current: [90, 85, 60, 25])
    expectClose(shifted.statistic, 14.675364635364637, absolute: 1e-12)
    #expect(shifted.degreesOfFreedom == 3)
    expectRelative(shifted.pValue, 0.0021161769501615397, 1e-10)
    let withEmpty = chiSquaredHomogeneity(reference: [50, 0, 30], current: [40, 0, 45])
    expectClose(withEmpty.statistic, 3.963235294117651, absolute: 1e-12)
    #expect(withEmpty.degreesOfFreedom == 1)
    expectRelative(withEmpty.pValue, 0.04650424246480399, 1e-10)
    // Proportional samples: statistic 0, p-value 1.
    let same = chiSquaredHomogeneity(reference: [10, 20, 30], current: [20, 40, 60])
    #expect(abs(same.statistic) < 1e-13 && abs(same.pValue - 1) < 1e-12)
  }
}

@Suite("Black-box shift estimation")
struct LabelShiftTests {
  // A classifier with P(ŷ = i | y = j) given column by column, source prior
  // (0.6, 0.3, 0.1), target prior (0.2, 0.3, 0.5): the NOTES demo's priors.
  static let conditional = [[0.8, 0.1, 0.15], [0.15, 0.7, 0.05], [0.05, 0.2, 0.8]]
  static let source = [0.6, 0.3, 0.1]
  static let target = [0.2, 0.3, 0.5]

  @Test("recovers w = (1/3, 1, 5) from an exact confusion matrix")
  func exactRecovery() {
    let joint = (0..<3).map { i in (0..<3).map { j in Self.conditional[i][j] * Self.source[j] } }
    let rates = (0..<3).map { i in (0..<3).reduce(0) { $0 + Self.conditional[i][$1] * Self.target[$1] } }
    let estimate = blackBoxShiftEstimate(jointConfusion: joint, targetPredictionRates: rates)
    for (actual, expected) in zip(estimate.weights, [1.0 / 3, 1, 5]) { expectClose(actual, expected, absolute: 1e-13) }
    for (actual, expected) in zip(estimate.targetPrior, Self.target) { expectClose(actual, expected, absolute: 1e-14) }
  }

  @Test("from counts: source and target samples built to the exact proportions")
  func fromCounts() {
    // 1000 source examples and 1000 target examples whose prediction counts
    // are the conditional matrix times each prior, times 1000 (all integers).
    func sample(_ prior: [Double]) -> (predictions: [Int], labels: [Int]) {
      var predictions: [Int] = []
      var labels: [Int] = []
      for j in 0..<3 {
        for i in 0..<3 {
          let count = Int((1000 * Self.conditional[i][j] * prior[j]).rounded())
          predictions += Array(repeating: i, count: count)
          labels += Array(repeating: j, count: count)
        }
      }
      return (predictions, labels)
    }
    let source = sample(Self.source)
    let target = sample(Self.target)
    #expect(source.labels.count == 1000 && target.labels.count == 1000)
    let estimate = blackBoxShiftEstimate(
      sourcePredictions: source.predictions, sourceLabels: source.labels, targetPredictions: target.predictions,
      classCount: 3)
    for (actual, expected) in zip(estimate.weights, [1.0 / 3, 1, 5]) { expectClose(actual, expected, absolute: 1e-12) }
  }

  @Test("no shift gives unit weights")
  func noShift() {
    let joint = [[0.3, 0.1], [0.2, 0.4]]
    let rates = [0.4, 0.6]
    let estimate = blackBoxShiftEstimate(jointConfusion: joint, targetPredictionRates: rates)
    for weight in estimate.weights { expectClose(weight, 1, absolute: 1e-15) }
  }
}
