// Concept drift: p(y | x) changes, so a model's accuracy falls although its
// inputs look the same. A monitor compares the recent accuracy with the
// accuracy when the model was deployed.

/// The first position at which a windowed accuracy monitor raises an
/// alarm, or nil if it never does.
///
/// The first `referenceCount` outcomes define the reference accuracy
/// `p₀`. From position `t = referenceCount + window − 1` on, the monitor
/// takes the accuracy `p_w` of the `window` outcomes ending at `t` (all
/// after the reference period) and the one-sided statistic
/// `z = (p₀ − p_w) / √(p₀(1 − p₀)/window)`; it alarms at the first `t` with
/// `z > threshold`. Only a drop alarms: a model that gets better is not
/// drifting in a way that needs a page at night. A window, unlike the
/// accuracy since deployment, forgets the good months before the change,
/// so the alarm comes within about a window of it.
///
/// - Parameters:
///   - correct: whether each prediction was right, in time order.
///   - referenceCount: how many outcomes form the reference, `≥ 1`.
///   - window: the monitored window's length, `≥ 1`.
///   - threshold: the z above which to alarm, e.g. 3.
public func firstDriftAlarm(correct: [Bool], referenceCount: Int, window: Int, threshold: Double) -> Int? {
  precondition(referenceCount >= 1 && window >= 1, "the reference and the window need at least one outcome")
  guard correct.count >= referenceCount else { return nil }
  let reference = Double(correct[..<referenceCount].filter { $0 }.count) / Double(referenceCount)
  let standardError = (reference * (1 - reference) / Double(window)).squareRoot()
  var hits = 0
  for t in referenceCount..<correct.count {
    if correct[t] { hits += 1 }
    if t - window >= referenceCount && correct[t - window] { hits -= 1 }
    guard t >= referenceCount + window - 1 else { continue }
    let windowed = Double(hits) / Double(window)
    let drop = reference - windowed
    // With a perfect (or hopeless) reference the standard error is 0: any
    // drop is then an alarm.
    if standardError == 0 ? drop > 0 : drop / standardError > threshold { return t }
  }
  return nil
}
