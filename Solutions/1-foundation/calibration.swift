import Groundwork

/// Expected calibration error (ECE) with `binCount` equal-width bins.
///
/// Bin m (1-based) holds the confidences in ((m−1)/M, m/M]; a confidence of
/// exactly 0 goes to the first bin. Then
/// ECE = Σ_m (|B_m| / n) · |accuracy(B_m) − mean confidence(B_m)|.
func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double {
  // BEGIN SOLUTION: compute the expected calibration error
  var counts = [Int](repeating: 0, count: binCount)
  var hits = [Int](repeating: 0, count: binCount)
  var confidenceSums = [Double](repeating: 0, count: binCount)

  for (confidence, isCorrect) in zip(confidences, correct) {
    // The first m with confidence ≤ (m+1)/M. Comparing with the edges
    // themselves, rather than computing ceil(confidence · M), keeps a value
    // that is exactly on an edge in the bin below it.
    var bin = 0
    while bin < binCount - 1 && confidence > Double(bin + 1) / Double(binCount) {
      bin += 1
    }
    counts[bin] += 1
    confidenceSums[bin] += confidence
    if isCorrect { hits[bin] += 1 }
  }

  let n = Double(confidences.count)
  var ece = 0.0
  for bin in 0..<binCount where counts[bin] > 0 {
    let size = Double(counts[bin])
    let accuracy = Double(hits[bin]) / size
    let meanConfidence = confidenceSums[bin] / size
    ece += size / n * abs(accuracy - meanConfidence)
  }
  return ece
  // END SOLUTION
}
