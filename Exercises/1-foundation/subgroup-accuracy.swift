import Groundwork

/// Accuracy within each subgroup, with the number of examples it rests on.
///
/// `groups[i]` names the subgroup of example i; the rows of one group can be
/// anywhere in the arrays. Every group that occurs gets an entry, even a
/// group with a single example, under its name exactly as given.
func subgroupAccuracies(predictions: [Int], labels: [Int], groups: [String]) -> [String: (count: Int, accuracy: Double)] {
  fatalError("TODO: count each group's examples and correct predictions")
}
