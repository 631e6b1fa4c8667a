// Temporal evaluation: split by time with a gap, and features that use only
// what was known at each row's time.

/// The rows of a temporal split with an embargo.
public struct TemporalSplit: Sendable, Equatable {
  /// Indices of the training rows, ascending: time < cutoff − embargo.
  public var train: [Int]
  /// Indices of the test rows, ascending: time ≥ cutoff.
  public var test: [Int]
}

/// Splits rows by time: train on `t < cutoff − embargo`, test on
/// `t ≥ cutoff`, and use neither for the rows in between.
///
/// The embargo keeps out of training the rows whose labels are not yet
/// known at the cutoff, or whose features overlap the test period (a 30-day
/// churn label on a row from 10 days before the cutoff is decided by what
/// happens after it). The rows may be in any order; the indices refer to
/// their positions.
///
/// ```swift
/// temporalSplit(timestamps: [5, 1, 9, 7, 3], cutoff: 7, embargo: 2)
/// // train [1, 4] (times 1 and 3), test [2, 3] (times 9 and 7)
/// ```
///
/// - Parameters:
///   - timestamps: each row's time, finite.
///   - cutoff: the first time of the test period.
///   - embargo: the gap before the cutoff, `≥ 0`.
public func temporalSplit(timestamps: [Double], cutoff: Double, embargo: Double) -> TemporalSplit {
  precondition(embargo >= 0, "the embargo must be at least 0, got \(embargo)")
  let trainEnd = cutoff - embargo
  return TemporalSplit(
    train: timestamps.indices.filter { timestamps[$0] < trainEnd },
    test: timestamps.indices.filter { timestamps[$0] >= cutoff })
}

/// A point-in-time feature: for each row, the mean of `values` over the last
/// `window` rows of the same entity whose time is strictly earlier than the
/// row's own; nil when the entity has no earlier row.
///
/// "Strictly earlier" keeps out the row itself (its value is usually the
/// label) and other rows recorded at the same moment, which in production
/// arrive together and are not known before it. Rows may be in any order,
/// and the entity's rows are taken in time order, not in array order. The
/// feature passes the future-perturbation test: changing any value at or
/// after a time t changes no feature of a row at or before t.
///
/// - Parameters:
///   - entities: each row's entity (a customer, a card, a machine).
///   - times: each row's time.
///   - values: the value being averaged, often the label.
///   - window: how many earlier rows to average, `≥ 1`.
public func trailingMeans(entities: [String], times: [Double], values: [Double], window: Int) -> [Double?] {
  precondition(window >= 1, "the window must be at least 1, got \(window)")
  precondition(
    entities.count == times.count && times.count == values.count,
    "\(entities.count) entities, \(times.count) times and \(values.count) values")
  var rowsByEntity: [String: [Int]] = [:]
  for row in entities.indices { rowsByEntity[entities[row], default: []].append(row) }
  var features = [Double?](repeating: nil, count: values.count)
  for rows in rowsByEntity.values {
    let ordered = rows.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
    var position = 0
    for row in ordered {
      // Earlier rows of the entity are exactly ordered[0..<firstAtTime].
      while position < ordered.count && times[ordered[position]] < times[row] { position += 1 }
      let earlier = ordered[max(0, position - window)..<position]
      if !earlier.isEmpty {
        features[row] = earlier.reduce(0) { $0 + values[$1] } / Double(earlier.count)
      }
    }
  }
  return features
}

/// The future-perturbation test for a feature: the rows whose feature
/// changes when only values at or after their own time change.
///
/// For each time `t` in `probeTimes`, every value of a row with time ≥ t is
/// replaced by `perturb(value)`, the feature is recomputed, and every row
/// with time ≤ t whose feature is not bit-identical to the original is
/// reported. A point-in-time-correct feature reports nothing, however it is
/// computed; a centred rolling mean, or a mean that includes the row's own
/// value, is caught at once, even when the train/test split is temporal.
///
/// - Parameters:
///   - times: each row's time.
///   - values: the values the feature may read.
///   - probeTimes: the times at which to cut.
///   - perturb: how to change a value (e.g. `{ 1 - $0 }` for 0/1 labels).
///   - feature: the feature under test, from the values to one output per row.
/// - Returns: the rows that read the future, ascending.
public func rowsReadingTheFuture(
  times: [Double], values: [Double], probeTimes: [Double], perturb: (Double) -> Double,
  feature: ([Double]) -> [Double?]
) -> [Int] {
  let original = feature(values)
  var leaking = Set<Int>()
  for cut in probeTimes {
    let changed = values.indices.map { times[$0] >= cut ? perturb(values[$0]) : values[$0] }
    let recomputed = feature(changed)
    for row in times.indices where times[row] <= cut && !sameBits(original[row], recomputed[row]) {
      leaking.insert(row)
    }
  }
  return leaking.sorted()
}

/// Whether two optional doubles are the same, bit for bit.
private func sameBits(_ a: Double?, _ b: Double?) -> Bool {
  switch (a, b) {
  case (nil, nil): return true
  case (let x?, let y?): return x.bitPattern == y.bitPattern
  default: return false
  }
}
