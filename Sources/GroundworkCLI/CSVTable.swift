import Foundation

/// A CSV file read for the `stats` commands: a header row, comma-separated
/// fields, optional surrounding double quotes (`""` inside quotes is a
/// quote), CRLF or LF line ends; columns are found by name, in any order,
/// and columns nobody asks for are ignored. Blank lines are skipped.
///
/// Every problem is reported as a `CLIError` whose one-line message names the
/// file, the place and the column, e.g.
/// `scores.csv:5: row 4, column "confidence": "abc" is not a number`,
/// where 5 is the line in the file (the header is line 1) and 4 the data row
/// (the first row after the header is row 1).
struct CSVTable {
  /// One data row: where it is in the file, and its fields.
  struct Row {
    /// The 1-based line in the file.
    var line: Int
    /// The 1-based position among the data rows.
    var number: Int
    /// The fields, unquoted and trimmed of surrounding spaces.
    var fields: [String]
  }

  /// The file name as given on the command line.
  var file: String
  /// The column names, in file order.
  var header: [String]
  /// The line of the header in the file.
  var headerLine: Int
  /// The data rows, at least one.
  var rows: [Row]

  /// Reads and checks the shape of `path`: it exists, it has a header and
  /// at least one data row, and every row has as many fields as the header.
  static func load(_ path: String) throws -> CSVTable {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CLIError("\(path): no such file")
    }
    if isDirectory.boolValue { throw CLIError("\(path): is a directory, not a CSV file") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): cannot be read")
    }
    guard String(data: data, encoding: .utf8) != nil else {
      throw CLIError("\(path): is not UTF-8 text")
    }
    let bytes = [UInt8](data)
    var header: [String]?
    var headerLine = 0
    var rows: [Row] = []
    var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0  // skip a byte-order mark
    var lineNumber = 0
    while lineStart < bytes.count {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      let nextStart = lineEnd + 1
      if lineEnd > lineStart && bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
      defer { lineStart = nextStart }
      if bytes[lineStart..<lineEnd].allSatisfy(isBlank) { continue }
      guard let fields = splitFields(bytes[lineStart..<lineEnd]) else {
        throw CLIError("\(path):\(lineNumber): a quoted field is not closed")
      }
      if let header {
        guard fields.count == header.count else {
          throw CLIError(
            "\(path):\(lineNumber): row \(rows.count + 1) has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(header.count) column\(header.count == 1 ? "" : "s")"
          )
        }
        rows.append(Row(line: lineNumber, number: rows.count + 1, fields: fields))
      } else {
        header = fields
        headerLine = lineNumber
      }
    }
    guard let header else {
      throw CLIError("\(path): the file is empty (expected a header row, then data rows)")
    }
    guard !rows.isEmpty else {
      throw CLIError("\(path):\(headerLine): there is a header but no data rows")
    }
    return CSVTable(file: path, header: header, headerLine: headerLine, rows: rows)
  }

  /// The position of the column called `name`.
  func columnIndex(_ name: String) throws -> Int {
    let matches = header.indices.filter { header[$0] == name }
    guard let index = matches.first else {
      let known = header.map { "\"\($0)\"" }.joined(separator: ", ")
      throw CLIError("\(file):\(headerLine): no column \"\(name)\" (the header has \(known))")
    }
    guard matches.count == 1 else {
      throw CLIError("\(file):\(headerLine): column \"\(name)\" appears \(matches.count) times in the header")
    }
    return index
  }

  /// The values of column `column` (a position in `header`) as finite
  /// numbers, optionally required to lie in `range`.
  func numbers(atColumn column: Int, in range: ClosedRange<Double>? = nil) throws -> [Double] {
    try rows.map { row in
      let text = row.fields[column]
      guard let value = parseNumber(text) else {
        throw problem(row, column, "\(quoted(text)) is not a number")
      }
      if let range, !range.contains(value) {
        throw problem(row, column, "\(text) is outside [\(format(range.lowerBound)), \(format(range.upperBound))]")
      }
      return value
    }
  }

  /// The values of the column called `name` as finite numbers.
  func numbers(_ name: String, in range: ClosedRange<Double>? = nil) throws -> [Double] {
    try numbers(atColumn: try columnIndex(name), in: range)
  }

  /// The values of column `column` as integer labels (numbers with no
  /// fractional part, e.g. `2` or `2.0`), returned as doubles.
  func integerLabels(atColumn column: Int) throws -> [Double] {
    try rows.map { row in
      let text = row.fields[column]
      guard let value = parseNumber(text) else {
        throw problem(row, column, "\(quoted(text)) is not a number")
      }
      guard value == value.rounded(.towardZero) else {
        throw problem(row, column, "\(text) is not an integer label")
      }
      return value
    }
  }

  /// The values of the column called `name` as booleans: `0`/`1` (also
  /// written `0.0`/`1.0`) or `true`/`false` in any case.
  func booleans(_ name: String) throws -> [Bool] {
    let column = try columnIndex(name)
    return try rows.map { row in
      let text = row.fields[column]
      switch text.lowercased() {
      case "true": return true
      case "false": return false
      default:
        guard let value = parseNumber(text) else {
          throw problem(row, column, "\(quoted(text)) is not 0, 1, true or false")
        }
        guard value == 0 || value == 1 else {
          throw problem(row, column, "\(text) is not 0 or 1 (true/false are accepted too)")
        }
        return value == 1
      }
    }
  }

  /// The error for `row`'s field in `column`.
  func problem(_ row: Row, _ column: Int, _ message: String) -> CLIError {
    CLIError("\(file):\(row.line): row \(row.number), column \"\(header[column])\": \(message)")
  }
}

