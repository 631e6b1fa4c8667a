/// A paired bootstrap of the difference between two models' metrics on the
/// same items.
public struct PairedBootstrap: Sendable, Equatable {
  /// The observed difference on all items.
  public var difference: Double
  /// The lower percentile bound of the difference.
  public var lower: Double
  /// The upper percentile bound of the difference.
  public var upper: Double
  /// The two-sided bootstrap p-value `min(1, 2 · min(#{δ*_b ≤ 0}, #{δ*_b ≥ 0}) / B)`:
  /// about the smallest `α` at which the level-`1 − α` percentile interval
  /// leaves out 0.
  public var pValue: Double
  /// The confidence level `1 − α`.
  public var level: Double
  /// The number of resamples `B`.
  public var resamples: Int
}

/// The paired bootstrap for a difference of metrics (Efron and Tibshirani
/// 1993, §10; Koehn 2004 and Berg-Kirkpatrick et al. 2012 use it to compare
/// systems): items are resampled with replacement, both models are scored
/// on the same resample, and the percentile interval of the differences is
/// reported. Pairing keeps the correlation between the models' errors,
/// which makes the interval much narrower than two separate ones.
///
/// Indices are drawn exactly as in `bootstrapInterval`: `n` per resample
/// from the resample's own stream, keyed by `(seed, b)`.
///
/// ```swift
/// let result = pairedBootstrap(itemCount: n, seed: 1) { items in
///   accuracy(of: modelB, on: items) - accuracy(of: modelA, on: items)
/// }
/// ```
///
/// - Parameters:
///   - itemCount: the number of items `n ≥ 1`.
///   - resamples: `B ≥ 1`; 2000 by default.
///   - level: the confidence level, in (0, 1); 0.95 by default.
///   - seed: the seed of the resample streams; 0 by default.
///   - difference: the metric of the second model minus that of the first,
///     on the items at the given indices (repeats included).
public func pairedBootstrap(
  itemCount: Int,
  resamples: Int = 2000,
  level: Double = 0.95,
  seed: UInt64 = 0,
  difference: ([Int]) -> Double
) -> PairedBootstrap {
  precondition(itemCount >= 1, "a paired bootstrap needs at least one item")
  precondition(resamples >= 1, "resamples must be at least 1, got \(resamples)")
  precondition(level > 0 && level < 1, "level \(level) is outside (0, 1)")
  let observed = difference(Array(0..<itemCount))
  var indices = [Int](repeating: 0, count: itemCount)
  var replicates = [Double](repeating: 0, count: resamples)
  for b in 0..<resamples {
    var stream = ResampleStream(seed: seed, resample: b, count: itemCount)
    for i in 0..<itemCount { indices[i] = stream.next() }
    replicates[b] = difference(indices)
  }
  let notAbove = replicates.reduce(0) { $0 + ($1 <= 0 ? 1 : 0) }
  let notBelow = replicates.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
  let sorted = replicates.sorted()
  let alpha = 1 - level
  return PairedBootstrap(
    difference: observed, lower: quantileOfSorted(sorted, alpha / 2), upper: quantileOfSorted(sorted, 1 - alpha / 2),
    pValue: min(1, 2 * Double(min(notAbove, notBelow)) / Double(resamples)), level: level, resamples: resamples)
}

/// The paired bootstrap of an accuracy difference: `accuracy(B) − accuracy(A)`
/// over resampled items; see `pairedBootstrap(itemCount:resamples:level:seed:difference:)`.
///
/// - Parameters:
///   - correctA: whether the first model got each item right.
///   - correctB: whether the second got it right; same length, not empty.
public func pairedBootstrap(
  correctA: [Bool], correctB: [Bool], resamples: Int = 2000, level: Double = 0.95, seed: UInt64 = 0
) -> PairedBootstrap {
  precondition(correctA.count == correctB.count, "\(correctA.count) results for A but \(correctB.count) for B")
  let gains = zip(correctA, correctB).map { Double(($0.1 ? 1 : 0) - ($0.0 ? 1 : 0)) }
  return pairedBootstrap(itemCount: gains.count, resamples: resamples, level: level, seed: seed) { items in
    items.reduce(0) { $0 + gains[$1] } / Double(items.count)
  }
}
