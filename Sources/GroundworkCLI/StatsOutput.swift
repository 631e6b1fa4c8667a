import Grading
import Foundation

/// A JSON value written by hand, so that keys keep the contract's order and
/// doubles print as the shortest decimal that reads back as the same double
/// (`0.1`, not `0.10000000000000001`).
enum JSONValue {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// A number, or `null` when there is none.
  static func number(_ value: Double?) -> JSONValue {
    value.map(JSONValue.number) ?? .null
  }

  /// The compact JSON text. Non-finite numbers, which JSON cannot hold,
  /// become `null`.
  var text: String {
    switch self {
    case .number(let value):
      return value.isFinite ? "\(value)" : "null"
    case .integer(let value):
      return String(value)
    case .string(let value):
      return jsonStringLiteral(value)
    case .bool(let value):
      return value ? "true" : "false"
    case .null:
      return "null"
    case .array(let values):
      return "[" + values.map(\.text).joined(separator: ", ") + "]"
    case .object(let members):
      return "{" + members.map { "\(jsonStringLiteral($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
    }
  }
}

/// Writes `value` as the command's one line of JSON.
func printJSON(_ value: JSONValue) {
  print(value.text)
}

/// `value` with `digits` decimals, or `–` when there is none.
func fixed(_ value: Double?, _ digits: Int = 4) -> String {
  guard let value, value.isFinite else { return "–" }
  return String(format: "%.\(digits)f", value)
}

/// A p-value: four decimals, or scientific notation below 10⁻⁴.
func pValueText(_ value: Double) -> String {
  if value != 0 && value < 1e-4 { return String(format: "%.2e", value) }
  return String(format: "%.4f", value)
}

/// Lays out rows under headers; `rightAligned[i]` right-aligns column `i`.
/// Every line starts with two spaces.
func textTable(headers: [String], rows: [[String]], rightAligned: [Bool]) -> String {
  var widths = headers.map(\.count)
  for row in rows {
    for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
  }
  func line(_ cells: [String]) -> String {
    let padded = cells.enumerated().map { column, cell in
      let padding = String(repeating: " ", count: widths[column] - cell.count)
      return rightAligned[column] ? padding + cell : cell + padding
    }
    return "  " + padded.joined(separator: "  ").replacingOccurrences(
      of: "\\s+$", with: "", options: .regularExpression)
  }
  return ([line(headers)] + rows.map(line)).joined(separator: "\n")
}

/// Label–value lines with the values right-aligned in one column, each line
/// indented by two spaces.
func keyValueLines(_ rows: [(String, String)]) -> String {
  let labelWidth = rows.map(\.0.count).max() ?? 0
  let valueWidth = rows.map(\.1.count).max() ?? 0
  return rows.map { label, value in
    "  " + label + String(repeating: " ", count: labelWidth - label.count) + "  "
      + String(repeating: " ", count: valueWidth - value.count) + value
  }.joined(separator: "\n")
}
