// Variants of the expected calibration error that fix the two weaknesses of
// equal-width bins: most predictions of a good model crowd into the top bin
// (adaptive ECE spreads them evenly), and top-label confidence ignores every
// class but the predicted one (classwise ECE looks at all of them).

/// The adaptive (equal-mass) expected calibration error: predictions sorted
/// by confidence and cut into `M` consecutive groups of (almost) equal size,
/// then `Σ_m (|B_m| / n) · |acc(B_m) − conf(B_m)|`.
///
/// Group sizes follow `numpy.array_split`: with `n = qM + r`, the first `r`
/// groups hold `q + 1` predictions and the rest `q`; groups that would be
/// empty (`n < M`) are dropped. Ties in confidence are ordered by position
/// in the input, so equal confidences may fall in neighbouring groups.
/// This is the "adaptive ECE" of Nguyen and O'Connor (2015) and Mukhoti et
/// al. (2020); Nixon et al. (2019) call the top-label form of their ACE the
/// same thing.
///
/// - Parameters:
///   - confidences: each prediction's confidence, in [0, 1].
///   - correct: whether each prediction was right; same length, not empty.
///   - binCount: `M ≥ 1`; 15 by default.
public func adaptiveCalibrationError(confidences: [Double], correct: [Bool], binCount: Int = 15) -> Double {
  precondition(!confidences.isEmpty, "calibration needs at least one prediction")
  precondition(
    confidences.count == correct.count,
    "\(confidences.count) confidences but \(correct.count) correctness values")
  precondition(binCount >= 1, "binCount must be at least 1, got \(binCount)")
  let order = confidences.indices.sorted {
    confidences[$0] < confidences[$1] || (confidences[$0] == confidences[$1] && $0 < $1)
  }
  let n = confidences.count
  let base = n / binCount
  let extra = n % binCount
  var error = 0.0
  var start = 0
  for bin in 0..<binCount {
    let size = base + (bin < extra ? 1 : 0)
    if size == 0 { continue }
    var confidenceSum = 0.0
    var correctCount = 0
    for position in start..<(start + size) {
      confidenceSum += confidences[order[position]]
      if correct[order[position]] { correctCount += 1 }
    }
    error += abs(Double(correctCount) - confidenceSum) / Double(n)
    start += size
  }
  return error
}

/// The classwise expected calibration error (Kull et al. 2019): the ECE of
/// every class's predicted probability against the indicator of that
/// class, averaged over classes,
/// `(1/K) Σ_k Σ_m (|B_km| / n) · |mean_{B_km}[y = k] − mean_{B_km} p_k|`,
/// where `B_km` holds the examples whose probability for class `k` falls in
/// equal-width bin `m` (the bins and edge rule of `BinningStrategy.uniform`).
///
/// - Parameters:
///   - probabilities: one row of `K ≥ 2` class probabilities per example.
///   - labels: class indices in `0..<K`; same count, not empty.
///   - binCount: `M ≥ 1`; 15 by default.
public func classwiseCalibrationError(probabilities: [[Double]], labels: [Int], binCount: Int = 15) -> Double {
  precondition(!labels.isEmpty, "calibration needs at least one prediction")
  precondition(probabilities.count == labels.count, "\(probabilities.count) rows but \(labels.count) labels")
  precondition(binCount >= 1, "binCount must be at least 1, got \(binCount)")
  let classes = probabilities[0].count
  precondition(probabilities.allSatisfy { $0.count == classes }, "every row needs \(classes) probabilities")
  let upperEdges = uniformUpperEdges(binCount: binCount)
  var total = 0.0
  for k in 0..<classes {
    var counts = [Int](repeating: 0, count: binCount)
    var hits = [Int](repeating: 0, count: binCount)
    var sums = [Double](repeating: 0, count: binCount)
    for (row, label) in zip(probabilities, labels) {
      precondition((0...1).contains(row[k]), "probability \(row[k]) is outside [0, 1]")
      let bin = binIndex(of: row[k], upperEdges: upperEdges)
      counts[bin] += 1
      sums[bin] += row[k]
      if label == k { hits[bin] += 1 }
    }
    for m in 0..<binCount where counts[m] > 0 {
      total += abs(Double(hits[m]) - sums[m]) / Double(labels.count)
    }
  }
  return total / Double(classes)
}
