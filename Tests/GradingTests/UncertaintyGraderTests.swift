import Grading
import Stats
import Testing

@Suite("Wilson interval grader")
struct WilsonIntervalGraderTests {
  typealias Implementation = (Int, Int, Double) -> WilsonIntervalGrader.Bounds

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try WilsonIntervalGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  /// The kernel's interval of `method` at the level whose critical value is z.
  static func kernel(_ method: ProportionIntervalMethod) -> Implementation {
    { k, n, z in
      let level = [0.9, 0.95, 0.99].first { standardNormalUpperQuantile((1 - $0) / 2) == z }!
      let interval = proportionInterval(successes: k, trials: n, method: method, level: level)
      return (interval.lower, interval.upper)
    }
  }

  /// Wilson's formula, as a learner writes it, with optional mistakes.
  static func formula(quarter: Bool = true, denominator: Bool = true) -> Implementation {
    { k, n, z in
      let n = Double(n)
      let p = Double(k) / n
      let d = denominator ? 1 + z * z / n : 1
      let centre = (p + z * z / (2 * n)) / d
      let half = z * (p * (1 - p) / n + (quarter ? z * z / (4 * n * n) : 0)).squareRoot() / d
      return (centre - half, centre + half)
    }
  }

  @Test("the reference and a plain formula pass every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.kernel(.wilson), seed: seed).allSatisfy { $0 == .passed })
    #expect(try verdicts(Self.formula(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("Wald's interval passes the typical cases and is named at k = 0, k = n and n = 1")
  func wald() throws {
    let results = try verdicts(Self.kernel(.normal))
    #expect(results.filter { $0 != .passed }.count >= 3)
    let names = try messages(Self.kernel(.normal))
    #expect(names.contains { $0.hasSuffix("this is Wald's interval, p̂ ± z·√(p̂(1 − p̂)/n), not Wilson's.") })
  }

  @Test("the other intervals and the formula slips are named")
  func others() throws {
    #expect(try messages(Self.kernel(.agrestiCoull)).contains { $0.hasSuffix("this is the Agresti–Coull interval, not Wilson's.") })
    #expect(try messages(Self.kernel(.clopperPearson)).contains { $0.hasSuffix("this is the Clopper–Pearson (exact) interval, not Wilson's.") })
    #expect(try messages(Self.formula(quarter: false)).contains { $0.hasSuffix("the z²/(4n²) term under the square root is missing.") })
    #expect(try messages(Self.formula(denominator: false)).contains { $0.hasSuffix("the centre and the half-width are not divided by 1 + z²/n.") })
    let swapped: Implementation = { k, n, z in
      let bounds = Self.kernel(.wilson)(k, n, z)
      return (bounds.upper, bounds.lower)
    }
    #expect(try messages(swapped).contains("The bounds are swapped: return (lower, upper)."))
    let percent: Implementation = { k, n, z in
      let bounds = Self.kernel(.wilson)(k, n, z)
      return (100 * bounds.lower, 100 * bounds.upper)
    }
    #expect(try messages(percent).contains("These are the right bounds times 100."))
  }

  @Test("a constant cannot pass", arguments: [0.0, 0.5, 0.9])
  func constants(value: Double) throws {
    #expect(try verdicts { _, _, _ in (value, 1) }.contains { $0 != .passed })
  }
}

@Suite("McNemar statistic grader")
struct McNemarStatisticGraderTests {
  typealias Implementation = ([Bool], [Bool]) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try McNemarStatisticGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  /// b01, b10, both right and both wrong of a pair.
  static func counts(_ a: [Bool], _ b: [Bool]) -> (b01: Int, b10: Int, right: Int, wrong: Int) {
    var c = (b01: 0, b10: 0, right: 0, wrong: 0)
    for (x, y) in zip(a, b) {
      if !x && y { c.b01 += 1 } else if x && !y { c.b10 += 1 } else if x { c.right += 1 } else { c.wrong += 1 }
    }
    return c
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ pairedComparison(a: $0, b: $1).mcNemar.statistic }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the corrections are named")
  func corrections() throws {
    let none = try messages { a, b in
      let c = Self.counts(a, b)
      return Double((c.b01 - c.b10) * (c.b01 - c.b10)) / Double(c.b01 + c.b10)
    }
    #expect(none.contains("This is (b01 − b10)² / (b01 + b10), without the continuity correction."))
    let half = try messages { a, b in
      let c = Self.counts(a, b)
      let d = Double(abs(c.b01 - c.b10)) - 0.5
      return d * d / Double(c.b01 + c.b10)
    }
    #expect(half.contains("This subtracts 0.5 from |b01 − b10|; McNemar's correction subtracts 1."))
  }

