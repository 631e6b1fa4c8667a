import Stats
import Tensors
import Testing
import _TestSupport

// Expected values: scipy 1.16 (`stats.t`, `stats.t.interval`,
// `stats.permutation_test`), statsmodels 0.14 (`proportions_ztest`), and,
// for the seeded resampling, a numpy re-implementation of each definition
// fed with the same index streams written in Python (scipy.special.ndtri/ndtr
// for BCa), printed with repr(). The bootstrap streams (`ResampleStream`),
// with numpy 2.4 and scipy 1.17:
//
//   M32, M64 = 0xFFFFFFFF, (1 << 64) - 1
//   def philox(ctr, key):  # Philox4x32-10
//       x, k = list(ctr), list(key)
//       for r in range(10):
//           if r: k = [(k[0] + 0x9E3779B9) & M32, (k[1] + 0xBB67AE85) & M32]
//           p0, p1 = 0xD2511F53 * x[0], 0xCD9E8D57 * x[2]
//           x = [(p1 >> 32) ^ x[1] ^ k[0], p1 & M32, (p0 >> 32) ^ x[3] ^ k[1], p0 & M32]
//       return x
//   def splitmix(s):
//       s = (s + 0x9E3779B97F4A7C15) & M64; z = s
//       z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
//       z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
//       return s, z ^ (z >> 31)
//   def indices(seed, b, n):  # resample b's n indices, n < 2**32
//       w = philox([0, 0, b & M32, b >> 32], [seed & M32, seed >> 32])
//       s, t, words, out = (w[1] << 32) | w[0], (1 << 32) % n, [], []
//       while len(out) < n:
//           if not words: s, z = splitmix(s); words = [z & M32, z >> 32]
//           p = words.pop(0) * n
//           if p & M32 >= t: out.append(p >> 32)
//       return np.array(out)
//   def boot(x, B, seed, stat, level=0.95, bca=False):
//       x = np.asarray(x); n = len(x); est = stat(x)
//       reps = np.array([stat(x[indices(seed, b, n)]) for b in range(B)])
//       lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
//       if bca:
//           z0 = ndtri(np.sum(reps < est) / B)
//           jack = np.array([stat(np.delete(x, i)) for i in range(n)]); d = jack.mean() - jack
//           a = np.sum(d**3) / (6 * np.sum(d**2) ** 1.5)
//           adj = lambda p: ndtr(z0 + (z0 + ndtri(p)) / (1 - a * (z0 + ndtri(p))))
//           lo, hi = adj(lo), adj(hi)
//       return est, np.quantile(reps, lo), np.quantile(reps, hi), reps.std(ddof=1)
//
// The paired bootstrap: `g = b - a` as floats, replicates
// `g[indices(11, b, 25)].mean()` for b in range(1000), p-value
// min(1, 2 * min(#{rep <= 0}, #{rep >= 0}) / 1000).

private func expectRelative(
  _ actual: Double, _ expected: Double, _ relative: Double, _ label: String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    abs(actual - expected) <= relative * abs(expected), "\(label): \(actual) vs \(expected)",
    sourceLocation: sourceLocation)
}

@Suite("Student's t distribution and the t-interval")
struct StudentTTests {
  @Test(
    "quantiles match scipy's t.ppf",
    arguments: [
      (0.975, 1, 12.706204736174694), (0.975, 4, 2.7764451051977934), (0.975, 29, 2.045229642132703),
      (0.995, 10, 3.16927267261695), (0.6, 7, 0.2631668613520229), (0.025, 3.5, -2.9400886379827296),
      (1e-06, 5, -24.771029720515948), (0.999, 1000, 3.0984021639129233),
    ] as [(Double, Double, Double)])
  func quantiles(_ p: Double, _ nu: Double, _ expected: Double) {
    expectRelative(studentTQuantile(p, degreesOfFreedom: nu), expected, 1e-12, "t(\(p); \(nu))")
  }

  @Test(
    "the CDF matches scipy's t.cdf and inverts the quantile",
    arguments: [
      (-2.0, 3, 0.06966298427942152), (1.5, 10, 0.9177463367772799), (0.1, 2, 0.53526728079293),
      (-30, 5, 3.8593243102480265e-07), (4.0, 100, 0.9999392381778496),
    ] as [(Double, Double, Double)])
  func cdf(_ t: Double, _ nu: Double, _ expected: Double) {
    expectRelative(studentTCDF(t, degreesOfFreedom: nu), expected, 1e-12, "T(\(t); \(nu))")
    expectRelative(studentTQuantile(studentTCDF(t, degreesOfFreedom: nu), degreesOfFreedom: nu), t, 1e-9)
  }

