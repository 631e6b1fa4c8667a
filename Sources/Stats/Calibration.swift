/// How the confidence axis is cut into bins for a reliability diagram.
public enum BinningStrategy: String, Sendable, CaseIterable {
  /// `M` bins of equal width: bin `m` (1-based) holds confidences in
  /// `((m−1)/M, m/M]`, and the first bin also holds 0. This is the rule of
  /// Guo et al. 2017 and of scikit-learn's `calibration_curve`.
  case uniform
  /// `M` bins of (roughly) equal mass: the inner edges are the confidences'
  /// quantiles at `1/M … (M−1)/M` (numpy's default interpolation), the outer
  /// edges 0 and 1, with the same inclusion rule as `uniform`.
  case quantile
}

/// One bin of a reliability diagram.
public struct ReliabilityBin: Sendable, Equatable {
  /// The bin's lower edge (excluded, except 0 for the first bin).
  public var lower: Double
  /// The bin's upper edge (included).
  public var upper: Double
  /// How many predictions fell in the bin.
  public var count: Int
  /// The fraction of those predictions that were correct; nil for an empty bin.
  public var accuracy: Double?
  /// Their mean confidence; nil for an empty bin.
  public var confidence: Double?

  /// A bin with its edges, size and (for a non-empty bin) statistics.
  public init(lower: Double, upper: Double, count: Int, accuracy: Double? = nil, confidence: Double? = nil) {
    self.lower = lower
    self.upper = upper
    self.count = count
    self.accuracy = accuracy
    self.confidence = confidence
  }

  /// The bin's calibration gap |accuracy − confidence|; nil for an empty bin.
  public var gap: Double? {
    guard let accuracy, let confidence else { return nil }
    return abs(accuracy - confidence)
  }
}

/// Everything a reliability diagram says about a classifier's confidences.
///
/// For predictions with confidence `c_i` (the probability the model gave to
/// the label it predicted) and correctness `y_i`, split into bins `B_m`:
/// - ECE = Σ_m (|B_m| / n) · |acc(B_m) − conf(B_m)| (Naeini et al. 2015;
///   Guo et al. 2017 report it with 15 uniform bins);
/// - MCE = max over non-empty bins of |acc(B_m) − conf(B_m)|;
/// - Brier score = mean over predictions of (c_i − y_i)², here on the
///   confidence of the predicted label (the "top-label" Brier score).
public struct CalibrationSummary: Sendable, Equatable {
  /// Number of predictions.
  public var count: Int
  /// The binning rule used.
  public var strategy: BinningStrategy
  /// Fraction of predictions that were correct.
  public var accuracy: Double
  /// Mean confidence over all predictions.
  public var meanConfidence: Double
  /// Expected calibration error: the count-weighted mean bin gap.
  public var expectedCalibrationError: Double
  /// Maximum calibration error: the largest gap of a non-empty bin.
  public var maximumCalibrationError: Double
  /// Mean squared difference between confidence and correctness.
  public var brierScore: Double
  /// The bins in order of confidence, empty ones included.
  public var bins: [ReliabilityBin]
}

