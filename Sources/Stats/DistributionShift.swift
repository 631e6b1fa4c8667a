import RealModule

/// The two-sample Kolmogorov–Smirnov test.
public struct KolmogorovSmirnovTest: Sendable, Equatable {
  /// `D = sup_x |F_ref(x) − F_cur(x)|` over the two empirical CDFs.
  public var statistic: Double
  /// The asymptotic p-value `P(D_n ≥ D)` at the effective sample size.
  public var pValue: Double
  /// `n = round(m·k / (m + k))` for samples of sizes `m` and `k` (rounded
  /// half to even), the sample size whose one-sample distribution the
  /// p-value uses.
  public var effectiveSampleSize: Int
}

/// The two-sample Kolmogorov–Smirnov test of whether `reference` and
/// `current` come from the same continuous distribution.
///
/// `D` is the largest gap between the empirical CDFs, evaluated after all
/// values equal to each data point (ties are stepped over together). The
/// p-value is the asymptotic one of scipy's `ks_2samp(method="asymp")`:
/// the one-sample Kolmogorov distribution `P(D_n ≥ D)` at
/// `n = round(m·k / (m + k))`, from `kolmogorovSmirnovSurvival`.
///
/// - Parameters:
///   - reference: the first sample, not empty, finite values.
///   - current: the second sample, not empty, finite values.
public func kolmogorovSmirnovTwoSample(reference: [Double], current: [Double]) -> KolmogorovSmirnovTest {
  precondition(!reference.isEmpty && !current.isEmpty, "both samples must be non-empty")
  let first = reference.sorted()
  let second = current.sorted()
  let m = Double(first.count)
  let k = Double(second.count)
  var i = 0
  var j = 0
  var statistic = 0.0
  while i < first.count && j < second.count {
    let value = min(first[i], second[j])
    while i < first.count && first[i] == value { i += 1 }
    while j < second.count && second[j] == value { j += 1 }
    statistic = max(statistic, abs(Double(i) / m - Double(j) / k))
  }
  let effective = Int((m * k / (m + k)).rounded(.toNearestOrEven))
  let pValue = effective >= 1 ? kolmogorovSmirnovSurvival(statistic, sampleSize: effective) : 1
  return KolmogorovSmirnovTest(statistic: statistic, pValue: pValue, effectiveSampleSize: effective)
}

/// The population stability index between a reference sample and a current
/// one, and the bins it was computed on.
public struct PopulationStabilityIndex: Sendable, Equatable {
  /// `Σ_i (p_cur,i − p_ref,i) · ln(p_cur,i / p_ref,i)`: 0 for identical bin
  /// proportions; a common rule of thumb reads < 0.1 as stable, 0.1–0.25 as
  /// a moderate shift and > 0.25 as a major one.
  public var value: Double
  /// The `B − 1` inner bin edges (the reference's quantiles).
  public var edges: [Double]
  /// How many reference values fell in each of the `B` bins.
  public var referenceCounts: [Int]
  /// How many current values fell in each of the `B` bins.
  public var currentCounts: [Int]
}

/// The population stability index (PSI) of `current` against `reference`
/// over `binCount` bins cut at the reference's quantiles.
///
/// The inner edges `e_1 … e_{B−1}` are the reference's quantiles at
/// `1/B … (B−1)/B` (numpy's default linear interpolation, see
/// `quantileOfSorted`); bin `i` holds `e_{i−1} < x ≤ e_i` and the outer bins
/// are open. Each bin's proportion in each sample is taken, a proportion of
/// 0 becomes 10⁻⁴, and `PSI = Σ (p_cur − p_ref) · ln(p_cur / p_ref)`
/// (Yurdakul 2018 describes the statistic and its usual thresholds).
///
/// - Parameters:
///   - reference: the reference sample, not empty, finite values.
///   - current: the current sample, not empty, finite values.
///   - binCount: `B ≥ 1`; 10 is usual.
public func populationStabilityIndex(
  reference: [Double],
  current: [Double],
  binCount: Int = 10
) -> PopulationStabilityIndex {
  precondition(!reference.isEmpty && !current.isEmpty, "both samples must be non-empty")
  precondition(binCount >= 1, "binCount must be at least 1, got \(binCount)")
  let sortedReference = reference.sorted()
  let edges = (1..<binCount).map { quantileOfSorted(sortedReference, Double($0) / Double(binCount)) }
  let upperEdges = edges + [.infinity]
  func counts(_ sample: [Double]) -> [Int] {
    var counts = [Int](repeating: 0, count: binCount)
    for value in sample { counts[binIndex(of: value, upperEdges: upperEdges)] += 1 }
    return counts
  }
  let referenceCounts = counts(reference)
  let currentCounts = counts(current)
  var value = 0.0
  for bin in 0..<binCount {
    let pReference = proportionWithFloor(referenceCounts[bin], of: reference.count)
    let pCurrent = proportionWithFloor(currentCounts[bin], of: current.count)
    value += (pCurrent - pReference) * Double.log(pCurrent / pReference)
  }
  return PopulationStabilityIndex(
    value: value, edges: edges, referenceCounts: referenceCounts, currentCounts: currentCounts)
}

/// `count / total`, with 0 replaced by 10⁻⁴ so that the PSI's logarithm is
/// defined.
private func proportionWithFloor(_ count: Int, of total: Int) -> Double {
  count == 0 ? 1e-4 : Double(count) / Double(total)
}
