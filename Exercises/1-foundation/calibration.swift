import Groundwork

/// Expected calibration error (ECE) with `binCount` equal-width bins.
///
/// Bin m (1-based) holds the confidences in ((m−1)/M, m/M]; a confidence of
/// exactly 0 goes to the first bin. Then
/// ECE = Σ_m (|B_m| / n) · |accuracy(B_m) − mean confidence(B_m)|.
func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double {
  fatalError("TODO: compute the expected calibration error")
}
