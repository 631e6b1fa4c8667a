import Groundwork
import RealModule

/// Grades the learner's simulation of a naive Float16 running sum
/// (Lessons/1-foundation, the number-formats lesson): starting from 0, add
/// `increment` again and again in Float16, and return the number of the
/// first addition that leaves the sum unchanged (additions numbered from 1).
///
/// Reference: `Float16StallGrader.firstStalledAddition`, the loop itself,
/// in native `Float16` arithmetic (correctly rounded, ties to even).
/// Tolerance: exact.
///
/// Cases: increment 1 (the sum stalls at 2048, where 2048 + 1 is a tie that
/// rounds back to 2048), 0.1 and 1e-4 (where rounding up makes the sum run
/// ahead of n × increment before it stalls, so no formula from exact
/// arithmetic gives the count), the smallest subnormal, forty seeded
/// increments across eight decades, and increments large enough that the
/// sum overflows to infinity (which no addition changes either). Named
/// mistakes: counting the additions that changed the sum (one short), one
/// too many, returning the stalled sum, the stalled sum divided by the
/// increment, 2049 for every increment, and a sum kept in Float or Double.
public struct Float16StallGrader: Grader {
  public static let name = "number-formats.fp16-stall"
  public static let entryPoints = [
    EntryPoint("firstStalledAddition", [.init("increment", "Float16")], returns: "Int")
  ]

  /// The learner's function.
  let implementation: (Float16) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Float16) -> Int).self)
  }

  /// The number of the first addition of `increment` (positive, finite)
  /// that leaves a Float16 running sum unchanged, and the sum it stalls at.
  static func firstStalledAddition(increment: Float16) -> (additions: Int, sum: Float16) {
    precondition(increment > 0 && increment.isFinite, "the increment must be positive and finite")
    var sum: Float16 = 0
    var additions = 0
    while true {
      additions += 1
      let next = sum + increment
      if next == sum { return (additions, sum) }
      sum = next
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let decades: [Float16] = (0..<40).map { _ in
      var value: Float16 = 0
      while value == 0 { value = Float16(Double.pow(10, rng.nextDouble(in: -7..<1.2))) }
      return value
    }
    let large: [Float16] = [20, 1_000, Float16(rng.nextDouble(in: 30_000..<60_000))]
    return [
      compare("increment 1", [1], seed: nil),
      compare("increment 0.1", [0.1], seed: nil),
      compare("increment 0.0001", [0.0001], seed: nil),
      compare("the smallest subnormal increment, 2^-24", [.leastNonzeroMagnitude], seed: nil),
      compare("40 increments from 1e-7 to 16", decades, seed: seed),
      compare("large increments: the sum overflows to infinity", large, seed: seed),
    ]
  }

  func compare(_ name: String, _ increments: [Float16], seed: UInt64?) -> Check {
    let tried =
      increments.count == 1
      ? "increment \(Self.show(increments[0]))"
      : "\(increments.count) increments" + (seed.map { ", seed \($0)" } ?? "")
    return Check(name, tried: tried) { [implementation] in
      for increment in increments {
        let (expected, stalledSum) = Self.firstStalledAddition(increment: increment)
        let got = implementation(increment)
        if got == expected { continue }
        let diagnosis = Self.diagnose(got: got, expected: expected, sum: stalledSum, increment: increment)
        let place = increments.count == 1 ? "" : "For increment \(Self.show(increment)): "
        let text = diagnosis?.message ?? "that is not the number of the first addition that changes nothing."
        return .failed(
          expected: "\(expected)", got: "\(got)",
          message: place.isEmpty ? text.prefix(1).uppercased() + text.dropFirst() : place + text,
          hint: diagnosis?.hint
            ?? "Simulate it: a Float16 sum starting at 0, a counter, and a loop that adds the increment in Float16 and stops when the new sum equals the old one.")
      }
      return .passed
    }
  }

  /// An increment as Float16 prints it, with its exact value when they differ.
  static func show(_ value: Float16) -> String {
    let exact = Double(value)
    let short = "\(value)"
    return Double(short) == exact ? short : "\(short) (exactly \(exact))"
  }

  static func diagnose(got: Int, expected: Int, sum: Float16, increment: Float16) -> (message: String, hint: String)? {
    if got == expected - 1 {
      return (
        "this counts the additions that changed the sum; the one asked for is the next one, the first that changes nothing.",
        "Number the additions from 1 and return the number of the first addition after which the sum is the same as before it."
      )
    }
    if got == expected + 1 {
      return (
        "one more than the first addition that changes nothing.",
        "Stop at the first addition whose result equals the sum before it, and return its number."
      )
    }
    if sum.isFinite && Double(got) == Double(sum) {
      return (
        "this is the value the sum stalls at, not the number of additions.",
        "Count the additions; the stalled value is a by-product."
      )
    }
    if sum.isFinite {
      let exactCount = Double(sum) / Double(increment)
      let candidates = [exactCount.rounded(.down), exactCount.rounded(.up), exactCount.rounded() + 1]
      if candidates.contains(Double(got)) {
        return (
          "this is about the stalled sum divided by the increment: the count exact arithmetic would need to reach it.",
          "In Float16 every addition rounds, so the sum drifts away from n × increment (here it runs ahead or falls behind). Simulate the additions instead of dividing."
        )
      }
    }
    if got == 2049 {
      return (
        "2049 is the answer for increment 1 (and for every power of two), where each addition is exact until the sum stalls.",
        "Other increments are rounded at every addition, so the sum stalls at another value after another number of steps. Simulate the additions for the increment given."
      )
    }
    if got > 50 * expected {
      return (
        "far more additions than a Float16 sum survives.",
        "Keep the running sum itself in Float16 (var sum: Float16 = 0). In Float or Double it goes on growing long after a Float16 sum has stalled."
      )
    }
    return nil
  }
}