/// A finite number written in decimal: optional sign, digits with an
/// optional point, optional exponent (`0.5`, `-3`, `.25`, `1e-3`). Rejects
/// `nan`, `inf`, hexadecimal and empty fields.
private func parseNumber(_ text: String) -> Double? {
  var hasDigit = false
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): hasDigit = true
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
    default: return nil
    }
  }
  guard hasDigit, let value = Double(text), value.isFinite else { return nil }
  return value
}

/// `text` in double quotes, or `an empty field` when there is nothing.
private func quoted(_ text: String) -> String {
  text.isEmpty ? "an empty field" : "\"\(text)\""
}

/// `0` and `1` rather than `0.0` and `1.0` in messages.
private func format(_ value: Double) -> String {
  value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}

/// A space or a tab.
private func isBlank(_ byte: UInt8) -> Bool {
  byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
}

/// Splits one line (UTF-8 bytes, without its line end) into fields. A field
/// may be wrapped in double quotes (then it may hold commas, and `""` stands
/// for one quote); spaces and tabs around fields are dropped. Returns nil
/// when a quote is not closed.
private func splitFields(_ line: ArraySlice<UInt8>) -> [String]? {
  let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
  var fields: [String] = []
  var index = line.startIndex
  while true {
    while index < line.endIndex, isBlank(line[index]) { index += 1 }
    var field: [UInt8] = []
    if index < line.endIndex, line[index] == quote {
      index += 1
      var closed = false
      while index < line.endIndex {
        let byte = line[index]
        index += 1
        if byte != quote {
          field.append(byte)
        } else if index < line.endIndex, line[index] == quote {
          field.append(quote)
          index += 1
        } else {
          closed = true
          break
        }
      }
      guard closed else { return nil }
    }
    // Unquoted text, or anything between a closing quote and the comma.
    while index < line.endIndex, line[index] != comma {
      field.append(line[index])
      index += 1
    }
    while let last = field.last, isBlank(last) { field.removeLast() }
    let start = field.firstIndex { !isBlank($0) } ?? field.endIndex
    fields.append(String(decoding: field[start...], as: UTF8.self))
    guard index < line.endIndex else { break }
    index += 1  // the comma
  }
  return fields
}
