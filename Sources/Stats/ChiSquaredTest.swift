/// The result of a Pearson χ² test.
public struct ChiSquaredTest: Sendable, Equatable {
  /// `Σ (O − E)² / E` over the cells.
  public var statistic: Double
  /// The degrees of freedom.
  public var degreesOfFreedom: Int
  /// `P(χ²_df > statistic)`.
  public var pValue: Double
}

/// Pearson's (1900) χ² goodness-of-fit test of observed category counts
/// against expected proportions (scipy's `stats.chisquare(observed,
/// expected)` with the expected counts `n · p_j`): `Σ_j (O_j − E_j)² / E_j`
/// on `K − 1` degrees of freedom.
///
/// - Parameters:
///   - observed: the count of each of `K ≥ 2` categories.
///   - expectedProportions: the null hypothesis' probabilities, all positive;
///     rescaled to sum to 1.
public func chiSquaredGoodnessOfFit(observed: [Int], expectedProportions: [Double]) -> ChiSquaredTest {
  precondition(observed.count >= 2, "a χ² test needs at least two categories")
  precondition(observed.count == expectedProportions.count, "\(observed.count) counts but \(expectedProportions.count) proportions")
  precondition(observed.allSatisfy { $0 >= 0 }, "counts must be non-negative")
  precondition(expectedProportions.allSatisfy { $0 > 0 }, "expected proportions must be positive")
  let n = Double(observed.reduce(0, +))
  precondition(n > 0, "a χ² test needs at least one observation")
  let total = expectedProportions.reduce(0, +)
  var statistic = 0.0
  for (count, proportion) in zip(observed, expectedProportions) {
    let expected = n * proportion / total
    statistic += (Double(count) - expected) * (Double(count) - expected) / expected
  }
  let df = observed.count - 1
  return ChiSquaredTest(
    statistic: statistic, degreesOfFreedom: df, pValue: chiSquaredSurvival(statistic, degreesOfFreedom: Double(df)))
}

/// Pearson's χ² test of homogeneity between the category counts of a
/// reference sample and a current one: whether a categorical feature (or
/// the predicted labels) kept its distribution.
///
/// The two count vectors form a 2 × K table; expected counts are
/// `row total · column total / n`; the statistic `Σ (O − E)² / E` has
/// `K' − 1` degrees of freedom, where `K'` counts the categories seen in
/// at least one sample (an all-zero column carries no information and is
/// dropped). No continuity correction is applied: scipy's
/// `stats.chi2_contingency([reference, current], correction=False)`.
///
/// - Parameters:
///   - reference: counts per category in the reference sample.
///   - current: counts per category in the current sample, same categories
///     in the same order; each sample has at least one count and together
///     they cover at least two categories.
public func chiSquaredHomogeneity(reference: [Int], current: [Int]) -> ChiSquaredTest {
  precondition(reference.count == current.count, "\(reference.count) reference categories but \(current.count) current")
  precondition(
    reference.allSatisfy { $0 >= 0 } && current.allSatisfy { $0 >= 0 }, "counts must be non-negative")
  let referenceTotal = Double(reference.reduce(0, +))
  let currentTotal = Double(current.reduce(0, +))
  precondition(referenceTotal > 0 && currentTotal > 0, "both samples need at least one count")
  let n = referenceTotal + currentTotal
  var statistic = 0.0
  var categories = 0
  for (r, c) in zip(reference, current) where r + c > 0 {
    categories += 1
    let column = Double(r + c)
    for (observed, rowTotal) in [(Double(r), referenceTotal), (Double(c), currentTotal)] {
      let expected = rowTotal * column / n
      statistic += (observed - expected) * (observed - expected) / expected
    }
  }
  precondition(categories >= 2, "a χ² test of homogeneity needs at least two categories with counts")
  let df = categories - 1
  return ChiSquaredTest(
    statistic: statistic, degreesOfFreedom: df, pValue: chiSquaredSurvival(statistic, degreesOfFreedom: Double(df)))
}
