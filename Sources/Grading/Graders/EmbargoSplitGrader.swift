import Groundwork

/// Grades the learner's temporal split with an embargo (Lessons/1-foundation,
/// the temporal-leakage lesson): train on `t < cutoff − embargo`, test on
/// `t ≥ cutoff`.
///
/// Reference: `Stats.temporalSplit`. Tolerance: exact on both index lists.
///
/// The misconception is that a split at the cutoff is enough: rows just
/// before it carry labels decided after it. The hidden cases are rows
/// inside the embargo (a split without the gap trains on them), rows
/// exactly at `cutoff − embargo` and exactly at `cutoff` (the boundaries'
/// sides), and rows out of time order (taking a prefix of the array is not
/// a split by time). Named mistakes: no embargo, either boundary on the
/// wrong side, a prefix by position, and the two lists swapped.
public struct EmbargoSplitGrader: Grader {
  /// The learner's answer.
  public typealias Answer = (train: [Int], test: [Int])

  public static let name = "leakage.embargo-split"
  public static let entryPoints = [
    EntryPoint(
      "temporalSplit", [.init("timestamps", "[Double]"), .init("cutoff", "Double"), .init("embargo", "Double")],
      returns: "(train: [Int], test: [Int])")
  ]
  public static let forbiddenSymbols = ["Stats.temporalSplit", "TemporalSplit"]

  /// The learner's function.
  let implementation: ([Double], Double, Double) -> Answer

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], Double, Double) -> Answer).self)
  }

  /// One split to make.
  struct Case: Sendable {
    var timestamps: [Double]
    var cutoff: Double
    var embargo: Double
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Case(timestamps: [5, 1, 9, 7, 3], cutoff: 7, embargo: 2)
    let sorted = Case(timestamps: (0..<365).map(Double.init), cutoff: 300, embargo: 0)
    let days = (0..<2_000).map { _ in Double(rng.nextInt(in: 0...364)) }
    let embargoed = Case(timestamps: days.sorted(), cutoff: 300, embargo: 30)
    let shuffled = Case(timestamps: days, cutoff: Double(rng.nextInt(in: 200...330)), embargo: Double(rng.nextInt(in: 5...40)))
    var boundaries = (0..<500).map { _ in rng.nextDouble(in: 0..<100) }
    boundaries += [60, 60, 75, 75, 74.999, 60.001]
    boundaries.shuffle(using: &rng)
    let edges = Case(timestamps: boundaries, cutoff: 75, embargo: 15)
    let seconds = Case(
      timestamps: (0..<3_000).map { _ in rng.nextDouble(in: 1.7e9..<1.8e9) }, cutoff: 1.77e9, embargo: 86_400 * 7)
    return [
      compare("five rows worked by hand", hand, seed: seed),
      compare("a year of daily rows in order, no embargo", sorted, seed: seed),
      compare("2,000 rows in time order, a 30-day embargo", embargoed, seed: seed),
      compare("2,000 rows in no particular order", shuffled, seed: seed),
      compare("rows exactly on cutoff − embargo and on cutoff", edges, seed: seed),
      compare("Unix timestamps in seconds, a one-week embargo", seconds, seed: seed),
    ]
  }

  func compare(_ name: String, _ c: Case, seed: UInt64) -> Check {
    let tried = "\(c.timestamps.count) rows, cutoff \(formatted(c.cutoff)), embargo \(formatted(c.embargo)), seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      let expected = temporalSplit(timestamps: c.timestamps, cutoff: c.cutoff, embargo: c.embargo)
      let got = implementation(c.timestamps, c.cutoff, c.embargo)
      if got.train == expected.train && got.test == expected.test { return .passed }
      let show = { (train: [Int], test: [Int]) in "train \(Self.show(train)), test \(Self.show(test))" }
      let (message, hint) = Self.diagnose(got, expected: expected, c)
      return .failed(expected: show(expected.train, expected.test), got: show(got.train, got.test), message: message, hint: hint)
    }
  }

  static func show(_ indices: [Int]) -> String {
    let head = indices.prefix(6).map(String.init).joined(separator: ", ")
    return "\(indices.count) rows [\(head)\(indices.count > 6 ? ", …" : "")]"
  }

  static func diagnose(_ got: Answer, expected: TemporalSplit, _ c: Case) -> (String, String) {
    let t = c.timestamps
    let rows = t.indices
    if got.train == expected.test && got.test == expected.train {
      return ("The two lists are swapped.", "Return (train: …, test: …): train is the past, test the future.")
    }
    if Set(got.train) == Set(expected.train) && Set(got.test) == Set(expected.test) {
      return ("The right rows, not in increasing order of index.", "Return each list sorted by index.")
    }
    if got.test == expected.test {
      if got.train == rows.filter({ t[$0] < c.cutoff }) {
        return (
          "The training rows run up to the cutoff: the embargo is missing. Rows just before the cutoff have labels decided after it.",
          "Train only on rows with time < cutoff − embargo; the rows in between go to neither side.")
      }
      if got.train == rows.filter({ t[$0] <= c.cutoff - c.embargo }) {
        return (
          "A row exactly at cutoff − embargo is in your training set; the training period ends strictly before it.",
          "Use time < cutoff − embargo, not ≤.")
      }
      let prefix = Array(0..<expected.train.count)
      if got.train == prefix && prefix != expected.train {
        return (
          "These are the first rows of the array, not the earliest in time: the rows are not sorted.",
          "Decide each row by its own timestamp; positions say nothing about time here.")
      }
    }
    if got.train == expected.train {
      if got.test == rows.filter({ t[$0] > c.cutoff }) {
        return ("A row exactly at the cutoff is missing from the test set; the test period starts at the cutoff.", "Use time ≥ cutoff.")
      }
      let count = expected.test.count
      let suffix = Array((t.count - count)..<t.count)
      if got.test == suffix && suffix != expected.test {
        return (
          "These are the last rows of the array, not the latest in time: the rows are not sorted.",
          "Decide each row by its own timestamp; positions say nothing about time here.")
      }
    }
    return (
      "The split differs.",
      "Training rows: time < cutoff − embargo. Test rows: time ≥ cutoff. Rows in between are in neither. Indices ascending.")
  }
}
