extension CSVTable {
  /// The positions of the columns `PREFIX0 … PREFIX{K−1}` (e.g. `p0`, `p1`,
  /// `p2`): nil when the header has no column named `prefix` followed by
  /// digits, an error when the numbering has a gap, repeats, or stops at 0.
  ///
  /// - Parameters:
  ///   - prefix: the letters before the class number.
  ///   - meaning: what the columns hold, for messages ("probability").
  func numberedColumns(prefix: String, meaning: String) throws -> [Int]? {
    var byClass: [Int: Int] = [:]
    for (position, name) in header.enumerated() {
      guard name.hasPrefix(prefix) else { continue }
      let digits = name.dropFirst(prefix.count)
      guard !digits.isEmpty, let k = Int(digits), String(k) == digits else { continue }
      guard byClass[k] == nil else {
        throw CLIError("\(file):\(headerLine): column \"\(name)\" appears more than once in the header")
      }
      byClass[k] = position
    }
    guard let largest = byClass.keys.max() else { return nil }
    for k in 0...largest where byClass[k] == nil {
      throw CLIError(
        "\(file):\(headerLine): no column \"\(prefix)\(k)\" (\(meaning) columns run \(prefix)0, \(prefix)1, … without gaps; the header has \"\(prefix)\(largest)\")"
      )
    }
    guard largest >= 1 else {
      throw CLIError(
        "\(file):\(headerLine): only one \(meaning) column \"\(prefix)0\" (at least \"\(prefix)0\" and \"\(prefix)1\" are needed)")
    }
    return (0...largest).map { byClass[$0]! }
  }
}
