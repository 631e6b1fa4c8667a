/// Murphy's (1973) partition of the Brier score of binary forecasts.
///
/// Forecasts are grouped by their distinct values `f_k` (each group `k`
/// with `n_k` forecasts and observed frequency `ō_k`); `ō` is the overall
/// frequency of the event. Then, exactly,
/// `Brier = reliability − resolution + uncertainty` with
/// - reliability `= (1/n) Σ_k n_k (f_k − ō_k)²` (lower is better),
/// - resolution `= (1/n) Σ_k n_k (ō_k − ō)²` (higher is better),
/// - uncertainty `= ō (1 − ō)` (a property of the data alone).
///
/// The identity is exact only when every forecast in a group is the same
/// number; to decompose continuous forecasts, round them to bin centres
/// first (Stephenson et al. 2008 give the extra within-bin terms otherwise).
public struct BrierDecomposition: Sendable, Equatable {
  /// `(1/n) Σ (f_i − o_i)²`.
  public var brierScore: Double
  /// `(1/n) Σ_k n_k (f_k − ō_k)²`.
  public var reliability: Double
  /// `(1/n) Σ_k n_k (ō_k − ō)²`.
  public var resolution: Double
  /// `ō (1 − ō)`.
  public var uncertainty: Double
  /// The number of distinct forecast values.
  public var groupCount: Int
}

/// Murphy's decomposition of the Brier score of `forecasts` of binary
/// `outcomes`; see `BrierDecomposition`.
///
/// ```swift
/// let parts = brierDecomposition(forecasts: [0.2, 0.2, 0.7], outcomes: [false, true, true])
/// parts.reliability - parts.resolution + parts.uncertainty  // == parts.brierScore
/// ```
///
/// - Parameters:
///   - forecasts: probabilities of the event, in [0, 1].
///   - outcomes: whether the event happened; same length, not empty.
public func brierDecomposition(forecasts: [Double], outcomes: [Bool]) -> BrierDecomposition {
  precondition(!forecasts.isEmpty, "the Brier score of no forecasts is undefined")
  precondition(forecasts.count == outcomes.count, "\(forecasts.count) forecasts but \(outcomes.count) outcomes")
  var groups: [Double: (count: Int, events: Int)] = [:]
  var brierSum = 0.0
  for (forecast, outcome) in zip(forecasts, outcomes) {
    precondition((0...1).contains(forecast), "forecast \(forecast) is outside [0, 1]")
    groups[forecast, default: (0, 0)].count += 1
    if outcome { groups[forecast]!.events += 1 }
    let residual = forecast - (outcome ? 1 : 0)
    brierSum += residual * residual
  }
  let n = Double(forecasts.count)
  let base = Double(outcomes.reduce(0) { $0 + ($1 ? 1 : 0) }) / n
  var reliability = 0.0
  var resolution = 0.0
  // Sorted keys: the sums add their terms in the same order in every run.
  for forecast in groups.keys.sorted() {
    let group = groups[forecast]!
    let frequency = Double(group.events) / Double(group.count)
    reliability += Double(group.count) * (forecast - frequency) * (forecast - frequency)
    resolution += Double(group.count) * (frequency - base) * (frequency - base)
  }
  return BrierDecomposition(
    brierScore: brierSum / n, reliability: reliability / n, resolution: resolution / n,
    uncertainty: base * (1 - base), groupCount: groups.count)
}
