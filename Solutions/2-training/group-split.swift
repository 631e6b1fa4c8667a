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
  // BEGIN SOLUTION: send whole groups to the test set until it holds testFraction of the rows
  var sizes: [Int: Int] = [:]
  for group in groups { sizes[group, default: 0] += 1 }
  // A hash of the id orders the groups: stable from run to run, unrelated
  // to when a group's rows were recorded.
  func order(_ group: Int) -> UInt64 {
    var rng = SplitMix64(seed: UInt64(bitPattern: Int64(group)))
    return rng.next()
  }
  let target = testFraction * Double(groups.count)
  var testGroups: Set<Int> = []
  var testRows = 0
  for group in sizes.keys.sorted(by: { order($0) < order($1) }) where Double(testRows) < target {
    testGroups.insert(group)
    testRows += sizes[group] ?? 0
  }
  return groups.map { testGroups.contains($0) }
  // END SOLUTION
}
