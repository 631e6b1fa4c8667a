import Groundwork

/// A windowed accuracy monitor. The first `referenceCount` outcomes give the
/// reference accuracy p₀. For each position t from
/// referenceCount + window − 1 on, p_w is the accuracy of the `window`
/// outcomes ending at t; return the first t where
/// (p₀ − p_w) / √(p₀(1 − p₀)/window) > threshold, or nil if there is none.
/// Only a drop alarms.
func firstDriftAlarm(correct: [Bool], referenceCount: Int, window: Int, threshold: Double) -> Int? {
  fatalError("TODO: slide a window over the outcomes after the reference and test each for a drop")
}