  @Test("unpaired counts and wrong denominators are named")
  func unpaired() throws {
    let z2 = try messages { a, b in
      let n = a.count
      let test = twoProportionZTest(
        successes1: b.filter { $0 }.count, trials1: n, successes2: a.filter { $0 }.count, trials2: n)
      return test.statistic * test.statistic
    }
    #expect(z2.contains("This is z² of the two-proportion test, which treats the two accuracies as independent samples."))
    let errors = try messages { a, b in
      let errorsA = a.filter { !$0 }.count
      let errorsB = b.filter { !$0 }.count
      let d = Double(abs(errorsA - errorsB)) - 1
      return d * d / Double(errorsA + errorsB)
    }
    #expect(errors.contains("This divides by the two models' error counts added up, which counts the examples both got wrong twice."))
    let byN = try messages { a, b in
      let c = Self.counts(a, b)
      let d = Double(abs(c.b01 - c.b10)) - 1
      return d * d / Double(a.count)
    }
    #expect(byN.contains("This divides by the number of examples, not by the number of disagreements."))
  }

  @Test("the square root and the p-value are named")
  func outputs() throws {
    #expect(
      try messages { pairedComparison(a: $0, b: $1).mcNemar.statistic.squareRoot() }.contains(
        "This is the square root of the statistic."))
    #expect(
      try messages { pairedComparison(a: $0, b: $1).mcNemar.pValue }.contains(
        "This is the statistic's p-value, not the statistic."))
  }

  @Test("a constant cannot pass", arguments: [0.0, 3.841, 4.355555555555555])
  func constants(value: Double) throws {
    #expect(try verdicts { _, _ in value }.contains { $0 != .passed })
  }
}

@Suite("Paired test-set size grader")
struct PairedTestSetSizeGraderTests {
  typealias Implementation = (Double, Double, Double, Double) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try PairedTestSetSizeGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  /// Connor's formula with the critical values given, rounded by `rule`.
  static func connor(
    zAlpha: @escaping (Double) -> Double = { standardNormalUpperQuantile($0 / 2) },
    zBeta: @escaping (Double) -> Double = { standardNormalQuantile($0) },
    rule: FloatingPointRoundingRule = .up
  ) -> Implementation {
    { d, psi, alpha, power in
      let root = zAlpha(alpha) * psi.squareRoot() + zBeta(power) * (psi - d * d).squareRoot()
      return Int((root * root / (d * d)).rounded(rule))
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ pairedSampleSize(difference: $0, discordantRate: $1, alpha: $2, power: $3) }, seed: seed).allSatisfy { $0 == .passed })
    #expect(try verdicts(Self.connor(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("each named slip is diagnosed")
  func slips() throws {
    #expect(try messages(Self.connor(zAlpha: { standardNormalUpperQuantile($0) })).contains { $0.hasSuffix("this uses the one-sided critical value z_α; the test is two-sided, so it needs z_{α/2}.") })
    #expect(try messages(Self.connor(zBeta: { _ in 0 })).contains { $0.contains("this leaves out the power term (z_β = 0)") })
    #expect(try messages(Self.connor(zBeta: { -standardNormalQuantile($0) })).contains { $0.hasSuffix("z_β has the wrong sign: it is Φ⁻¹(power), positive for a power above 0.5.") })
    #expect(try messages(Self.connor(rule: .down)).contains { $0.hasSuffix("this rounds down; a fraction of an example must be rounded up.") })
    // Rounding to nearest equals rounding down whenever the fraction is
    // below one half; either way the report names a rounding slip.
    #expect(
      try messages(Self.connor(rule: .toNearestOrAwayFromZero)).contains {
        $0.hasSuffix("this rounds to the nearest whole number; round up, or the power falls short.")
          || $0.hasSuffix("this rounds down; a fraction of an example must be rounded up.")
      })
    #expect(
      !(try messages(Self.connor(rule: .toNearestOrAwayFromZero)).contains { $0.hasSuffix("the number of examples differs.") }))
    let simple: Implementation = { d, psi, alpha, power in
      let z = standardNormalUpperQuantile(alpha / 2) + standardNormalQuantile(power)
      return Int((z * z * psi / (d * d)).rounded(.up))
    }
    #expect(try messages(simple).contains { $0.hasSuffix("this is the simpler (z_{α/2} + z_β)²·ψ / δ², without the δ² under the second square root.") })
  }

  @Test("a constant cannot pass", arguments: [979, 1_960, 4_707])
  func constants(value: Int) throws {
    #expect(try verdicts { _, _, _, _ in value }.contains { $0 != .passed })
  }
}
