import Foundation
import Stats
import Testing

@Suite("Proportion intervals")
struct ProportionIntervalTests {
  static let sizes: [(Int, Int)] = [(0, 1), (1, 1), (0, 20), (1, 30), (15, 40), (98, 100), (100, 100), (517, 1000)]
  static let levels = [0.5, 0.9, 0.95, 0.99]

  @Test("every method is clipped to [0, 1] and contains the estimate", arguments: ProportionIntervalMethod.allCases)
  func clippedAndContaining(_ method: ProportionIntervalMethod) {
    for (k, n) in Self.sizes {
      for level in Self.levels {
        let interval = proportionInterval(successes: k, trials: n, method: method, level: level)
        #expect(interval.estimate == Double(k) / Double(n))
        #expect(0 <= interval.lower && interval.lower <= interval.upper && interval.upper <= 1)
        #expect(interval.method == method && interval.level == level)
        // Wald and Agresti–Coull may exclude the estimate only through
        // clipping; Wilson and Clopper–Pearson always contain it.
        if method == .wilson || method == .clopperPearson || method == .normal {
          #expect(interval.lower <= interval.estimate && interval.estimate <= interval.upper, "\(method) \(k)/\(n)")
        }
      }
    }
  }

  @Test("Wilson matches statsmodels on 15 of 40")
  func wilson() {
    let interval = proportionInterval(successes: 15, trials: 40)
    #expect(abs(interval.lower - 0.24222979167233266) < 1e-12)
    #expect(abs(interval.upper - 0.5296756086269889) < 1e-12)
  }

  @Test("Clopper–Pearson bounds leave α/2 in each binomial tail")
  func clopperPearsonTails() {
    for (k, n) in [(1, 10), (15, 40), (3, 1000), (999, 1000)] {
      let interval = proportionInterval(successes: k, trials: n, method: .clopperPearson, level: 0.9)
      // P(X ≥ k | p = lower) = 0.05 and P(X ≤ k | p = upper) = 0.05.
      let upperTailAtLower = 1 - binomialLowerTail(successes: k - 1, trials: n, probability: interval.lower)
      let lowerTailAtUpper = binomialLowerTail(successes: k, trials: n, probability: interval.upper)
      #expect(abs(upperTailAtLower - 0.05) < 1e-10, "\(k)/\(n)")
      #expect(abs(lowerTailAtUpper - 0.05) < 1e-10, "\(k)/\(n)")
    }
  }

  @Test("Clopper–Pearson is exactly 0 below at k = 0 and 1 above at k = n")
  func clopperPearsonEdges() {
    #expect(proportionInterval(successes: 0, trials: 20, method: .clopperPearson).lower == 0)
    #expect(proportionInterval(successes: 20, trials: 20, method: .clopperPearson).upper == 1)
    // (α/2)^(1/n) and 1 − that: the closed forms at the edges.
    let upper = proportionInterval(successes: 0, trials: 20, method: .clopperPearson).upper
    #expect(abs(upper - 0.1684334709830853) < 1e-12)
  }

  @Test("Wald is clipped at 0 for 1 of 30")
  func waldClipped() {
    let interval = proportionInterval(successes: 1, trials: 30, method: .normal)
    #expect(interval.lower == 0)
    #expect(abs(interval.upper - 0.09756736890584525) < 1e-12)
  }
}

@Suite("McNemar's test")
struct McNemarTests {
  @Test("3 against 0: statistic 4/3, exact p 2/8")
  func smallCounts() {
    let test = mcNemarTest(b01: 3, b10: 0)
    #expect(abs(test.statistic - 4.0 / 3) < 1e-15)
    #expect(abs(test.pValue - 0.24821307898992026) < 1e-14)
    #expect(abs(test.exactPValue - 0.25) < 1e-15)
  }

  @Test("equal discordant counts use the formula as written")
  func equalCounts() {
    let test = mcNemarTest(b01: 3, b10: 3)
    #expect(abs(test.statistic - 1.0 / 6) < 1e-15)
    #expect(test.exactPValue == 1)
  }

  @Test("no discordant items: statistic 0, p-values 1")
  func noDiscordant() {
    let test = mcNemarTest(b01: 0, b10: 0)
    #expect(test.statistic == 0 && test.pValue == 1 && test.exactPValue == 1)
  }

