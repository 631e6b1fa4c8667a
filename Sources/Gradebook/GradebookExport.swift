import Foundation

/// The scores of a gradebook as files an instructor opens elsewhere: CSV
/// for spreadsheets, JSON for scripts. One row per learner × exercise (the
/// latest attempt).
public enum GradebookExport {
  /// `learner,exercise,passed,checks_passed,checks_total,reason,graded_at`,
  /// RFC 4180 quoting.
  public static func csv(_ scores: [Attempt]) -> String {
    var lines = ["learner,exercise,passed,checks_passed,checks_total,reason,graded_at"]
    for score in scores {
      let fields = [
        score.learner, score.exercise, score.passed ? "1" : "0", String(score.checksPassed),
        String(score.checksTotal), score.reason ?? "", score.gradedAt,
      ]
      lines.append(fields.map(quoted).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `{"scores": [{"learner", "exercise", "passed", "checks_passed", "checks_total", "reason"}], "learners": {name: passed count}}`.
  public static func json(_ scores: [Attempt]) -> String {
    struct Score: Encodable {
      var learner: String
      var exercise: String
      var passed: Bool
      var checks_passed: Int
      var checks_total: Int
      var reason: String?
    }
    struct Document: Encodable {
      var scores: [Score]
      var learners: [String: Int]
    }
    var totals: [String: Int] = [:]
    for score in scores { totals[score.learner, default: 0] += score.passed ? 1 : 0 }
    let document = Document(
      scores: scores.map {
        Score(
          learner: $0.learner, exercise: $0.exercise, passed: $0.passed, checks_passed: $0.checksPassed,
          checks_total: $0.checksTotal, reason: $0.reason)
      }, learners: totals)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) + "\n" } ?? "{}\n"
  }

  static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
