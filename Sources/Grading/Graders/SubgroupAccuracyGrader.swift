import Groundwork
import RealModule

/// Grades the learner's per-subgroup accuracy (Lessons/1-foundation, the
/// baselines lesson): for every group, its number of examples and the
/// accuracy within it.
///
/// Reference: `Stats.accuracyBySubgroup`. Tolerance: exact on the set of
/// groups and on each count, relative 1e-9 on each accuracy.
///
/// Hidden cases: groups interleaved in any order (an implementation that
/// assumes each group's rows are contiguous keeps only one run), a group
/// with a single example, a small group that fails while the overall
/// accuracy looks fine, multi-class labels, thirty groups of very different
/// sizes, and group names that differ only in case or are empty. Named
/// mistakes: a missing or invented group, the correct count reported as the
/// size, dividing by all examples instead of the group's, the overall
/// accuracy for every group, contiguous runs, the error rate, a percentage.
public struct SubgroupAccuracyGrader: Grader {
  public typealias Result = [String: (count: Int, accuracy: Double)]

  public static let name = "baselines.subgroups"
  public static let entryPoints = [
    EntryPoint(
      "subgroupAccuracies",
      [.init("predictions", "[Int]"), .init("labels", "[Int]"), .init("groups", "[String]")],
      returns: "[String: (count: Int, accuracy: Double)]")
  ]
  public static let forbiddenSymbols = ["accuracyBySubgroup", "worstSubgroup"]

