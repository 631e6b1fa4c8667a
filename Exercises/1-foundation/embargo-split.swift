import Groundwork

/// A temporal split with an embargo: the indices of the training rows,
/// those with time < cutoff − embargo, and of the test rows, those with
/// time ≥ cutoff, each list in increasing order. Rows in between belong to
/// neither. The rows are in no particular order.
func temporalSplit(timestamps: [Double], cutoff: Double, embargo: Double) -> (train: [Int], test: [Int]) {
  fatalError("TODO: put each row in train, test or neither by its own time")
}
