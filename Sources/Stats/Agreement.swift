// Chance-corrected agreement between raters: how far two annotators (or two
// models) agree beyond what their label frequencies alone would produce.
// Both statistics are `(p_o − p_e) / (1 − p_e)`: 1 for perfect agreement, 0
// for agreement at chance level, negative below it.

/// Cohen's κ (Cohen 1960) from a square contingency table of two raters.
///
/// With `n` items and `table[i][j]` the number the first rater put in
/// category `i` and the second in category `j`:
/// `p_o = Σ_i table[i][i] / n`, `p_e = Σ_i (row_i / n) · (column_i / n)`,
/// `κ = (p_o − p_e) / (1 − p_e)`. When `p_e = 1` (both raters used one and
/// the same category throughout) κ is undefined and the result is nan.
///
/// ```swift
/// cohenKappa(table: [[40, 10], [5, 45]])  // 0.70
/// ```
///
/// - Parameter table: a non-empty square table of non-negative counts with a
///   positive total.
public func cohenKappa(table: [[Int]]) -> Double {
  let k = table.count
  precondition(k > 0, "Cohen's kappa needs a non-empty table")
  precondition(table.allSatisfy { $0.count == k }, "Cohen's kappa needs a square table, got \(k) rows")
  precondition(table.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts must be non-negative")
  let n = Double(table.reduce(0) { $0 + $1.reduce(0, +) })
  precondition(n > 0, "Cohen's kappa needs at least one rated item")
  var observed = 0.0
  var expected = 0.0
  for i in 0..<k {
    observed += Double(table[i][i])
    let row = Double(table[i].reduce(0, +))
    let column = Double(table.reduce(0) { $0 + $1[i] })
    expected += row / n * (column / n)
  }
  observed /= n
  if expected == 1 { return .nan }
  return (observed - expected) / (1 - expected)
}

/// Cohen's κ between two raters' labels of the same items (scikit-learn's
/// `cohen_kappa_score` without weights): the table over the sorted union of
/// the labels both used, then `cohenKappa(table:)`.
///
/// - Parameters:
///   - first: the first rater's labels.
///   - second: the second rater's labels; same length, not empty.
public func cohenKappa(_ first: [Int], _ second: [Int]) -> Double {
  cohenKappa(table: ConfusionMatrix(predictions: second, labels: first).counts)
}

/// Fleiss' κ (Fleiss 1971) for many raters: every item rated by the same
/// number `n ≥ 2` of raters into `K` categories.
///
/// `counts[i][j]` is the number of raters who put item `i` in category `j`;
/// each row sums to `n`. With `N` items,
/// `p_j = Σ_i counts[i][j] / (N·n)`,
/// `P_i = (Σ_j counts[i][j]² − n) / (n(n − 1))`,
/// `P̄ = (1/N) Σ_i P_i`, `P̄_e = Σ_j p_j²` and `κ = (P̄ − P̄_e) / (1 − P̄_e)`
/// (statsmodels' `fleiss_kappa(method="fleiss")`). nan when `P̄_e = 1`.
///
/// - Parameter counts: an items × categories table of non-negative counts,
///   every row with the same sum `n ≥ 2`.
public func fleissKappa(counts: [[Int]]) -> Double {
  precondition(!counts.isEmpty, "Fleiss' kappa needs at least one item")
  let categories = counts[0].count
  precondition(categories > 0, "Fleiss' kappa needs at least one category")
  precondition(counts.allSatisfy { $0.count == categories }, "every item needs \(categories) category counts")
  precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "counts must be non-negative")
  let raters = counts[0].reduce(0, +)
  precondition(raters >= 2, "Fleiss' kappa needs at least two raters per item, got \(raters)")
  for (item, row) in counts.enumerated() {
    precondition(row.reduce(0, +) == raters, "item \(item) has \(row.reduce(0, +)) ratings, item 0 has \(raters)")
  }
  let n = Double(raters)
  let items = Double(counts.count)
  var meanAgreement = 0.0
  var columnTotals = [Double](repeating: 0, count: categories)
  for row in counts {
    var squares = 0.0
    for (j, count) in row.enumerated() {
      squares += Double(count * count)
      columnTotals[j] += Double(count)
    }
    meanAgreement += (squares - n) / (n * (n - 1))
  }
  meanAgreement /= items
  let chance = columnTotals.reduce(0) { total, column in
    let share = column / (items * n)
    return total + share * share
  }
  if chance == 1 { return .nan }
  return (meanAgreement - chance) / (1 - chance)
}
