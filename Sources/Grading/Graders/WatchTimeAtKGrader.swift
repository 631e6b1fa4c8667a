import Groundwork

/// Grades the learner's offline watch time at k (Lessons/2-training, the
/// proxy-objectives lesson): the product metric computed per session from
/// logs, the evaluation that catches a loss drifting from the product.
///
/// Reference: the definition, computed here in plain arithmetic: per
/// session, the logged watch time of the k highest-scored candidates (ties
/// in row order), averaged over sessions. Tolerance: relative 1e-9.
///
/// The misconception aimed at: a ranking metric can be computed over the
/// pooled rows. The hidden cases interleave sessions' rows and give
/// sessions different numbers of candidates, some fewer than k. Named
/// mistakes: the top k of all rows pooled, the mean per item instead of the
/// sum per session, an average weighted by candidates (sessions with more
/// rows counting more), and the lowest scores ranked first.
public struct WatchTimeAtKGrader: Grader {
  public static let name = "training.watch-time-at-k"
  public static let entryPoints = [
    EntryPoint(
      "watchTimeAtK",
      [.init("scores", "[Double]"), .init("watchSeconds", "[Double]"), .init("sessions", "[Int]"), .init("k", "Int")],
      returns: "Double")
  ]

  /// The learner's function.
  let implementation: ([Double], [Double], [Int], Int) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [Double], [Int], Int) -> Double).self)
  }

  /// Logged candidates of several sessions.
  struct Log: Sendable {
    var scores: [Double]
    var watch: [Double]
    var sessions: [Int]
    var k: Int

    var description: String { "\(scores.count) candidates in \(Set(sessions).count) sessions, k \(k)" }

    /// Row indices per session, in order of first appearance.
    var sessionRows: [[Int]] {
      var order: [Int] = []
      var rows: [Int: [Int]] = [:]
      for (row, session) in sessions.enumerated() {
        if rows[session] == nil { order.append(session) }
        rows[session, default: []].append(row)
      }
      return order.map { rows[$0] ?? [] }
    }

    func ranked(_ rows: [Int], ascending: Bool = false) -> [Int] {
      rows.sorted { a, b in
        scores[a] != scores[b] ? (ascending ? scores[a] < scores[b] : scores[a] > scores[b]) : a < b
      }
    }

    func topWatch(_ rows: [Int], ascending: Bool = false) -> Double {
      ranked(rows, ascending: ascending).prefix(k).reduce(0) { $0 + watch[$1] }
    }

    var expected: Double {
      let groups = sessionRows
      return groups.reduce(0) { $0 + topWatch($1) } / Double(groups.count)
    }

    static func seeded(sessions: Int, candidates: ClosedRange<Int>, k: Int, interleave: Bool, ties: Bool, rng: inout SplitMix64) -> Log {
      var log = Log(scores: [], watch: [], sessions: [], k: k)
      for session in 0..<sessions {
        for _ in 0..<rng.nextInt(in: candidates) {
          log.sessions.append(100 + 3 * session)
          log.scores.append(ties ? Double(rng.nextInt(in: 0...3)) : rng.nextNormal())
          log.watch.append(rng.nextBernoulli(0.4) ? (rng.nextDouble() * 600).rounded() : 0)
        }
      }
      if interleave {
        for index in stride(from: log.scores.count - 1, to: 0, by: -1) {
          let other = rng.nextInt(in: 0...index)
          log.scores.swapAt(index, other)
          log.watch.swapAt(index, other)
          log.sessions.swapAt(index, other)
        }
      }
      return log
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let handSized = Log(
      scores: [0.9, 0.1, 0.5, 0.8, 0.3, 0.7], watch: [30, 300, 0, 120, 60, 0], sessions: [1, 1, 1, 2, 2, 2], k: 2)
    return [
      compare("two sessions of three candidates, k 2", handSized, seed: seed),
      compare(
        "sessions of 5 to 20 candidates, k 5",
        .seeded(sessions: 40, candidates: 5...20, k: 5, interleave: false, ties: false, rng: &rng), seed: seed),
      compare(
        "sessions' rows interleaved, some shorter than k",
        .seeded(sessions: 30, candidates: 1...12, k: 8, interleave: true, ties: false, rng: &rng), seed: seed),
      compare(
        "tied scores",
        .seeded(sessions: 25, candidates: 3...10, k: 3, interleave: true, ties: true, rng: &rng), seed: seed),
    ]
  }

  func compare(_ name: String, _ log: Log, seed: UInt64) -> Check {
    Check(name, tried: "\(log.description), seed \(seed)") { [implementation, tolerance] in
      let expected = log.expected
      let got = implementation(log.scores, log.watch, log.sessions, log.k)
      if tolerance.accepts(got, expected: expected) { return .passed }
      let groups = log.sessionRows
      let pooled = log.topWatch(Array(log.scores.indices)) / Double(groups.count)
      let perItem = groups.reduce(0) { $0 + log.topWatch($1) / Double(min(log.k, $1.count)) } / Double(groups.count)
      let byCandidates = groups.reduce(0) { $0 + log.topWatch($1) * Double($1.count) } / Double(log.scores.count)
      let ascending = groups.reduce(0) { $0 + log.topWatch($1, ascending: true) } / Double(groups.count)
      let mistakes: [(value: Double, message: String, hint: String)] = [
        (
          pooled, "This ranks all rows together and takes one top k.",
          "A user sees one session's candidates; rank within each session, then average the sessions' sums."
        ),
        (
          perItem, "This averages watch time per shown item instead of summing it per session.",
          "Watch time at k is the total a session gets from its top k: sum them, then average over sessions."
        ),
        (
          byCandidates, "This weights sessions by their number of candidates.",
          "Each session counts once: divide the sum over sessions by the number of sessions."
        ),
        (
          ascending, "This ranks the lowest scores first.", "Sort each session's candidates by score, highest first."
        ),
      ]
      let mistake = mistakes.first { tolerance.accepts(got, expected: $0.value) && !tolerance.accepts($0.value, expected: expected) }
      return .failed(
        expected: formatted(expected), got: formatted(got),
        message: mistake?.message ?? "Watch time at \(log.k) differs.",
        hint: mistake?.hint
          ?? "Group rows by session wherever they are; within a session sort by score (highest first, ties by row), sum the first k watch times (all of them when there are fewer), then average over sessions.")
    }
  }
}
