/// Finds uses of kernel functions that would do an exercise's work for the
/// learner (`calibrationSummary` in the ECE exercise), ignoring comments and
/// string literals so that mentioning a name in a note is fine.
enum ForbiddenSymbols {
  /// The first forbidden name used in `source` and its 1-based line.
  static func firstUse(in source: String, of names: [String]) -> (name: String, line: Int)? {
    guard !names.isEmpty else { return nil }
    let code = strippingCommentsAndStrings(source)
    for (index, line) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      for name in names where containsIdentifier(String(line), name) {
        return (name, index + 1)
      }
    }
    return nil
  }

  /// Whether `name` (possibly qualified, `Stats.x`) occurs in `line` as a
  /// whole identifier.
  static func containsIdentifier(_ line: String, _ name: String) -> Bool {
    var searchStart = line.startIndex
    while let range = line.range(of: name, range: searchStart..<line.endIndex) {
      let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
      let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
      if !isIdentifierCharacter(before) && !isIdentifierCharacter(after) && before != "." { return true }
      searchStart = range.upperBound
    }
    return false
  }

  static func isIdentifierCharacter(_ character: Character?) -> Bool {
    guard let character else { return false }
    return character.isLetter || character.isNumber || character == "_"
  }

  /// The source with comments and string literals blanked out, newlines kept
  /// so that line numbers stay right.
  static func strippingCommentsAndStrings(_ source: String) -> String {
    var result = ""
    var characters = Array(source)[...]
    var blockDepth = 0
    var inString = false
    while let character = characters.first {
      let next = characters.dropFirst().first
      if blockDepth > 0 {
        if character == "*" && next == "/" { blockDepth -= 1; characters = characters.dropFirst(2); continue }
        if character == "/" && next == "*" { blockDepth += 1; characters = characters.dropFirst(2); continue }
        result.append(character == "\n" ? "\n" : " ")
      } else if inString {
        if character == "\\" { characters = characters.dropFirst(2); result += "  "; continue }
        if character == "\"" { inString = false }
        result.append(character == "\n" ? "\n" : " ")
      } else if character == "/" && next == "/" {
        while let c = characters.first, c != "\n" { characters = characters.dropFirst() }
        continue
      } else if character == "/" && next == "*" {
        blockDepth = 1
        characters = characters.dropFirst(2)
        continue
      } else {
        if character == "\"" { inString = true }
        result.append(character)
      }
      characters = characters.dropFirst()
    }
    return result
  }
}
