import Stats
import Testing

@Suite("Effective number of samples and class-balanced weights")
struct ClassBalancedWeightsTests {
  @Test("Cui et al.'s curve at β = 0.999: 100 → 95.21, 1,000 → 632.30, 10,000 → 999.95")
  func referenceValues() {
    // (1 − 0.999ⁿ) / 0.001, computed independently in numpy.
    #expect(abs(effectiveNumberOfSamples(count: 100, beta: 0.999) - 95.207852886291) < 1e-9)
    #expect(abs(effectiveNumberOfSamples(count: 1_000, beta: 0.999) - 632.3045752290357) < 1e-9)
    #expect(abs(effectiveNumberOfSamples(count: 10_000, beta: 0.999) - 999.954826654022) < 1e-9)
  }

  @Test("the two limits: β = 0 counts every class as one example, β → 1 counts every example")
  func limits() {
    #expect(effectiveNumberOfSamples(count: 5_000, beta: 0) == 1)
    #expect(effectiveNumberOfSamples(count: 0, beta: 0.9) == 0)
    let nearOne = effectiveNumberOfSamples(count: 300, beta: 1 - 1e-9)
    #expect(abs(nearOne - 300) < 1e-3)
  }

  @Test("weights sum to the number of classes, are 1 for equal counts, and fall as counts rise")
  func normalisation() {
    let weights = classBalancedWeights(counts: [50, 700, 20_000], beta: 0.99)
    #expect(abs(weights.reduce(0, +) - 3) < 1e-12)
    #expect(weights[0] > weights[1] && weights[1] > weights[2])
    #expect(classBalancedWeights(counts: [40, 40, 40, 40], beta: 0.999).allSatisfy { abs($0 - 1) < 1e-12 })
  }

  @Test("β close to 1 approaches inverse-frequency weights; β = 0 gives equal weights")
  func betweenTheLimits() {
    let counts = [10, 100, 1_000]
    let inverse = counts.map { 1 / Double($0) }
    let total = inverse.reduce(0, +)
    let expected = inverse.map { 3 * $0 / total }
    let nearlyInverse = classBalancedWeights(counts: counts, beta: 1 - 1e-10)
    for (got, want) in zip(nearlyInverse, expected) { #expect(abs(got - want) < 1e-5) }
    #expect(classBalancedWeights(counts: counts, beta: 0) == [1, 1, 1])
  }

  @Test("the lesson's fraud example: 99,000 against 1,000 at β = 0.9999")
  func fraudExample() {
    #expect(abs(effectiveNumberOfSamples(count: 99_000, beta: 0.9999) - 9_999.5) < 0.05)
    #expect(abs(effectiveNumberOfSamples(count: 1_000, beta: 0.9999) - 951.7) < 0.05)
    let weights = classBalancedWeights(counts: [99_000, 1_000], beta: 0.9999)
    #expect(abs(weights[0] - 0.174) < 5e-4 && abs(weights[1] - 1.826) < 5e-4)
    #expect(abs(weights[1] / weights[0] - 10.5) < 0.05)
  }
}
