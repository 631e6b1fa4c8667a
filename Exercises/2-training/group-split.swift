import Groundwork

/// Splits rows into a training and a test set by group, so that no group
/// (a patient, a user, a device) has rows on both sides. Returns, for each
/// row, whether it goes to the test set.
///
/// The test set should hold about `testFraction` of the rows: within the
/// size of the largest group of `testFraction · rows.count`, and both sides
/// must be non-empty. Groups are taken in a pseudo-random order fixed by
/// their ids, so the split does not follow the order the rows came in.
func groupSplit(groups: [Int], testFraction: Double) -> [Bool] {
  fatalError("TODO: send whole groups to the test set until it holds testFraction of the rows")
}
