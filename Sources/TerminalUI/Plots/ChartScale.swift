import Foundation

/// A closed range of data values mapped onto a number of positions, with
/// the rules every chart shares: non-finite values are left out, a range of
/// one value is widened so it has a middle, and ranges of counts start at 0.
struct ChartScale: Equatable {
  var lower: Double
  var upper: Double

  /// The range of `values` (finite ones only), or nil when there are none.
  init?(_ values: [Double], includeZero: Bool = false) {
    let finite = values.filter(\.isFinite)
    guard var lower = finite.min(), var upper = finite.max() else { return nil }
    if includeZero {
      lower = min(lower, 0)
      upper = max(upper, 0)
    }
    if lower == upper {
      let pad = lower == 0 ? 1 : abs(lower) * 0.1
      lower -= pad
      upper += pad
    }
    self.lower = lower
    self.upper = upper
  }

  /// `value`'s position on `0...(count - 1)`, rounded to the nearest.
  func position(_ value: Double, count: Int) -> Int {
    let fraction = (value - lower) / (upper - lower)
    return Int((fraction * Double(max(0, count - 1))).rounded())
  }

  /// `value` as a fraction of the range (0 at `lower`, 1 at `upper`).
  func fraction(_ value: Double) -> Double {
    (value - lower) / (upper - lower)
  }
}

/// A number for an axis or a bar's label: at most four significant digits,
/// without exponent for everyday magnitudes, and no trailing zeros.
func formatTick(_ value: Double) -> String {
  guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
  if value == 0 { return "0" }
  let magnitude = abs(value)
  if magnitude >= 1e-3 && magnitude < 1e6 {
    var text = String(format: "%.4g", value)
    if text.contains("e") { text = String(format: "%.0f", value) }
    return text
  }
  return String(format: "%.2e", value)
}
