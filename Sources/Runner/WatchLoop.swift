/// What `groundwork watch` decides, separated from how it waits, grades and
/// draws, so that the decisions can be tested without a terminal.
///
/// The loop follows one exercise at a time, in curriculum order. A save or
/// `r` grades it; a pass marks it done and moves on to the next unfinished
/// exercise, whose file is watched from then on; `n` moves on without
/// passing; `h` reveals the next hint; `l` lists everything; `q` (or Ctrl-C,
/// Ctrl-D) quits.
public struct WatchLoop: Sendable, Equatable {
  /// Something that happened.
  public enum Event: Sendable, Equatable {
    /// The loop starts.
    case start
    /// The current exercise's file was saved (after debouncing).
    case saved
    /// A key was pressed: its byte.
    case key(UInt8)
    /// Grading the current exercise finished.
    case graded(passed: Bool)
  }

  /// What to do about it, in order.
  public enum Action: Sendable, Equatable {
    /// Grade the current exercise and show the report.
    case grade(String)
    /// Record the exercise as done.
    case markDone(String)
    /// Show this exercise's card and watch its file from now on.
    case follow(String)
    /// Show hint number `number` (1-based) of the exercise, and record it.
    case showHint(String, number: Int)
    /// Say that the exercise has no more hints than `count`.
    case noMoreHints(String, count: Int)
    /// Show the list of parts, lessons and exercises.
    case showList
    /// Show the keys.
    case showKeys
    /// Every exercise passes: say so.
    case allDone
    /// Stop watching and restore the terminal.
    case quit
  }

  /// Every exercise id, in curriculum order.
  public private(set) var order: [String]
  /// The ids that have passed.
  public private(set) var completed: Set<String>
  /// How many hints each exercise has.
  public private(set) var hintCounts: [String: Int]
  /// How many hints of each exercise have been revealed.
  public private(set) var hintsShown: [String: Int]
  /// The exercise being watched; nil once every exercise passes.
  public private(set) var current: String?

  /// A loop over `order` that starts at `start` (default: the first
  /// unfinished exercise).
  public init(
    order: [String], completed: Set<String>, hintCounts: [String: Int], hintsShown: [String: Int],
    start: String? = nil
  ) {
    self.order = order
    self.completed = completed
    self.hintCounts = hintCounts
    self.hintsShown = hintsShown
    self.current = start ?? order.first { !completed.contains($0) }
  }

  /// The actions `event` calls for, updating the state.
  public mutating func handle(_ event: Event) -> [Action] {
    guard let current else {
      if case .key(let byte) = event, Self.quitKeys.contains(byte) { return [.quit] }
      return event == .start ? [.allDone, .quit] : []
    }
    switch event {
    case .start:
      return [.follow(current), .grade(current)]
    case .saved:
      return [.grade(current)]
    case .graded(passed: false):
      return []
    case .graded(passed: true):
      completed.insert(current)
      guard let next = nextUnfinished(after: current) else {
        self.current = nil
        return [.markDone(current), .allDone, .quit]
      }
      self.current = next
      return [.markDone(current), .follow(next)]
    case .key(let byte):
      return key(byte, current: current)
    }
  }

  private static let quitKeys: Set<UInt8> = [UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x03, 0x04]

  private mutating func key(_ byte: UInt8, current: String) -> [Action] {
    if Self.quitKeys.contains(byte) { return [.quit] }
    switch byte {
    case UInt8(ascii: "h"), UInt8(ascii: "H"):
      let count = hintCounts[current, default: 0]
      let shown = hintsShown[current, default: 0]
      guard count > 0 else { return [.noMoreHints(current, count: 0)] }
      let number = min(shown + 1, count)
      hintsShown[current] = max(shown, number)
      return [.showHint(current, number: number)]
    case UInt8(ascii: "n"), UInt8(ascii: "N"):
      guard let next = nextUnfinished(after: current), next != current else { return [.showKeys] }
      self.current = next
      return [.follow(next)]
    case UInt8(ascii: "l"), UInt8(ascii: "L"):
      return [.showList]
    case UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
      return [.grade(current)]
    default:
      return [.showKeys]
    }
  }

  /// The first unfinished exercise after `id` in curriculum order, wrapping
  /// around to the start; nil when every exercise passes.
  private func nextUnfinished(after id: String) -> String? {
    guard let index = order.firstIndex(of: id) else { return order.first { !completed.contains($0) } }
    let rotated = order[(index + 1)...] + order[...index]
    return rotated.first { !completed.contains($0) }
  }
}
