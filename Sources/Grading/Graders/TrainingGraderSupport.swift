import Groundwork

/// Helpers shared by the graders of Part 2 (training and loss functions):
/// comparing vectors of numbers and printing them in a report.
enum TrainingVectors {
  /// The first index where `got` differs from `expected` beyond `tolerance`,
  /// or nil when they agree (a length mismatch counts as a difference at
  /// the shorter length).
  static func firstMismatch(_ got: [Double], _ expected: [Double], _ tolerance: Tolerance) -> Int? {
    for index in 0..<min(got.count, expected.count) where !tolerance.accepts(got[index], expected: expected[index]) {
      return index
    }
    return got.count == expected.count ? nil : min(got.count, expected.count)
  }

  /// Whether every element agrees within `tolerance` and the lengths match.
  static func agree(_ got: [Double], _ expected: [Double], _ tolerance: Tolerance) -> Bool {
    firstMismatch(got, expected, tolerance) == nil
  }

  /// A short rendering: the whole vector when short, else the first few
  /// elements and the length.
  static func show(_ values: [Double], limit: Int = 6) -> String {
    let shown = values.prefix(limit).map(formatted).joined(separator: ", ")
    return values.count <= limit ? "[\(shown)]" : "[\(shown), …] (\(values.count) values)"
  }

  /// The report for two vectors that disagree: where, and by how much.
  static func mismatchText(_ got: [Double], _ expected: [Double], at index: Int) -> (expected: String, got: String) {
    if got.count != expected.count {
      return ("\(expected.count) values", "\(got.count) values")
    }
    return (
      "element \(index) = \(formatted(expected[index])) (of \(show(expected)))",
      "element \(index) = \(formatted(got[index])) (of \(show(got)))"
    )
  }
}
