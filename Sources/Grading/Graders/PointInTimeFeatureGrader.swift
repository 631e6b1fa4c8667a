import Groundwork

/// Grades the learner's point-in-time feature (Lessons/1-foundation, the
/// temporal-leakage lesson): for each row, the mean of the values of the
/// last `window` rows of the same entity with a strictly earlier time, nil
/// when there is none.
///
/// Reference: `Stats.trailingMeans`. Tolerance: relative 1e-9 on each
/// feature, and the future-perturbation test: after changing every value
/// at or after a time t, no feature of a row at or before t may change by a
/// single bit (`Stats.rowsReadingTheFuture`).
///
/// The misconception is that a feature is safe once the split is temporal.
/// A feature that reads its own row's label, or rows of the same moment,
/// or a centred window, leaks the future into every row, test rows
/// included. The hidden cases are rows given out of time order, several
/// rows of one entity at the same time, and entities whose first row has no
/// history. Each failure first runs the perturbation test and says which row
/// read the future; named mistakes: the row's own value included, rows at
/// the same time included, a centred window, array order taken for time
/// order, and 0 instead of nil with no history.
public struct PointInTimeFeatureGrader: Grader {
  public static let name = "leakage.point-in-time"
  public static let entryPoints = [
    EntryPoint(
      "trailingMeans",
      [.init("entities", "[String]"), .init("times", "[Double]"), .init("values", "[Double]"), .init("window", "Int")],
      returns: "[Double?]")
  ]
  public static let forbiddenSymbols = ["Stats.trailingMeans", "rowsReadingTheFuture"]

