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
  fatalError("TODO: weight each micro-batch's mean gradient by its share of the examples")
}
