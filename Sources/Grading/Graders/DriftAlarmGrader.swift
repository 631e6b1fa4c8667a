import Groundwork

/// Grades the learner's windowed concept-drift monitor (Lessons/1-foundation,
/// the distribution-shift lesson): the first position where the accuracy of
/// the last `window` outcomes falls significantly below the reference
/// accuracy, `z = (p₀ − p_w)/√(p₀(1 − p₀)/window) > threshold`.
///
/// Reference: `Stats.firstDriftAlarm`. Tolerance: exact (a position, or nil).
///
/// The misconception is that the accuracy since deployment is a monitor.
/// After months of good predictions it moves so slowly that a collapse
/// shows up weeks late, or never. The hidden case is a long good period
/// followed by a drop, where the cumulative accuracy alarms far later than
/// the window, or not at all. A second hidden case is a model that gets
/// better, where a two-sided test alarms and the monitor must not. Other
/// named mistakes: a window that overlaps the reference period, and an
/// alarm position off by one.
public struct DriftAlarmGrader: Grader {
  public static let name = "shift.drift-alarm"
  public static let entryPoints = [
    EntryPoint(
      "firstDriftAlarm",
      [.init("correct", "[Bool]"), .init("referenceCount", "Int"), .init("window", "Int"), .init("threshold", "Double")],
      returns: "Int?")
  ]
  public static let forbiddenSymbols = ["Stats.firstDriftAlarm"]

  /// The learner's function.
  let implementation: ([Bool], Int, Int, Double) -> Int?

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Bool], Int, Int, Double) -> Int?).self)
  }

  /// One stream to monitor.
  struct Stream: Sendable {
    var correct: [Bool]
    var referenceCount: Int
    var window: Int
    var threshold: Double
    /// Where the accuracy changes, if it does.
    var change: Int?
  }

  /// A stream whose accuracy is `before` for `change` outcomes and `after`
  /// for the rest, monitored at threshold 5: over thousands of windows a
  /// lower threshold raises false alarms before the change (the lesson
  /// measures 44 in 100 drift-free streams at 3).
  static func stream(
    length: Int, change: Int, before: Double, after: Double, referenceCount: Int, window: Int, rng: inout SplitMix64
  ) -> Stream {
    let correct = (0..<length).map { t in rng.nextBernoulli(t < change ? before : after) }
    return Stream(correct: correct, referenceCount: referenceCount, window: window, threshold: 5, change: change)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Stream(
      correct: [true, true, true, false, true, true, true, false, false, false, false, true, false],
      referenceCount: 8, window: 3, threshold: 1, change: 8)
    return [
      compare("thirteen outcomes worked by hand", hand, seed: seed),
      compare(
        "accuracy falls from 0.9 to 0.7 at 3,000",
        Self.stream(length: 6_000, change: 3_000, before: 0.9, after: 0.7, referenceCount: 1_000, window: 200, rng: &rng), seed: seed),
      compare(
        "a long good period: 0.92 for 40,000 outcomes, then 0.8",
        Self.stream(length: 45_000, change: 40_000, before: 0.92, after: 0.8, referenceCount: 2_000, window: 500, rng: &rng), seed: seed),
      compare(
        "the model gets better: 0.8 to 0.95",
        Self.stream(length: 8_000, change: 4_000, before: 0.8, after: 0.95, referenceCount: 1_000, window: 300, rng: &rng), seed: seed),
      compare(
        "no drift at all",
        Self.stream(length: 8_000, change: 8_000, before: 0.85, after: 0.85, referenceCount: 1_000, window: 300, rng: &rng), seed: seed),
    ]
  }

  func compare(_ name: String, _ s: Stream, seed: UInt64) -> Check {
    let tried = "\(s.correct.count) outcomes, referenceCount \(s.referenceCount), window \(s.window), threshold \(formatted(s.threshold)), seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      let expected = firstDriftAlarm(correct: s.correct, referenceCount: s.referenceCount, window: s.window, threshold: s.threshold)
      let got = implementation(s.correct, s.referenceCount, s.window, s.threshold)
      if got == expected { return .passed }
      let show = { (t: Int?) in t.map { "alarm at \($0)" } ?? "no alarm (nil)" }
      let (message, hint) = Self.diagnose(got: got, expected: expected, s)
      return .failed(expected: show(expected), got: show(got), message: message, hint: hint)
    }
  }

  static func diagnose(got: Int?, expected: Int?, _ s: Stream) -> (String, String) {
    let reference = Double(s.correct[..<s.referenceCount].filter { $0 }.count) / Double(s.referenceCount)
    if got != nil && got == variant(s, reference: reference, twoSided: true) && expected != got {
      return (
        "You alarm when the accuracy rises: a two-sided test. The monitor pages only for a drop.",
        "Alarm when (p₀ − p_w)/SE > threshold, without an absolute value.")
    }
    if got == variant(s, reference: reference, cumulative: true) {
      return (
        "This follows the accuracy since the end of the reference period, which remembers every good outcome before the change and reacts late"
          + (got == nil ? " (here, never)." : "."),
        "Use only the last `window` outcomes ending at t.")
    }
    if let got, let expected, abs(got - expected) == 1 {
      return ("The alarm is one position off.", "The window ending at t holds outcomes t − window + 1 … t, and the first t checked is referenceCount + window − 1.")
    }
    if got == variant(s, reference: reference, overlapping: true) {
      return (
        "Your first windows reach back into the reference period.",
        "Start checking at t = referenceCount + window − 1, so every window lies after the reference.")
    }
    return (
      "The alarm position differs.",
      "p₀ = accuracy of the first referenceCount outcomes; for each t ≥ referenceCount + window − 1, p_w = accuracy of outcomes t − window + 1 … t; alarm at the first t with (p₀ − p_w)/√(p₀(1 − p₀)/window) > threshold.")
  }

  /// The monitor with one of the common slips.
  static func variant(
    _ s: Stream, reference: Double, twoSided: Bool = false, cumulative: Bool = false, overlapping: Bool = false
  ) -> Int? {
    let start = overlapping ? s.window - 1 : s.referenceCount + s.window - 1
    for t in max(start, 0)..<s.correct.count {
      let from = cumulative ? s.referenceCount : t - s.window + 1
      guard from <= t else { continue }
      let count = t - from + 1
      let accuracy = Double(s.correct[from...t].filter { $0 }.count) / Double(count)
      let se = (reference * (1 - reference) / Double(count)).squareRoot()
      let z = (reference - accuracy) / se
      if twoSided ? abs(z) > s.threshold : z > s.threshold { return t }
    }
    return nil
  }
}