  /// The learner's function.
  let implementation: ([String], [Double], [Double], Int) -> [Double?]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([String], [Double], [Double], Int) -> [Double?]).self)
  }

  /// One event log.
  struct Log: Sendable {
    var entities: [String] = []
    var times: [Double] = []
    var values: [Double] = []
    var window: Int
  }

  /// `entities` customers with 5 to 40 events each at integer days, labels
  /// 0/1, rows in time order or shuffled.
  static func log(entities: Int, window: Int, shuffled: Bool, sameDay: Bool, rng: inout SplitMix64) -> Log {
    var log = Log(window: window)
    for entity in 0..<entities {
      var day = Double(rng.nextInt(in: 0...30))
      let rate = rng.nextDouble(in: 0.1..<0.9)
      for _ in 0..<rng.nextInt(in: 5...40) {
        day += sameDay && rng.nextBernoulli(0.3) ? 0 : Double(rng.nextInt(in: 1...5))
        log.entities.append("customer-\(entity)")
        log.times.append(day)
        log.values.append(rng.nextBernoulli(rate) ? 1 : 0)
      }
    }
    if shuffled {
      var order = Array(log.times.indices)
      order.shuffle(using: &rng)
      log.entities = order.map { log.entities[$0] }
      log.times = order.map { log.times[$0] }
      log.values = order.map { log.values[$0] }
    }
    return log
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Log(
      entities: ["a", "a", "b", "a", "b", "a"], times: [1, 2, 2, 3, 5, 4], values: [1, 0, 1, 1, 0, 0], window: 2)
    return [
      compare("six rows worked by hand", hand, seed: seed),
      compare("50 customers, rows in time order", Self.log(entities: 50, window: 3, shuffled: false, sameDay: false, rng: &rng), seed: seed),
      compare("rows in no particular order", Self.log(entities: 50, window: 5, shuffled: true, sameDay: false, rng: &rng), seed: seed),
      compare("several events of one customer on the same day", Self.log(entities: 40, window: 4, shuffled: true, sameDay: true, rng: &rng), seed: seed),
      compare("a window of 1: the previous event only", Self.log(entities: 30, window: 1, shuffled: true, sameDay: true, rng: &rng), seed: seed),
    ]
  }

  func compare(_ name: String, _ log: Log, seed: UInt64) -> Check {
    let tried = "\(log.times.count) rows of \(Set(log.entities).count) entities, window \(log.window), seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      let expected = trailingMeans(entities: log.entities, times: log.times, values: log.values, window: log.window)
      let got = implementation(log.entities, log.times, log.values, log.window)
      guard got.count == expected.count else {
        return .failed(
          expected: "\(expected.count) features", got: "\(got.count) features",
          message: "Return one feature per row, nil where the entity has no earlier row.",
          hint: "The result has the same length as the inputs.")
      }
      let wrong = expected.indices.first { row in
        switch (expected[row], got[row]) {
        case (nil, nil): return false
        case (let e?, let g?): return !tolerance.accepts(g, expected: e)
        default: return true
        }
      }
      guard let row = wrong else { return .passed }
      let show = { (value: Double?) in value.map(formatted) ?? "nil" }
      let at = "row \(row) (entity \"\(log.entities[row])\", time \(formatted(log.times[row])))"
      let (message, hint) = Self.diagnose(row: row, got: got, log: log, implementation: implementation)
      return .failed(expected: "\(show(expected[row])) at \(at)", got: show(got[row]), message: message, hint: hint)
    }
  }

  static func diagnose(
    row: Int, got: [Double?], log: Log, implementation: ([String], [Double], [Double], Int) -> [Double?]
  ) -> (String, String) {
    // Five cut times spread over the log keep the test quick; a leak of
    // the usual kinds shows at any of them.
    let distinct = Array(Set(log.times)).sorted()
    let cuts = (1...5).map { distinct[(distinct.count - 1) * $0 / 6] }
    let leaking = rowsReadingTheFuture(
      times: log.times, values: log.values, probeTimes: cuts, perturb: { 1 - $0 },
      feature: { implementation(log.entities, log.times, $0, log.window) })
    let ownIncluded = Self.variant(log) { time, rowTime, other, row in other == row || time < rowTime }
    let sameTime = Self.variant(log) { time, rowTime, other, row in other != row && time <= rowTime }
    let future = leaking.isEmpty ? "" : "The future-perturbation test fails: changing only values at or after row \(leaking[0])'s time changed its feature. "
    if Self.matches(got, ownIncluded) {
      return (
        future + "The feature includes the row's own value, which is the label it is meant to predict.",
        "Average only rows of the entity whose time is strictly before the row's time; the row itself is never one of them.")
    }
    if Self.matches(got, sameTime) {
      return (
        future + "The feature includes other rows of the entity at the same time; they are not known before this row.",
        "Use time < the row's time, not ≤.")
    }
    if got[row] == 0 && trailingMeans(entities: log.entities, times: log.times, values: log.values, window: log.window)[row] == nil {
      return (
        "This entity has no earlier row, and you return 0: a mean of nothing is unknown, not 0 (0 would claim a clean history).",
        "Return nil when there is no strictly earlier row of the entity.")
    }
    if !leaking.isEmpty {
      return (
        future + "Your feature reads values from the row's own time or later, as a centred window or a whole-history mean does.",
        "Only the last `window` rows of the same entity with a strictly earlier time may enter the mean.")
    }
    return (
      "The feature differs, though it passes the future-perturbation test. Are the earlier rows taken in time order, and only the last `window` of them?",
      "Sort each entity's rows by time (the array is not in time order), then average the last `window` rows strictly before the row.")
  }

  /// The feature with another rule for which rows count as earlier.
  static func variant(_ log: Log, include: (Double, Double, Int, Int) -> Bool) -> [Double?] {
    log.times.indices.map { row in
      let earlier = log.times.indices
        .filter { $0 != row || include(log.times[$0], log.times[row], $0, row) }
        .filter { log.entities[$0] == log.entities[row] && include(log.times[$0], log.times[row], $0, row) }
        .sorted { log.times[$0] < log.times[$1] || (log.times[$0] == log.times[$1] && $0 < $1) }
      let last = earlier.suffix(log.window)
      return last.isEmpty ? nil : last.reduce(0) { $0 + log.values[$1] } / Double(last.count)
    }
  }

  static func matches(_ got: [Double?], _ candidate: [Double?]) -> Bool {
    zip(got, candidate).allSatisfy { a, b in
      switch (a, b) {
      case (nil, nil): return true
      case (let x?, let y?): return abs(x - y) <= 1e-9 * max(1, abs(y))
      default: return false
      }
    }
  }
}
