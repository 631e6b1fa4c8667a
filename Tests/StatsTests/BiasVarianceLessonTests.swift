import Foundation
import Stats
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/04-bias-and-variance.md,
/// recomputed by the kernel, and the kernel's polynomial fit and 0-1
/// variance split checked against identities and hand-worked cases.
@Suite("The bias-and-variance lesson's numbers")
struct BiasVarianceLessonTests {
  @Test("a polynomial fit recovers a polynomial exactly")
  func recovery() {
    let x = (0..<12).map { Double($0) / 11 }
    let y = x.map { 0.5 - 2 * $0 + 3 * $0 * $0 - 1.5 * $0 * $0 * $0 }
    let fit = fitPolynomial(x: x, y: y, degree: 3, ridge: 0)
    for (got, expected) in zip(fit.coefficients, [0.5, -2, 3, -1.5]) { #expect(abs(got - expected) < 1e-9) }
    #expect(abs(fit(0.3) - (0.5 - 0.6 + 0.27 - 0.0405)) < 1e-12)
    // A straight line through three points, checked by hand: the least-squares
    // line through (0, 0), (1, 1), (2, 5) is y = −0.5 + 2.5x.
    let line = fitPolynomial(x: [0, 1, 2], y: [0, 1, 5], degree: 1, ridge: 0)
    #expect(abs(line.coefficients[0] + 0.5) < 1e-12 && abs(line.coefficients[1] - 2.5) < 1e-12)
  }

  @Test("the 0-1 split: a hand example, and bias + net variance = expected loss")
  func netVariance() {
    // Row 0: target 1, votes 1,1,0 (unbiased, V = 1/3). Row 1: target 1,
    // votes 0,0,1 (biased, V = 1/3). Row 2: target 0, votes 0,0,0.
    let predictions: [[Double]] = [[1, 0, 0], [1, 0, 0], [0, 1, 0]]
    let split = zeroOneVarianceSplit(targets: [1, 1, 0], predictions: predictions)
    #expect(abs(split.unbiasedVariance - 1.0 / 9) < 1e-15 && abs(split.biasedVariance - 1.0 / 9) < 1e-15)
    #expect(split.netVariance == 0)
    var rng = SplitMix64(seed: 11)
    for classes in [2, 3, 5] {
      let targets = (0..<300).map { _ in Double(rng.nextInt(in: 0...(classes - 1))) }
      let models = (0..<8).map { _ in
        targets.map { t in rng.nextBernoulli(0.6) ? t : Double(rng.nextInt(in: 0...(classes - 1))) }
      }
      let whole = biasVarianceDecomposition(targets: targets, predictions: models, loss: .zeroOne)
      let parts = zeroOneVarianceSplit(targets: targets, predictions: models)
      #expect(abs(whole.bias + parts.netVariance - whole.expectedLoss) < 1e-12)
      #expect(abs(parts.unbiasedVariance + parts.biasedVariance - whole.variance) < 1e-12)
    }
  }

  @Test("the polynomial simulation")
  func polynomials() {
    let grid = (0..<50).map { (Double($0) + 0.5) / 50 }
    let truth = grid.map { sin(2 * Double.pi * $0) }
    let sigma = 0.3
    var rng = SplitMix64(seed: 42)
    var rows: [[String]] = []
    for degree in [1, 3, 9] {
      var fits: [[Double]] = []
      var trainingError = 0.0
      for _ in 0..<500 {
        let x = (0..<30).map { _ in rng.nextDouble() }
        let y = x.map { sin(2 * Double.pi * $0) + sigma * rng.nextNormal() }
        let p = fitPolynomial(x: x, y: y, degree: degree)
        fits.append(grid.map { p($0) })
        trainingError += zip(x, y).map { (p($0) - $1) * (p($0) - $1) }.reduce(0, +) / 30 / 500
      }
      let d = biasVarianceDecomposition(targets: truth, predictions: fits, loss: .squared)
      rows.append([d.bias, d.variance, sigma * sigma, d.expectedLoss + sigma * sigma, trainingError].map { String(format: "%.4f", $0) })
    }
    #expect(rows[0] == ["0.1956", "0.0206", "0.0900", "0.3063", "0.2626"])
    #expect(rows[1] == ["0.0044", "0.0177", "0.0900", "0.1121", "0.0794"])
    #expect(rows[2] == ["0.0012", "0.4043", "0.0900", "0.4955", "0.0656"])
  }

  /// The label most of the k training points nearest to `point` carry.
  static func nearestNeighbourVote(_ x: [Double], _ y: [Double], _ point: Double, k: Int) -> Double {
    let nearest = x.indices.sorted { abs(x[$0] - point) < abs(x[$1] - point) }.prefix(k)
    let ones = nearest.filter { y[$0] == 1 }.count
    return 2 * ones > k ? 1 : 0
  }

  /// The best possible label: 1 on [0.25, 0.5) and [0.75, 1), else 0.
  static func stripe(_ x: Double) -> Double { Int(x * 4) % 2 == 1 ? 1 : 0 }

  @Test("the nearest-neighbour simulation")
  func neighbours() {
    var rng = SplitMix64(seed: 5)
    let points = (0..<100).map { (Double($0) + 0.5) / 100 }
    let best = points.map { Self.stripe($0) }
    var rows: [[String]] = []
    for k in [1, 9, 45] {
      var models: [[Double]] = []
      for _ in 0..<200 {
        let x = (0..<60).map { _ in rng.nextDouble() }
        let y = x.map { xi in
          let clean = Self.stripe(xi)
          return rng.nextBernoulli(0.2) ? 1 - clean : clean
        }
        models.append(points.map { Self.nearestNeighbourVote(x, y, $0, k: k) })
      }
      let d = biasVarianceDecomposition(targets: best, predictions: models, loss: .zeroOne)
      let split = zeroOneVarianceSplit(targets: best, predictions: models)
      rows.append(
        [d.bias, d.variance, split.unbiasedVariance, split.biasedVariance, split.netVariance, d.expectedLoss].map {
          String(format: "%.4f", $0)
        })
    }
    #expect(rows[0] == ["0.0000", "0.2160", "0.2160", "0.0000", "0.2160", "0.2160"])
    #expect(rows[1] == ["0.0100", "0.1057", "0.1008", "0.0049", "0.0960", "0.1060"])
    #expect(rows[2] == ["0.4900", "0.1787", "0.0786", "0.1000", "-0.0214", "0.4686"])
  }
}
