import Groundwork

/// A windowed accuracy monitor. The first `referenceCount` outcomes give the
/// reference accuracy p₀. For each position t from
/// referenceCount + window − 1 on, p_w is the accuracy of the `window`
/// outcomes ending at t; return the first t where
/// (p₀ − p_w) / √(p₀(1 − p₀)/window) > threshold, or nil if there is none.
/// Only a drop alarms.
func firstDriftAlarm(correct: [Bool], referenceCount: Int, window: Int, threshold: Double) -> Int? {
  // BEGIN SOLUTION: slide a window over the outcomes after the reference and test each for a drop
  let reference = Double(correct[..<referenceCount].filter { $0 }.count) / Double(referenceCount)
  let standardError = (reference * (1 - reference) / Double(window)).squareRoot()
  let firstEnd = referenceCount + window - 1
  guard firstEnd < correct.count else { return nil }
  var hits = correct[(firstEnd - window + 1)...firstEnd].filter { $0 }.count
  for t in firstEnd..<correct.count {
    if t > firstEnd {
      // Slide: outcome t enters, outcome t − window leaves.
      hits += (correct[t] ? 1 : 0) - (correct[t - window] ? 1 : 0)
    }
    let drop = reference - Double(hits) / Double(window)
    if standardError == 0 ? drop > 0 : drop / standardError > threshold { return t }
  }
  return nil
  // END SOLUTION
}
