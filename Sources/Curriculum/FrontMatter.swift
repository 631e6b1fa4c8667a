/// The block at the top of a lesson between two `---` lines, with what a
/// list or status screen shows before the lesson is opened:
///
/// ```markdown
/// ---
/// summary: Why confidence scores lie, and how to measure by how much.
/// minutes: 30
/// ---
/// # Calibration: …
/// ```
///
/// Lines are `key: value`, like an exercise block. GitHub shows the block
/// as a small table above the lesson.
public struct FrontMatter: Sendable, Hashable {
  /// One sentence on what the lesson teaches.
  public var summary: String?
  /// About how long the lesson and its exercises take, in minutes.
  public var minutes: Int?

  /// Front matter with the given fields.
  public init(summary: String? = nil, minutes: Int? = nil) {
    self.summary = summary
    self.minutes = minutes
  }

  /// The keys a lesson's front matter may have.
  public static let keys = ["summary", "minutes"]

  /// Splits `markdown` into its front matter and the rest. The front
  /// matter's lines are replaced by empty lines in the returned body, so
  /// that line numbers in the body are line numbers in the file.
  static func split(_ markdown: String, path: String) -> (FrontMatter, body: String, problems: [Diagnostic]) {
    var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.first?.trimmed == "---" else { return (FrontMatter(), markdown, []) }
    guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmed == "---" }) else {
      return (
        FrontMatter(), markdown,
        [Diagnostic(path: path, line: 1, message: "front matter opened with --- is never closed by a --- line")]
      )
    }
    var frontMatter = FrontMatter()
    var problems: [Diagnostic] = []
    for index in 1..<close {
      let text = lines[index].trimmed
      guard !text.isEmpty else { continue }
      guard let colon = text.firstIndex(of: ":") else {
        problems.append(Diagnostic(path: path, line: index + 1, message: "front matter: expected `key: value`, found \"\(text)\""))
        continue
      }
      let key = String(text[..<colon]).trimmed
      let value = unquoted(String(text[text.index(after: colon)...]).trimmed)
      switch key {
      case "summary":
        frontMatter.summary = value.isEmpty ? nil : value
      case "minutes":
        guard let minutes = Int(value), minutes > 0 else {
          problems.append(Diagnostic(path: path, line: index + 1, message: "front matter: minutes must be a positive whole number, got \"\(value)\""))
          continue
        }
        frontMatter.minutes = minutes
      default:
        problems.append(
          Diagnostic(
            path: path, line: index + 1,
            message: "front matter: unknown key \"\(key)\" (known keys: \(keys.joined(separator: ", ")))"))
      }
    }
    for index in 0...close { lines[index] = "" }
    return (frontMatter, lines.joined(separator: "\n"), problems)
  }

  /// The keys a complete front matter has but this one lacks.
  public var missingKeys: [String] {
    (summary == nil ? ["summary"] : []) + (minutes == nil ? ["minutes"] : [])
  }
}
