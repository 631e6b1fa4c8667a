/// Reads the body of an `exercise` block into an `ExerciseSpec`, reporting
/// every problem at its line in the lesson file.
///
/// The body is a small line-oriented format that reads like YAML but is not
/// YAML, on purpose: a Swift signature is full of `: ` and `[`, which plain
/// YAML scalars reject, and instructors should not have to quote code.
///
/// - `key: value` at the start of a line sets a key; the value is the rest of
///   the line (surrounding double quotes are removed).
/// - `key:` alone starts a list; its items are indented lines `- item`.
/// - An indented line that is not an item continues the previous value or
///   item (for long hints).
/// - Blank lines and lines starting with `#` are ignored.
enum ExerciseBlockParser {
  static let requiredKeys = ["id", "title", "file", "entry", "grader", "hints"]
  static let optionalKeys = ["tolerance", "time-limit"]
  static let listKeys: Set<String> = ["entry", "hints"]

  /// A key's value and the body line it was set on.
  struct Field {
    var items: [String]
    var line: Int
    var isList: Bool
  }

  /// Parses one block. `fenceLine` is the line of the opening fence; the
  /// body's first line is the line after it.
  static func parse(body: String, lessonPath: String, fenceLine: Int) -> Result<ExerciseSpec, DiagnosticList> {
    func diagnostic(_ message: String, bodyLine: Int? = nil) -> Diagnostic {
      Diagnostic(
        path: lessonPath, line: bodyLine.map { fenceLine + $0 } ?? fenceLine,
        message: "exercise block: " + message)
    }

    var problems: [Diagnostic] = []
    var values: [String: Field] = [:]
    var currentKey: String?
    let known = requiredKeys + optionalKeys
    for (offset, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = offset + 1
      let line = String(rawLine)
      let text = line.trimmed
      if text.isEmpty || (text.hasPrefix("#") && !line.hasPrefix(" ")) { continue }
      let indented = line.first == " " || line.first == "\t"

      if indented, let key = currentKey {
        if text.hasPrefix("- ") || text == "-" {
          values[key]!.items.append(unquoted(String(text.dropFirst()).trimmed))
          values[key]!.isList = true
        } else if !values[key]!.items.isEmpty {
          let last = values[key]!.items.count - 1
          values[key]!.items[last] += " " + unquoted(text)
        } else {
          problems.append(diagnostic("expected a list item `- …` under \"\(key):\"", bodyLine: lineNumber))
        }
        continue
      }
      guard !indented, let colon = text.firstIndex(of: ":") else {
        problems.append(diagnostic("expected `key: value`, found \"\(text)\"", bodyLine: lineNumber))
        continue
      }
      let key = String(text[..<colon]).trimmed
      let value = String(text[text.index(after: colon)...]).trimmed
      guard known.contains(key) else {
        problems.append(
          diagnostic("unknown key \"\(key)\" (known keys: \(known.joined(separator: ", ")))", bodyLine: lineNumber))
        currentKey = nil
        continue
      }
      if let earlier = values[key] {
        problems.append(
          diagnostic("\"\(key)\" is set twice (first at line \(fenceLine + earlier.line))", bodyLine: lineNumber))
        currentKey = nil
        continue
      }
      values[key] = Field(items: value.isEmpty ? [] : [unquoted(value)], line: lineNumber, isList: false)
      currentKey = key
    }
    for key in requiredKeys where values[key] == nil {
      problems.append(diagnostic("missing \"\(key)\""))
    }

    func scalar(_ key: String) -> String? {
      guard let field = values[key] else { return nil }
      guard field.items.count == 1, !field.isList, !field.items[0].isEmpty else {
        problems.append(diagnostic("\"\(key)\" takes one value on its own line", bodyLine: field.line))
        return nil
      }
      return field.items[0]
    }
    func list(_ key: String) -> [String]? {
      guard let field = values[key] else { return nil }
      if let empty = field.items.firstIndex(where: \.isEmpty) {
        problems.append(diagnostic("\"\(key)\" item \(empty + 1) is empty", bodyLine: field.line))
        return nil
      }
      return field.items
    }

    let id = scalar("id")
    let title = scalar("title")
    let file = scalar("file")
    let entries = list("entry")
    let grader = scalar("grader")
    let tolerance = values["tolerance"] == nil ? nil : scalar("tolerance")
    let hints = list("hints")
    // `time-limit: 30` (seconds, optionally written `30s`): for exercises
    // whose honest solutions need longer than the runner's default.
    var timeLimit: Double?
    if values["time-limit"] != nil, let text = scalar("time-limit") {
      let number = text.hasSuffix("s") ? String(text.dropLast()).trimmed : text
      if let seconds = Double(number), seconds.isFinite, seconds > 0, seconds <= 600 {
        timeLimit = seconds
      } else {
        problems.append(
          diagnostic(
            "time-limit \"\(text)\" must be a number of seconds between 0 and 600", bodyLine: values["time-limit"]?.line))
      }
    }

    if let id, !isValidID(id) {
      problems.append(
        diagnostic(
          "id \"\(id)\" must be lowercase letters, digits and dashes, starting with a letter",
          bodyLine: values["id"]?.line))
    }
    if let file, !isValidFile(file) {
      problems.append(
        diagnostic(
          "file \"\(file)\" must be a relative path to a .swift file inside Exercises/ (no \"..\")",
          bodyLine: values["file"]?.line))
    }
    if let entries {
      if entries.isEmpty { problems.append(diagnostic("\"entry\" lists no signature")) }
      for entry in entries where !entry.hasPrefix("func ") {
        problems.append(
          diagnostic(
            "entry \"\(entry)\" must be a Swift function signature starting with \"func \"",
            bodyLine: values["entry"]?.line))
      }
    }
    if let hints, hints.isEmpty {
      problems.append(diagnostic("\"hints\" must list at least one hint"))
    }

    guard problems.isEmpty, let id, let title, let file, let entries, let grader, let hints else {
      return .failure(DiagnosticList(problems))
    }
    return .success(
      ExerciseSpec(
        id: id, title: title, file: file, entryPoints: entries, grader: grader,
        tolerance: tolerance, hints: hints, lessonPath: lessonPath, line: fenceLine, timeLimit: timeLimit))
  }

  static func isValidID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  static func isValidFile(_ file: String) -> Bool {
    file.hasSuffix(".swift") && !file.hasPrefix("/")
      && !file.split(separator: "/").contains("..") && !file.contains("\\")
  }
}

/// `text` without one pair of surrounding double quotes.
func unquoted(_ text: String) -> String {
  guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
  return String(text.dropFirst().dropLast())
}

extension String {
  var trimmed: String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[start...end])
  }
}
