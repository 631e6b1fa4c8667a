import Stats
import Testing

@Suite("Type-1 empirical quantile")
struct EmpiricalQuantileTests {
  let sorted = [12.0, 13, 14, 15, 16, 18, 40]

  @Test("the smallest order statistic with k/n ≥ τ")
  func orderStatistics() {
    #expect(empiricalQuantileOfSorted(sorted, 0.5) == 15)  // k = ⌈3.5⌉ = 4
    #expect(empiricalQuantileOfSorted(sorted, 0.9) == 40)  // k = ⌈6.3⌉ = 7
    #expect(empiricalQuantileOfSorted(sorted, 1.0 / 7) == 12)  // k = 1 exactly
    #expect(empiricalQuantileOfSorted(sorted, 1) == 40)
  }

  @Test("n·τ a hair above a whole number in floating point is not pushed one order statistic up")
  func roundingAtWholeNumbers() {
    let values = (1...25).map(Double.init)
    // 25 × 0.28 evaluates to 7.000000000000001: k must be 7, not 8.
    #expect(25 * 0.28 > 7.0)
    #expect(empiricalQuantileOfSorted(values, 0.28) == 7)
    #expect(empiricalQuantileOfSorted(Array(values.prefix(10)), 0.5) == 5)  // the lower median
  }

  @Test("it minimises the pinball loss over every data point")
  func minimisesPinball() {
    func pinball(_ c: Double, _ tau: Double) -> Double {
      sorted.reduce(0) { total, y in total + max(tau * (y - c), (tau - 1) * (y - c)) }
    }
    for tau in [0.1, 0.25, 0.5, 0.63, 0.9] {
      let q = empiricalQuantileOfSorted(sorted, tau)
      #expect(sorted.allSatisfy { pinball(q, tau) <= pinball($0, tau) + 1e-12 })
    }
  }
}
