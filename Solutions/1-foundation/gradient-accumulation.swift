import Groundwork

/// The gradient of the mean loss over every example of a batch, computed
/// one micro-batch at a time, as gradient accumulation does when the whole
/// batch does not fit in memory.
///
/// `meanGradient(indices)` runs the forward and backward pass on the
/// examples `indices` and returns the gradient of their mean loss, as
/// `loss.backward()` on a mean-reduced loss does. Call it once per
/// micro-batch, never on the whole batch.
///
/// - Parameters:
///   - microBatches: the batch's example indices, split into micro-batches
///     (the last one may be smaller than the others).
///   - meanGradient: the gradient of the mean loss over some examples.
/// - Returns: the gradient of the mean loss over all examples.
func accumulatedGradient(microBatches: [[Int]], meanGradient: ([Int]) -> [Double]) -> [Double] {
  // BEGIN SOLUTION: weight each micro-batch's mean gradient by its share of the examples
  let total = microBatches.reduce(0) { $0 + $1.count }
  var accumulated: [Double] = []
  for batch in microBatches {
    let gradient = meanGradient(batch)
    if accumulated.isEmpty { accumulated = Array(repeating: 0, count: gradient.count) }
    let share = Double(batch.count) / Double(total)
    for index in gradient.indices {
      accumulated[index] += share * gradient[index]
    }
  }
  return accumulated
  // END SOLUTION
}