  @Test("t-intervals match scipy's t.interval")
  func intervals() {
    let small = tInterval([2.1, 1.9, 2.4, 2.0])
    expectClose(small.mean, 2.1, absolute: 1e-15)
    expectClose(small.standardError, 0.10801234497346433, absolute: 1e-15)
    expectClose(small.lower, 1.7562565118141693, absolute: 1e-12)
    expectClose(small.upper, 2.443743488185831, absolute: 1e-12)
    let wider = tInterval([3.2, 4.1, 5.5, 2.2, 3.9, 4.4, 6.1, 3.3, 4.8, 5.0], level: 0.9)
    expectClose(wider.lower, 3.5743957069833314, absolute: 1e-12)
    expectClose(wider.upper, 4.925604293016669, absolute: 1e-12)
    #expect(wider.lower < wider.mean && wider.mean < wider.upper)
  }
}

@Suite("Seeded resampling")
struct BootstrapTests {
  static let data = [
    0.8, 1.9, 0.4, 3.3, 2.2, 0.1, 5.6, 1.1, 0.9, 2.8, 1.5, 0.3, 4.1, 0.7, 1.2, 2.0, 0.6, 3.9, 1.0, 0.2,
  ]
  static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
  static func median(_ values: [Double]) -> Double { quantileOfSorted(values.sorted(), 0.5) }
  static func standardDeviation(_ values: [Double]) -> Double {
    let m = mean(values)
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
  }

  @Test("the index stream is SplitMix64 with Lemire's method")
  func indices() {
    var generator = SplitMix64(seed: 42)
    #expect((0..<8).map { _ in uniformIndex(below: 20, using: &generator) } == [14, 3, 5, 6, 0, 17, 4, 16])
  }

  /// Twenty values with six decimals (5u² for SplitMix64(seed: 99)
  /// uniforms), so that no resampled mean ties the sample mean: a tie
  /// would make BCa's bias count depend on the summation order.
  static let skewed = [
    0.341991, 0.005011, 3.484119, 0.052346, 0.1446, 0.275337, 2.250489, 2.646224, 1.365574, 1.524539,
    1.435773, 2.795367, 0.324743, 0.98889, 0.056359, 2.831293, 0.294866, 0.653964, 0.532084, 0.138669,
  ]

  @Test("percentile and BCa intervals of the mean match the reference")
  func mean() {
    let percentile = bootstrapInterval(Self.skewed, resamples: 500, seed: 42, statistic: Self.mean)
    expectClose(percentile.estimate, 1.1071119, absolute: 1e-14)
    expectClose(percentile.lower, 0.6676341925000001, absolute: 1e-12)
    expectClose(percentile.upper, 1.654076195, absolute: 1e-12)
    expectClose(percentile.standardError, 0.2522441165334652, absolute: 1e-12)
    let bca = bootstrapInterval(Self.skewed, resamples: 500, method: .bca, seed: 42, statistic: Self.mean)
    expectClose(bca.lower, 0.69320344803152, absolute: 1e-10)
    expectClose(bca.upper, 1.6772261129629031, absolute: 1e-10)
    // Right-skewed data (positive acceleration): BCa moves both bounds up.
    #expect(bca.lower > percentile.lower && bca.upper > percentile.upper)
  }

  @Test("the mean's fast path gives the generic path's bounds", arguments: BootstrapMethod.allCases)
  func meanFastPath(_ method: BootstrapMethod) {
    let generic = bootstrapInterval(Self.skewed, resamples: 700, method: method, seed: 21, statistic: Self.mean)
    let fast = bootstrapMeanInterval(Self.skewed, resamples: 700, method: method, seed: 21)
    #expect(fast.estimate == generic.estimate)
    expectClose(fast.standardError, generic.standardError, absolute: 1e-14)
    // Same resamples; the sums and the closed-form jackknife may differ from
    // the generic ones in the last bits.
    expectClose(fast.lower, generic.lower, absolute: 1e-12)
    expectClose(fast.upper, generic.upper, absolute: 1e-12)
  }

  @Test("the mean's interval is bit-identical for every thread count", arguments: BootstrapMethod.allCases)
  func threadCounts(_ method: BootstrapMethod) {
    var generator = SplitMix64(seed: 5)
    let values = (0..<3001).map { _ in generator.nextDouble() * generator.nextDouble() }
    let one = bootstrapMeanInterval(values, resamples: 257, method: method, seed: 3, threads: 1)
    for threads in [2, 3, 8, 300] {
      #expect(bootstrapMeanInterval(values, resamples: 257, method: method, seed: 3, threads: threads) == one)
    }
  }

  @Test("BCa of the median and of the standard deviation match the reference")
  func otherStatistics() {
    let median = bootstrapInterval(Self.data, resamples: 300, level: 0.9, method: .bca, seed: 7, statistic: Self.median)
    expectClose(median.estimate, 1.15, absolute: 1e-14)
    expectClose(median.lower, 0.8, absolute: 1e-10)
    expectClose(median.upper, 1.95, absolute: 1e-10)
    let spread = bootstrapInterval(Self.data, resamples: 400, method: .bca, seed: 3, statistic: Self.standardDeviation)
    expectClose(spread.estimate, 1.5079089739384832, absolute: 1e-13)
    expectClose(spread.lower, 1.1044234642880737, absolute: 1e-10)
    expectClose(spread.upper, 2.034752495502578, absolute: 1e-10)
  }

