import Groundwork

/// The accuracy of the majority-class baseline: always predict the label
/// that occurs most often, and be right on exactly the examples that carry
/// it. That is max_k n_k / n, where n_k counts label k and n all labels.
///
/// Labels are any integers. No value is special: the most frequent label
/// may be 0, 1, 7 or −1.
func majorityBaselineAccuracy(labels: [Int]) -> Double {
  // BEGIN SOLUTION: return the share of the most frequent label
  var counts: [Int: Int] = [:]
  for label in labels {
    counts[label, default: 0] += 1
  }
  let largest = counts.values.max() ?? 0
  return Double(largest) / Double(labels.count)
  // END SOLUTION
}