  @Test("paired comparison counts and accuracies")
  func paired() {
    let a = [true, true, false, false, true]
    let b = [true, false, true, true, true]
    let comparison = pairedComparison(a: a, b: b)
    #expect(comparison.count == 5)
    #expect(comparison.mcNemar.b01 == 2 && comparison.mcNemar.b10 == 1)
    #expect(comparison.accuracyA == 0.6 && comparison.accuracyB == 0.8)
    #expect(comparison.difference == 0.8 - 0.6)
  }
}

@Suite("Distribution shift")
struct DistributionShiftTests {
  @Test("identical samples: D = 0, p = 1, PSI = 0")
  func identical() {
    let sample = (0..<200).map { Double($0 % 37) / 7 }
    let ks = kolmogorovSmirnovTwoSample(reference: sample, current: sample.reversed())
    #expect(ks.statistic == 0 && ks.pValue == 1)
    #expect(populationStabilityIndex(reference: sample, current: sample).value == 0)
  }

  @Test("disjoint samples: D = 1")
  func disjoint() {
    let ks = kolmogorovSmirnovTwoSample(reference: [1, 2, 3, 4], current: [5, 6, 7])
    #expect(ks.statistic == 1)
    #expect(ks.effectiveSampleSize == 2)  // round(12/7)
  }

  @Test("ties are stepped over together")
  func ties() {
    // After all the 1s, F_ref = 3/4 and F_cur = 1/4; after the 2s both are 1.
    let ks = kolmogorovSmirnovTwoSample(reference: [1, 1, 1, 2], current: [1, 2, 2, 2])
    #expect(ks.statistic == 0.5)
  }

  @Test("PSI bins: edges on the reference's quantiles, empty bins floored at 1e-4")
  func psiBins() {
    let reference: [Double] = [1, 1, 1, 1, 2, 3, 4, 5]
    let current: [Double] = [1, 2, 2, 3, 4, 5, 5, 5]
    let psi = populationStabilityIndex(reference: reference, current: current, binCount: 4)
    // numpy.quantile(reference, [0.25, 0.5, 0.75]) = [1, 1.5, 3.25].
    #expect(psi.edges == [1, 1.5, 3.25])
    #expect(psi.referenceCounts == [4, 0, 2, 2])
    #expect(psi.currentCounts == [1, 0, 3, 4])
    let expected = (0.125 - 0.5) * log(0.125 / 0.5) + 0 + (0.375 - 0.25) * log(0.375 / 0.25)
      + (0.5 - 0.25) * log(0.5 / 0.25)
    #expect(abs(psi.value - expected) < 1e-15)
  }

  @Test("one bin: PSI = 0")
  func oneBin() {
    #expect(populationStabilityIndex(reference: [1, 2, 3], current: [7, 8], binCount: 1).value == 0)
  }
}

@Suite("Bias-variance decomposition")
struct BiasVarianceTests {
  @Test("squared loss: bias + variance = expected loss")
  func squaredIdentity() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let rows = Int.random(in: 1...30, using: &generator)
      let models = Int.random(in: 1...10, using: &generator)
      let targets = (0..<rows).map { _ in Double.random(in: -2...2, using: &generator) }
      let predictions = (0..<models).map { _ in
        targets.map { $0 + Double.random(in: -1...1.5, using: &generator) }
      }
      let result = biasVarianceDecomposition(targets: targets, predictions: predictions, loss: .squared)
      #expect(result.rows == rows && result.models == models)
      #expect(abs(result.bias + result.variance - result.expectedLoss) <= 1e-12 * max(1, result.expectedLoss))
    }
  }

  @Test("squared loss on a hand-worked example")
  func squaredExample() {
    // Row 1: predictions 1 and 3 (main 2) for target 0: bias 4, variance 1, loss 5.
    // Row 2: predictions 2 and 2 (main 2) for target 2: all 0.
    let result = biasVarianceDecomposition(targets: [0, 2], predictions: [[1, 2], [3, 2]], loss: .squared)
    #expect(result.bias == 2 && result.variance == 0.5 && result.expectedLoss == 2.5)
  }

  @Test("zero-one loss: ties go to the smallest label")
  func zeroOneTies() {
    // Four models vote 2, 1, 1, 2 on one row with target 2: the mode is 1.
    let result = biasVarianceDecomposition(targets: [2], predictions: [[2], [1], [1], [2]], loss: .zeroOne)
    #expect(result.bias == 1)
    #expect(result.variance == 0.5)
    #expect(result.expectedLoss == 0.5)
  }
}
