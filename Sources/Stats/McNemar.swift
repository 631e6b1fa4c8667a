/// McNemar's test for two classifiers scored on the same items.
///
/// Only the discordant items matter: `b01` (the first model wrong, the second
/// right) and `b10` (the reverse). Under the null hypothesis that both
/// models have the same error rate, each discordant item is equally likely to
/// fall either way (McNemar 1947; Dietterich 1998 recommends the test for
/// comparing classifiers on one test set).
public struct McNemarTest: Sendable, Equatable {
  /// Items the first model got wrong and the second got right.
  public var b01: Int
  /// Items the first model got right and the second got wrong.
  public var b10: Int
  /// The continuity-corrected statistic `(|b01 − b10| − 1)² / (b01 + b10)`,
  /// taken as written (no truncation at 0); 0 when there are no discordant
  /// items.
  public var statistic: Double
  /// `P(χ²₁ > statistic)`, the asymptotic p-value.
  public var pValue: Double
  /// The exact two-sided binomial p-value:
  /// `min(1, 2 · P(X ≤ min(b01, b10)))` for `X ~ Binomial(b01 + b10, ½)`.
  public var exactPValue: Double
}

/// McNemar's test from the two discordant counts; see `McNemarTest`.
///
/// Matches statsmodels' `mcnemar(table, exact=False, correction=True)` for
/// `statistic` and `pValue`, and `mcnemar(table, exact=True)` for
/// `exactPValue`.
public func mcNemarTest(b01: Int, b10: Int) -> McNemarTest {
  precondition(b01 >= 0 && b10 >= 0, "discordant counts must be non-negative, got \(b01) and \(b10)")
  let discordant = b01 + b10
  var statistic = 0.0
  if discordant > 0 {
    let excess = Double(abs(b01 - b10)) - 1
    statistic = excess * excess / Double(discordant)
  }
  let tail = binomialLowerTail(successes: min(b01, b10), trials: discordant, probability: 0.5)
  return McNemarTest(
    b01: b01, b10: b10, statistic: statistic, pValue: chiSquaredOneDegreeSurvival(statistic),
    exactPValue: min(1, 2 * tail))
}

/// Two models' correctness on the same items, and McNemar's test of the
/// difference.
public struct PairedComparison: Sendable, Equatable {
  /// Number of items.
  public var count: Int
  /// Fraction of items the first model got right.
  public var accuracyA: Double
  /// Fraction of items the second model got right.
  public var accuracyB: Double
  /// `accuracyB − accuracyA`.
  public var difference: Double
  /// McNemar's test on the discordant items.
  public var mcNemar: McNemarTest
}

/// Compares two models scored on the same items: their accuracies and
/// McNemar's test (see `McNemarTest`).
///
/// - Parameters:
///   - a: whether the first model got each item right.
///   - b: whether the second model got each item right; same length, not
///     empty.
public func pairedComparison(a: [Bool], b: [Bool]) -> PairedComparison {
  precondition(!a.isEmpty, "a comparison needs at least one item")
  precondition(a.count == b.count, "\(a.count) results for a but \(b.count) for b")
  var correctA = 0
  var correctB = 0
  var b01 = 0
  var b10 = 0
  for (rightA, rightB) in zip(a, b) {
    if rightA { correctA += 1 }
    if rightB { correctB += 1 }
    if !rightA && rightB { b01 += 1 }
    if rightA && !rightB { b10 += 1 }
  }
  let n = Double(a.count)
  let accuracyA = Double(correctA) / n
  let accuracyB = Double(correctB) / n
  return PairedComparison(
    count: a.count, accuracyA: accuracyA, accuracyB: accuracyB, difference: accuracyB - accuracyA,
    mcNemar: mcNemarTest(b01: b01, b10: b10))
}