  @Test("a fixed seed reproduces the interval; another seed changes it")
  func reproducible() {
    let first = bootstrapInterval(Self.data, method: .bca, seed: 9, statistic: Self.mean)
    let second = bootstrapInterval(Self.data, method: .bca, seed: 9, statistic: Self.mean)
    let other = bootstrapInterval(Self.data, method: .bca, seed: 10, statistic: Self.mean)
    #expect(first == second)
    #expect(first.lower != other.lower || first.upper != other.upper)
  }

  @Test("the paired bootstrap of an accuracy difference matches the reference")
  func paired() {
    let a = [1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0].map { $0 == 1 }
    let b = [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1].map { $0 == 1 }
    let result = pairedBootstrap(correctA: a, correctB: b, resamples: 1000, seed: 11)
    expectClose(result.difference, 0.16, absolute: 1e-15)
    expectClose(result.lower, 0.0, absolute: 1e-15)
    expectClose(result.upper, 0.36, absolute: 1e-15)
    expectClose(result.pValue, 0.144, absolute: 1e-15)
    // Comparing a model with itself: every replicate is 0.
    let same = pairedBootstrap(correctA: a, correctB: a, resamples: 50, seed: 1)
    #expect(same.lower == 0 && same.upper == 0 && same.pValue == 1)
  }
}

@Suite("Permutation and two-proportion tests")
struct HypothesisTestTests {
  static let a = [4.2, 5.1, 3.9, 6.0, 5.5]
  static let b = [3.1, 4.0, 3.5, 2.9, 4.4, 3.8]

  @Test("an exact permutation test matches scipy's permutation_test")
  func exact() {
    let test = permutationTest(Self.a, Self.b)
    #expect(test.exact && test.permutations == 462)
    expectClose(test.statistic, 1.3233333333333337, absolute: 1e-14)
    expectClose(test.pValue, 0.025974025974025976, absolute: 1e-15)
    let median = permutationTest(Self.a, Self.b) { x, y in
      BootstrapTests.median(x) - BootstrapTests.median(y)
    }
    expectClose(median.pValue, 0.025974025974025976, absolute: 1e-15)
    let tiny = permutationTest([1, 2, 3], [1.5, 2.5])
    #expect(tiny.permutations == 10 && tiny.pValue == 1)
  }

  @Test("a sampled permutation test is reproducible and near the exact p-value")
  func sampled() {
    let first = permutationTest(Self.a, Self.b, resamples: 400, seed: 5)
    let second = permutationTest(Self.a, Self.b, resamples: 400, seed: 5)
    #expect(!first.exact && first == second)
    // 4 standard errors of a proportion near 0.026 from 400 draws ≈ 0.032.
    #expect(abs(first.pValue - 0.025974025974025976) < 0.032)
    #expect(first.pValue >= 2.0 / 401)
  }

  @Test(
    "the two-proportion z-test matches statsmodels' proportions_ztest",
    arguments: [
      (45, 100, 30, 90, 1.6427266128719296, 0.10043950997963545),
      (820, 1000, 800, 1000, 1.1399759467612773, 0.25429632221699117),
      (5, 20, 12, 25, -1.5813049073736645, 0.11380833809565481),
    ])
  func zTest(_ k1: Int, _ n1: Int, _ k2: Int, _ n2: Int, _ z: Double, _ p: Double) {
    let test = twoProportionZTest(successes1: k1, trials1: n1, successes2: k2, trials2: n2)
    expectRelative(test.statistic, z, 1e-12, "z")
    expectRelative(test.pValue, p, 1e-10, "p")
  }

  @Test("80% → 82% needs 6,036 per arm at 80% power (NOTES Appendix B)")
  func sampleSize() {
    #expect(sampleSizePerArm(from: 0.80, to: 0.82) == 6036)
    // The closed forms evaluated with scipy.special.ndtri: 6035.79 and 6038.53.
    #expect(sampleSizePerArm(from: 0.80, to: 0.82, variance: .pooled) == 6039)
    #expect(sampleSizePerArm(from: 0.5, to: 0.6) == 385)
    #expect(sampleSizePerArm(from: 0.9, to: 0.85, variance: .pooled) == 686)
    // Symmetric in the two proportions; more power needs more examples.
    #expect(sampleSizePerArm(from: 0.82, to: 0.80) == 6036)
    #expect(sampleSizePerArm(from: 0.80, to: 0.82, power: 0.9) > 6036)
  }
}
