import Stats
import Testing

/// `|actual − expected| ≤ relative · |expected|` (or exact equality).
private func expectRelative(
  _ actual: Double, _ expected: Double, _ relative: Double, _ label: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let error = abs(actual - expected)
  #expect(
    error <= relative * abs(expected), "\(label): \(actual) vs \(expected), relative error \(error / abs(expected))",
    sourceLocation: sourceLocation)
}

// Expected values: 50-digit mpmath (binomial sums for integer shapes,
// erfinv, ncdf, erfc, the Kolmogorov series) unless stated otherwise.

@Suite("Regularized incomplete beta")
struct IncompleteBetaTests {
  @Test(
    "matches high-precision values",
    arguments: [
      (0.5, 0.5, 0.3, 0.36901011956554536),
      (1, 1, 0.42, 0.42),
      (2, 3, 0.1, 0.052300000000000006),
      (2, 3, 0.9, 0.9963),
      (15, 26, 0.375, 0.5594264037058385),
      (26, 15, 0.375, 0.0003860147669112733),
      (0.1, 10, 0.01, 0.8244896709066988),
      (100, 200, 0.3, 0.10884306564490975),
      (100, 200, 0.4, 0.9916844649260861),
      (1000, 1000, 0.49, 0.18555265943151145),
      (5000, 3000, 0.62, 0.17773206624208332),
      (3, 10000, 0.0001, 0.08032899086535356),
      (20, 1, 0.975, 0.6026876802191001),
    ] as [(Double, Double, Double, Double)])
  func values(_ a: Double, _ b: Double, _ x: Double, _ expected: Double) {
    expectRelative(regularizedIncompleteBeta(a: a, b: b, x: x), expected, 1e-12, "I_\(x)(\(a), \(b))")
  }

  @Test("is 0 at 0, 1 at 1, and satisfies I_x(a, b) = 1 − I_{1−x}(b, a)")
  func identities() {
    #expect(regularizedIncompleteBeta(a: 3, b: 4, x: 0) == 0)
    #expect(regularizedIncompleteBeta(a: 3, b: 4, x: 1) == 1)
    for x in [0.05, 0.25, 0.5, 0.75, 0.95] {
      let sum = regularizedIncompleteBeta(a: 7, b: 3.5, x: x) + regularizedIncompleteBeta(a: 3.5, b: 7, x: 1 - x)
      #expect(abs(sum - 1) < 1e-14)
    }
  }

  @Test(
    "its quantile inverts it",
    arguments: [
      (0.025, 15, 26, 0.2272627224818259),
      (0.975, 16, 25, 0.541985247767389),
      (0.025, 1, 20, 0.0012650894979498038),
      (0.005, 1, 1000, 5.0125292607775065e-06),
      (0.5, 0.5, 0.5, 0.5),
      (0.9, 200, 10, 0.9700315069431833),
      (1e-08, 3, 7, 0.0004922975191879926),
      (0.05, 2000, 1, 0.9985032551048117),  // p^(1/a)
      (0.025, 99, 2, 0.9455406146079194),
    ] as [(Double, Double, Double, Double)])
  func quantile(_ p: Double, _ a: Double, _ b: Double, _ expected: Double) {
    expectRelative(betaQuantile(p, a: a, b: b), expected, 1e-12, "B⁻¹(\(p); \(a), \(b))")
  }
}

@Suite("Normal distribution")
struct NormalDistributionTests {
  @Test(
    "quantile matches high-precision values",
    arguments: [
      (1e-300, -37.0470962993612),
      (1e-20, -9.262340089798407),
      (1e-10, -6.361340902404057),
      (0.001, -3.0902323061678136),
      (0.02425, -1.972961051311885),
      (0.025, -1.9599639845400543),
      (0.1, -1.2815515655446004),
      (0.3, -0.5244005127080408),
      (0.7, 0.5244005127080407),
      (0.975, 1.9599639845400538),
      (0.999, 3.090232306167813),
      (0.999999999999, 7.0344869100478356),
    ] as [(Double, Double)])
  func quantile(_ p: Double, _ expected: Double) {
    expectRelative(standardNormalQuantile(p), expected, 1e-13, "Φ⁻¹(\(p))")
    expectRelative(standardNormalUpperQuantile(p), -expected, 1e-13, "upper quantile of \(p)")
  }

  @Test("quantile edge cases")
  func quantileEdges() {
    #expect(standardNormalQuantile(0.5) == 0)
    #expect(standardNormalQuantile(0) == -.infinity)
    #expect(standardNormalQuantile(1) == .infinity)
  }

  @Test(
    "CDF matches high-precision values",
    arguments: [
      (-30, 4.906713927148187e-198),
      (-10, 7.619853024160525e-24),
      (-1.96, 0.024997895148220435),
      (-0.5, 0.3085375387259869),
      (0, 0.5),
      (0.5, 0.6914624612740131),
      (1.96, 0.9750021048517795),
      (5, 0.9999997133484281),
    ] as [(Double, Double)])
  func cdf(_ x: Double, _ expected: Double) {
    // glibc's erfc keeps about 13 digits this far out (x = −30).
    expectRelative(standardNormalCDF(x), expected, 1e-12, "Φ(\(x))")
    expectRelative(standardNormalSurvival(-x), expected, 1e-12, "1 − Φ(\(-x))")
  }
}

