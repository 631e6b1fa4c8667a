import Groundwork

/// Accuracy within each subgroup, with the number of examples it rests on.
///
/// `groups[i]` names the subgroup of example i; the rows of one group can be
/// anywhere in the arrays. Every group that occurs gets an entry, even a
/// group with a single example, under its name exactly as given.
func subgroupAccuracies(predictions: [Int], labels: [Int], groups: [String]) -> [String: (count: Int, accuracy: Double)] {
  // BEGIN SOLUTION: count each group's examples and correct predictions
  var totals: [String: (count: Int, correct: Int)] = [:]
  for index in groups.indices {
    let group = groups[index]
    totals[group, default: (count: 0, correct: 0)].count += 1
    if predictions[index] == labels[index] {
      totals[group]!.correct += 1
    }
  }
  return totals.mapValues { total in
    (count: total.count, accuracy: Double(total.correct) / Double(total.count))
  }
  // END SOLUTION
}