  /// The learner's function.
  let implementation: ([Int], [Int], [String]) -> Result
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int], [Int], [String]) -> Result).self)
  }

  /// One evaluation set: a prediction, a label and a group per example.
  struct Rows: Sendable {
    var predictions: [Int] = []
    var labels: [Int] = []
    var groups: [String] = []

    /// Appends `count` examples of `group`, each right with probability
    /// `accuracy`, with labels in 0..<classes.
    mutating func add(
      _ group: String, count: Int, accuracy: Double, classes: Int = 2, rng: inout SplitMix64
    ) {
      for _ in 0..<count {
        let label = rng.nextInt(in: 0...(classes - 1))
        let right = rng.nextBernoulli(accuracy)
        let wrong = (label + rng.nextInt(in: 1...(classes - 1))) % classes
        predictions.append(right ? label : wrong)
        labels.append(label)
        groups.append(group)
      }
    }

    /// The same examples in a random order.
    func shuffled(rng: inout SplitMix64) -> Rows {
      var order = Array(predictions.indices)
      order.shuffle(using: &rng)
      return Rows(
        predictions: order.map { predictions[$0] }, labels: order.map { labels[$0] },
        groups: order.map { groups[$0] })
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)

    var hand = Rows()
    hand.predictions = [1, 0, 1, 1, 0, 1, 0, 0, 1, 1]
    hand.labels = [1, 0, 0, 1, 0, 1, 1, 0, 1, 0]
    hand.groups = ["north", "north", "south", "north", "east", "south", "east", "north", "south", "east"]

    var anyOrder = Rows()
    for (group, accuracy) in [("clinic-B", 0.9), ("clinic-A", 0.8), ("clinic-D", 0.7), ("clinic-C", 0.95)] {
      anyOrder.add(group, count: rng.nextInt(in: 60...140), accuracy: accuracy, rng: &rng)
    }
    anyOrder = anyOrder.shuffled(rng: &rng)

    var singleton = Rows()
    singleton.add("web", count: rng.nextInt(in: 100...200), accuracy: 0.9, rng: &rng)
    singleton.add("app", count: rng.nextInt(in: 50...150), accuracy: 0.85, rng: &rng)
    singleton.add("kiosk", count: 1, accuracy: 0, rng: &rng)
    singleton.add("phone", count: rng.nextInt(in: 20...60), accuracy: 0.75, rng: &rng)
    singleton = singleton.shuffled(rng: &rng)

    var hidden = Rows()
    for site in 1...3 {
      hidden.add("site-\(site)", count: rng.nextInt(in: 1_400...1_700), accuracy: 0.97, rng: &rng)
    }
    hidden.add("site-4", count: rng.nextInt(in: 80...120), accuracy: 0.55, rng: &rng)
    hidden = hidden.shuffled(rng: &rng)

    var multiClass = Rows()
    for (group, accuracy) in [("adult", 0.8), ("child", 0.6), ("senior", 0.7)] {
      multiClass.add(group, count: rng.nextInt(in: 100...300), accuracy: accuracy, classes: 5, rng: &rng)
    }
    multiClass = multiClass.shuffled(rng: &rng)

    var many = Rows()
    for index in 0..<30 {
      let size = max(1, Int((1_000 * Double.pow(0.78, Double(index))).rounded()))
      many.add("g\(index)", count: size, accuracy: rng.nextDouble(in: 0.4..<1), rng: &rng)
    }
    many = many.shuffled(rng: &rng)

    var names = Rows()
    for (group, accuracy) in [("", 0.5), ("unknown", 0.9), ("Unknown", 0.7), ("São Paulo", 0.8)] {
      names.add(group, count: rng.nextInt(in: 5...25), accuracy: accuracy, rng: &rng)
    }
    names = names.shuffled(rng: &rng)

    return [
      compare("a hand-sized example", hand, seed: seed),
      compare("groups interleaved in any order", anyOrder, seed: seed),
      compare("a group with a single example", singleton, seed: seed),
      compare("a small group that fails while the total looks fine", hidden, seed: seed),
      compare("five classes, not just 0 and 1", multiClass, seed: seed),
      compare("thirty groups of sizes from 1 to 1,000", many, seed: seed),
      compare("group names that are empty or differ only in case", names, seed: seed),
    ]
  }

  func compare(_ name: String, _ rows: Rows, seed: UInt64) -> Check {
    let groupCount = Set(rows.groups).count
    let tried = "\(rows.labels.count) examples in \(groupCount) groups, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let reference = accuracyBySubgroup(predictions: rows.predictions, labels: rows.labels, groups: rows.groups)
      let got = implementation(rows.predictions, rows.labels, rows.groups)
      return Self.verdict(got: got, reference: reference, rows: rows, tolerance: tolerance)
    }
  }

  static func show(_ group: String) -> String { "\"\(group)\"" }

  static func show(_ row: SubgroupAccuracy) -> String {
    "\(show(row.group)): (count: \(row.count), accuracy: \(formatted(row.accuracy)))"
  }

  static func show(_ group: String, _ value: (count: Int, accuracy: Double)) -> String {
    "\(show(group)): (count: \(value.count), accuracy: \(formatted(value.accuracy)))"
  }

  static func verdict(got: Result, reference: [SubgroupAccuracy], rows: Rows, tolerance: Tolerance) -> Verdict {
    let expectedGroups = Set(reference.map(\.group))
    if let missing = reference.first(where: { got[$0.group] == nil }) {
      let single = missing.count == 1
      return .failed(
        expected: show(missing), got: "no entry for \(show(missing.group))",
        message: "Group \(show(missing.group)) is missing from your result"
          + (single ? "; it has a single example." : "."),
        hint: single
          ? "Every group that occurs in `groups` needs an entry, even one with a single example: a group too small to trust is still a group you must report, with its count."
          : "Every group that occurs in `groups` needs an entry, whatever its name (the empty string included) and wherever its rows are.")
    }
    if let extra = got.keys.sorted().first(where: { !expectedGroups.contains($0) }) {
      return .failed(
        expected: "no entry for \(show(extra))", got: show(extra, got[extra]!),
        message: "Your result has a group \(show(extra)) that does not occur in `groups`.",
        hint: "Use the group names exactly as given, one entry per distinct name: no renaming, trimming or change of case.")
    }
    for row in reference {
      let value = got[row.group]!
      if value.count == row.count && tolerance.accepts(value.accuracy, expected: row.accuracy) { continue }
      let diagnosis = diagnose(value, row: row, rows: rows, tolerance: tolerance)
      let accuracy = ValueDisplay.pair(expected: row.accuracy, got: value.accuracy)
      return .failed(
        expected: "\(show(row.group)): (count: \(row.count), accuracy: \(accuracy.expected))",
        got: "\(show(row.group)): (count: \(value.count), accuracy: \(accuracy.got))",
        message: diagnosis?.message
          ?? (value.count != row.count
            ? "The count of group \(show(row.group)) is wrong."
            : "The accuracy of group \(show(row.group)) differs by more than \(tolerance)."),
        hint: diagnosis?.hint
          ?? "For each group, count its examples and how many of them have prediction == label; the accuracy is the second count divided by the first.")
    }
    return .passed
  }

  /// Names the mistake that turns the reference row into `value`, if one does.
  static func diagnose(
    _ value: (count: Int, accuracy: Double), row: SubgroupAccuracy, rows: Rows, tolerance: Tolerance
  ) -> (message: String, hint: String)? {
    if value.accuracy.isNaN {
      return (
        "The accuracy of group \(show(row.group)) is nan.",
        "Divide the group's correct count by the group's own size, which is at least 1."
      )
    }
    let runs = runLengths(of: row.group, in: rows.groups)
    if runs.count > 1 && runs.contains(value.count) && value.count != row.count {
      return (
        "The count of group \(show(row.group)) is the length of one run of consecutive rows.",
        "A group's rows are not next to each other: gather them by name (a dictionary keyed by group), not by scanning for runs of equal names."
      )
    }
    if value.count == row.correct && row.correct != row.count {
      return (
        "The count of group \(show(row.group)) is its number of correct predictions, not its size.",
        "count is how many examples the group holds, right or wrong; accuracy is correct / count."
      )
    }
    guard value.count == row.count else { return nil }
    let n = Double(rows.labels.count)
    let overall = accuracy(predictions: rows.predictions, labels: rows.labels)
    let candidates: [(Double, String, String)] = [
      (
        Double(row.correct) / n,
        "This is the group's correct predictions divided by all examples, not by the group's size.",
        "Divide by the group's count: accuracy within a group is correct in the group / size of the group."
      ),
      (
        overall, "This is the overall accuracy, the same for every group.",
        "Compute the accuracy separately within each group; the overall number is exactly what hides a failing group."
      ),
      (
        1 - row.accuracy, "This is the group's error rate, 1 minus its accuracy.",
        "Count the predictions that equal their label."
      ),
      (100 * row.accuracy, "This is the group's accuracy times 100.", "Return a fraction in [0, 1], not a percentage."),
    ]
    for (candidate, message, hint) in candidates
    where tolerance.accepts(value.accuracy, expected: candidate) && !tolerance.accepts(candidate, expected: row.accuracy) {
      return (message, hint)
    }
    return nil
  }

  /// The lengths of the runs of consecutive rows that belong to `group`.
  static func runLengths(of group: String, in groups: [String]) -> [Int] {
    var runs: [Int] = []
    var current = 0
    for name in groups {
      if name == group {
        current += 1
      } else if current > 0 {
        runs.append(current)
        current = 0
      }
    }
    if current > 0 { runs.append(current) }
    return runs
  }
}
