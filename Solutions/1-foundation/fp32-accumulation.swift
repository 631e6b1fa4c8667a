import Groundwork

/// The mean of per-example losses stored in Float16, as mixed-precision
/// training computes it: every loss is widened to Float, the sum is kept in
/// Float, and the result is rounded to Float16 once, at the end.
///
/// A Float16 running sum would overflow past 65504 or stop growing long
/// before that (above 2048 its spacing is 2), which is why autocast runs
/// sums, means and losses in FP32.
func meanLoss(_ losses: [Float16]) -> Float16 {
  // BEGIN SOLUTION: accumulate in Float and round once
  var sum: Float = 0
  for loss in losses {
    sum += Float(loss)
  }
  return Float16(sum / Float(losses.count))
  // END SOLUTION
}
