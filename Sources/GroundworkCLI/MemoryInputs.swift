import Grading
import Estimates
import Foundation

/// Reading the toolbox commands' option values, each checked into a value or
/// a one-line `CLIError` naming the flag. The memory and flops commands read
/// every option as text so that all bad values, negative numbers included,
/// end the same way (see `MemoryTrainingCommand`).
enum ToolboxInput {
  /// A whole number of at least `minimum` (1 unless given).
  static func integer(_ text: String, flag: String, minimum: Int = 1) throws -> Int {
    guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
      throw CLIError("\(flag) \(text.debugDescription) is not a whole number")
    }
    guard number >= minimum else {
      let expected = minimum == 1 ? "a positive whole number" : "a whole number of at least \(minimum)"
      throw CLIError("\(flag) must be \(expected), not \(number)")
    }
    return number
  }

  /// A parameter or token count in `parseParameterCount`'s notation (`7B`,
  /// `1.4T`, `1.5e9`).
  static func count(_ text: String, flag: String) throws -> Int {
    do {
      return try parseParameterCount(text)
    } catch {
      throw CLIError("\(flag): \(error.description)")
    }
  }

  /// A byte count in `parseByteCount`'s notation (`80GB`, `24GiB`), at
  /// least `minimum`.
  static func bytes(_ text: String, flag: String, minimum: Int = 1) throws -> Int {
    let value: Int
    do {
      value = try parseByteCount(text)
    } catch {
      throw CLIError("\(flag): \(error.description)")
    }
    guard value >= minimum else { throw CLIError("\(flag) must be at least \(minimum) bytes, not \(value)") }
    return value
  }

  /// A finite real number in the interval `range` describes, checked by
  /// `accept`.
  static func real(_ text: String, flag: String, range: String, accept: (Double) -> Bool) throws -> Double {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    // Double("nan"), Double("inf") and hexadecimal floats parse; refuse
    // anything but digits, a point, an exponent and signs.
    let allowed = Set("0123456789.eE+-")
    guard !trimmed.isEmpty, trimmed.allSatisfy({ allowed.contains($0) }), let value = Double(trimmed),
      value.isFinite
    else {
      throw CLIError("\(flag) \(text.debugDescription) is not a number")
    }
    guard accept(value) else { throw CLIError("\(flag) must be in \(range), not \(trimmed)") }
    return value
  }

  /// The first unrecognised word as a one-line error, if there is one.
  static func rejectUnrecognized(_ words: [String], command: String) throws {
    if let first = words.first {
      throw CLIError("unexpected argument \(first.debugDescription) (see groundwork \(command) --help)")
    }
  }

  /// The device `id` names, or a one-line error listing the known ones.
  static func device(_ id: String, flag: String = "--device") throws -> DeviceSpec {
    do {
      return try DeviceSpec.named(id)
    } catch {
      throw CLIError("\(flag): \(error.description)")
    }
  }
}

/// Plain-text tables for the toolbox commands: the first column left-aligned,
/// the others right-aligned, two spaces between.
enum ToolboxTable {
  /// The rows as lines, without a trailing newline.
  static func render(_ rows: [[String]]) -> [String] {
    guard let columns = rows.map(\.count).max() else { return [] }
    let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max()! }
    return rows.map { row in
      row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + padding : padding + cell
      }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
  }

  /// A byte count as a row: bytes with digit groups, GiB and GB to three
  /// decimals; dashes when `nil`.
  static func byteRow(_ name: String, _ bytes: Int?) -> [String] {
    guard let bytes else { return [name, "—", "—", "—"] }
    return [
      name, MemoryReport.grouped(bytes), String(format: "%.3f", gibibytes(bytes)), String(format: "%.3f", gigabytes(bytes)),
    ]
  }
}

/// JSON fragments written by hand, so that keys keep the documented order
/// and integers never pass through a `Double`.
enum ToolboxJSON {
  /// An integer literal, or `null`.
  static func integer(_ value: Int?) -> String { value.map(String.init) ?? "null" }

  /// A finite `Double` in Swift's shortest round-trip form (`5.88e+23`,
  /// `0.4`), valid JSON; `null` when `nil` or not finite.
  static func real(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "null" }
    return "\(value)"
  }

  /// A JSON string literal, or `null`.
  static func string(_ value: String?) -> String {
    value.map(jsonStringLiteral) ?? "null"
  }

  /// `true`, `false` or `null`.
  static func boolean(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "null" }
}