/// Measures how well confidences match observed accuracy.
///
/// ```swift
/// let summary = calibrationSummary(
///   confidences: [0.9, 0.8, 0.3], correct: [true, false, false], binCount: 15)
/// summary.expectedCalibrationError
/// ```
///
/// - Parameters:
///   - confidences: each prediction's confidence, in [0, 1].
///   - correct: whether each prediction was right; same length, not empty.
///   - binCount: the number of bins `M` (at least 1; 15 is the usual choice).
///   - strategy: equal-width (default) or equal-mass bins.
/// - Returns: the bins and the summary errors.
public func calibrationSummary(
  confidences: [Double],
  correct: [Bool],
  binCount: Int = 15,
  strategy: BinningStrategy = .uniform
) -> CalibrationSummary {
  precondition(!confidences.isEmpty, "calibration needs at least one prediction")
  precondition(
    confidences.count == correct.count,
    "\(confidences.count) confidences but \(correct.count) correctness values")
  precondition(binCount >= 1, "binCount must be at least 1, got \(binCount)")

  // One pass gathers everything: per-bin counts and sums, and the totals
  // for accuracy, mean confidence and Brier score, each summed in the same
  // order as separate loops would, so the results are the same to the bit.
  let upperEdges = binUpperEdges(confidences: confidences, binCount: binCount, strategy: strategy)
  var counts = [Int](repeating: 0, count: binCount)
  var correctCounts = [Int](repeating: 0, count: binCount)
  var confidenceSums = [Double](repeating: 0, count: binCount)
  var brierSum = 0.0
  var confidenceTotal = 0.0
  var correctTotal = 0
  confidences.withUnsafeBufferPointer { confidences in
    correct.withUnsafeBufferPointer { correct in
      for index in 0..<confidences.count {
        let confidence = confidences[index]
        precondition(
          confidence >= 0 && confidence <= 1, "confidence \(confidence) at index \(index) is outside [0, 1]")
        let isCorrect = correct[index]
        let bin =
          strategy == .uniform
          ? equalWidthBinIndex(of: confidence, upperEdges: upperEdges)
          : binIndex(of: confidence, upperEdges: upperEdges)
        counts[bin] += 1
        confidenceSums[bin] += confidence
        let hit = isCorrect ? 1 : 0
        correctCounts[bin] += hit
        correctTotal += hit
        confidenceTotal += confidence
        let residual = confidence - Double(hit)
        brierSum += residual * residual
      }
    }
  }

  let n = Double(confidences.count)
  var bins: [ReliabilityBin] = []
  var ece = 0.0
  var mce = 0.0
  for m in 0..<binCount {
    let lower = m == 0 ? 0 : upperEdges[m - 1]
    var bin = ReliabilityBin(lower: lower, upper: upperEdges[m], count: counts[m])
    if counts[m] > 0 {
      let accuracy = Double(correctCounts[m]) / Double(counts[m])
      let confidence = confidenceSums[m] / Double(counts[m])
      bin.accuracy = accuracy
      bin.confidence = confidence
      let gap = abs(accuracy - confidence)
      ece += Double(counts[m]) / n * gap
      mce = max(mce, gap)
    }
    bins.append(bin)
  }

  return CalibrationSummary(
    count: confidences.count,
    strategy: strategy,
    accuracy: Double(correctTotal) / n,
    meanConfidence: confidenceTotal / n,
    expectedCalibrationError: ece,
    maximumCalibrationError: mce,
    brierScore: brierSum / n,
    bins: bins)
}

/// Expected calibration error: the count-weighted mean of |accuracy − mean
/// confidence| over the bins of `calibrationSummary`.
public func expectedCalibrationError(
  confidences: [Double],
  correct: [Bool],
  binCount: Int = 15,
  strategy: BinningStrategy = .uniform
) -> Double {
  calibrationSummary(
    confidences: confidences, correct: correct, binCount: binCount, strategy: strategy
  ).expectedCalibrationError
}

/// The index (0-based) of the equal-width bin that holds `confidence`: the
/// first `m` with `confidence ≤ (m+1)/M`, so a value on an edge goes to the
/// bin below it and 0 to the first bin.
///
/// Edges are compared as the doubles `Double(m) / Double(M)`, not through
/// `ceil(confidence · M)`, whose rounding can push an edge value like
/// 0.3 · 10 one bin up.
public func uniformBinIndex(of confidence: Double, binCount: Int) -> Int {
  binIndex(of: confidence, upperEdges: uniformUpperEdges(binCount: binCount))
}

/// The upper edges `1/M, 2/M, …, 1` of `M` equal-width bins.
public func uniformUpperEdges(binCount: Int) -> [Double] {
  (1...binCount).map { Double($0) / Double(binCount) }
}

/// The upper edges of the bins under `strategy`; the last is always 1.
func binUpperEdges(confidences: [Double], binCount: Int, strategy: BinningStrategy) -> [Double] {
  switch strategy {
  case .uniform:
    return uniformUpperEdges(binCount: binCount)
  case .quantile:
    let sorted = confidences.sorted()
    var edges = (1..<binCount).map { quantileOfSorted(sorted, Double($0) / Double(binCount)) }
    edges.append(1)
    return edges
  }
}

/// The first bin whose upper edge is at least `value` (binary search over
/// non-decreasing edges; repeated quantile edges leave the later bins empty).
func binIndex(of value: Double, upperEdges: [Double]) -> Int {
  var low = 0
  var high = upperEdges.count - 1
  while low < high {
    let middle = (low + high) / 2
    if value <= upperEdges[middle] { high = middle } else { low = middle + 1 }
  }
  return low
}

/// `binIndex(of:upperEdges:)` for the equal-width edges `m/M`, without the
/// binary search: a guess from `⌊value · M⌋`, then moved while the stored
/// edges say it is off (rounding of `value · M` can put it one bin either
/// way), so the edge comparisons, and the result, are the same.
func equalWidthBinIndex(of value: Double, upperEdges: [Double]) -> Int {
  let last = upperEdges.count - 1
  var bin = min(last, max(0, Int(value * Double(upperEdges.count))))
  while bin > 0 && value <= upperEdges[bin - 1] { bin -= 1 }
  while bin < last && value > upperEdges[bin] { bin += 1 }
  return bin
}