@Suite("Chi-square with one degree of freedom")
struct ChiSquaredTests {
  @Test(
    "upper tail matches erfc(√(x/2))",
    arguments: [
      (0.0, 1.0),
      (1e-06, 0.9992021155721779),
      (0.5, 0.4795001221869535),
      (1.3333333333333333, 0.2482130789899236),
      (3.841458820694124, 0.05000000000000006),
      (4.390243902439025, 0.036145142046562266),
      (30.0, 4.3204630578274975e-08),
      (200.0, 2.088487583762545e-45),
    ] as [(Double, Double)])
  func survival(_ x: Double, _ expected: Double) {
    expectRelative(chiSquaredOneDegreeSurvival(x), expected, 1e-13, "P(χ²₁ > \(x))")
  }
}

@Suite("Kolmogorov distribution")
struct KolmogorovDistributionTests {
  @Test(
    "limiting upper tail matches the series",
    arguments: [
      (0.2, 0.999999999999495),
      (0.5, 0.9639452436648751),
      (0.8, 0.5441424115741981),
      (0.99, 0.2808738392255489),
      (1.0, 0.2699996716773545),
      (1.2, 0.11224966667072499),
      (1.36, 0.04948587675537788),
      (2, 0.0006709252557796953),
      (3, 3.045995948942526e-08),
      (5, 3.8574996959278356e-22),
    ] as [(Double, Double)])
  func limiting(_ lambda: Double, _ expected: Double) {
    expectRelative(kolmogorovSurvival(lambda), expected, 1e-13, "Q(\(lambda))")
  }

  /// Expected values: scipy.stats.kstwo.sf (exact algorithms of Simard and
  /// L'Ecuyer). The Pelz–Good region agrees to 1e-7 absolute at these sizes
  /// (n ≥ 400 there); the Smirnov tail region to 1e-10 relative.
  @Test(
    "finite-n upper tail matches scipy's kstwo",
    arguments: [
      (0.05, 400, 0.26121244607129124),
      (0.03, 1333, 0.17781040637651924),
      (0.1, 1333, 4.674875840656313e-12),
      (0.0214, 1895, 0.3457586432046996),
      (0.0596, 1171, 0.0004662524495122997),
      (0.1352, 1364, 3.312843255711683e-22),
      (0.6, 50, 9.634070456142374e-18),
      (0.002, 1000, 1.0),
      (0.012, 5000, 0.4639912166690191),
      (0.25, 150, 9.543914559897106e-09),
    ] as [(Double, Int, Double)])
  func finite(_ d: Double, _ n: Int, _ expected: Double) {
    let actual = kolmogorovSmirnovSurvival(d, sampleSize: n)
    if Double(n) * d * d >= 2.2 || d >= 0.5 {
      expectRelative(actual, expected, 1e-10, "P(D_\(n) ≥ \(d))")
    } else {
      #expect(abs(actual - expected) <= 1e-7, "P(D_\(n) ≥ \(d)): \(actual) vs \(expected)")
    }
  }

  @Test("finite-n tail: exact edges")
  func edges() {
    #expect(kolmogorovSmirnovSurvival(0, sampleSize: 10) == 1)
    #expect(kolmogorovSmirnovSurvival(1, sampleSize: 10) == 0)
    #expect(kolmogorovSmirnovSurvival(0.04, sampleSize: 10) == 1)  // n·d ≤ ½
    // n·d ≥ n − 1: 2(1 − d)ⁿ.
    expectRelative(kolmogorovSmirnovSurvival(0.95, sampleSize: 20), 2 * 0.05.power(20), 1e-12, "upper edge")
  }
}

@Suite("Binomial distribution")
struct BinomialDistributionTests {
  @Test(
    "probability matches exact values",
    arguments: [
      (3, 10, 0.3, 0.266827932),
      (0, 20, 0.05, 0.3584859224085422),
      (500, 1000, 0.5, 0.0252250181783608),
      (87, 205, 0.5, 0.0053540297572507965),
      (123456, 1000000, 0.1234, 0.001195287459548696),
      (7, 7, 0.9, 0.4782969000000001),
    ] as [(Int, Int, Double, Double)])
  func probability(_ k: Int, _ n: Int, _ p: Double, _ expected: Double) {
    expectRelative(binomialProbability(successes: k, trials: n, probability: p), expected, 1e-13, "P(X = \(k))")
  }

  @Test(
    "lower tail matches exact sums",
    arguments: [
      (0, 3, 0.5, 0.125),
      (3, 10, 0.3, 0.6496107184000001),
      (87, 205, 0.5, 0.01794386565168853),
      (10, 1000, 0.5, 2.4833387914896352e-278),
      (480, 1000, 0.5, 0.10872414660207047),
      (499, 1000, 0.5, 0.4873874909108196),
      (40, 100, 0.55, 0.0018201782006504168),
    ] as [(Int, Int, Double, Double)])
  func lowerTail(_ k: Int, _ n: Int, _ p: Double, _ expected: Double) {
    expectRelative(binomialLowerTail(successes: k, trials: n, probability: p), expected, 1e-12, "P(X ≤ \(k))")
  }

  @Test("lower tail outside the support")
  func outside() {
    #expect(binomialLowerTail(successes: -1, trials: 5, probability: 0.3) == 0)
    #expect(binomialLowerTail(successes: 5, trials: 5, probability: 0.3) == 1)
    #expect(binomialProbability(successes: 6, trials: 5, probability: 0.3) == 0)
  }
}

extension Double {
  fileprivate func power(_ exponent: Int) -> Double {
    (0..<exponent).reduce(1) { product, _ in product * self }
  }
}
