/// Turns a burst of events into one action, taken once the events have
/// stopped for `delay` seconds.
///
/// An editor's save can arrive as several notifications (a write, then a
/// rename; or a formatter that rewrites the file right after), and grading
/// twice would show a stale report first. Waiting ~150 ms after the last
/// event costs the learner nothing noticeable.
///
/// It is a value driven by the caller's clock, so that tests need no
/// sleeping:
///
/// ```swift
/// var debouncer = Debouncer(delay: 0.15)
/// debouncer.signal(at: 1.00)
/// debouncer.signal(at: 1.10)
/// debouncer.fire(at: 1.20)  // false: the last event was 0.10 s ago
/// debouncer.fire(at: 1.25)  // true, once
/// ```
public struct Debouncer: Sendable, Equatable {
  /// How long events must have stopped before the action is taken.
  public var delay: Double
  /// When the action is due, if an event is pending.
  public private(set) var deadline: Double?

  /// A debouncer that waits `delay` seconds after the last event.
  public init(delay: Double = 0.15) {
    self.delay = delay
  }

  /// Records an event at time `now` (seconds on any steady clock).
  public mutating func signal(at now: Double) {
    deadline = now + delay
  }

  /// Whether the action is due at `now`; when it is, the pending event is
  /// consumed, so each burst fires once.
  public mutating func fire(at now: Double) -> Bool {
    guard let deadline, now >= deadline else { return false }
    self.deadline = nil
    return true
  }

  /// Seconds from `now` until the action is due (0 when overdue), or nil
  /// when nothing is pending: how long a `poll(2)` may sleep.
  public func wait(from now: Double) -> Double? {
    deadline.map { max(0, $0 - now) }
  }
}
