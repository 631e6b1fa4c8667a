import Foundation
import Runner

/// One learner's attempt at one exercise: a row of the gradebook.
public struct Attempt: Sendable, Equatable {
  /// The learner's id (their folder's name).
  public var learner: String
  /// The exercise's id.
  public var exercise: String
  /// The seed the grader drew its inputs from.
  public var seed: UInt64
  /// A hash of the submitted file (`missing` when there was none): an
  /// unchanged file is not graded again.
  public var contentHash: String
  /// Whether every check passed.
  public var passed: Bool
  /// Checks that passed.
  public var checksPassed: Int
  /// Checks the grader meant to run.
  public var checksTotal: Int
  /// Why it failed, in one line; nil when it passed.
  public var reason: String?
  /// The full report as JSON.
  public var report: String
  /// When it was graded (ISO 8601).
  public var gradedAt: String

  /// The attempt a report describes.
  init(learner: String, exercise: String, seed: UInt64, contentHash: String, report: GradeReport, at date: Date) {
    self.learner = learner
    self.exercise = exercise
    self.seed = seed
    self.contentHash = contentHash
    passed = report.passed
    checksPassed = report.passedCount
    checksTotal = max(report.plannedChecks, report.checks.count)
    reason = report.passed ? nil : Self.reason(for: report)
    self.report = Self.json(report)
    gradedAt = ISO8601DateFormatter().string(from: date)
  }

  /// An attempt that could not be graded at all (a missing file).
  init(learner: String, exercise: String, seed: UInt64, missingReason: String, at date: Date) {
    self.learner = learner
    self.exercise = exercise
    self.seed = seed
    contentHash = "missing"
    passed = false
    checksPassed = 0
    checksTotal = 0
    reason = missingReason
    report = "{}"
    gradedAt = ISO8601DateFormatter().string(from: date)
  }

  /// Every field, for tests and merges.
  public init(
    learner: String, exercise: String, seed: UInt64, contentHash: String, passed: Bool, checksPassed: Int,
    checksTotal: Int, reason: String?, report: String, gradedAt: String
  ) {
    self.learner = learner
    self.exercise = exercise
    self.seed = seed
    self.contentHash = contentHash
    self.passed = passed
    self.checksPassed = checksPassed
    self.checksTotal = checksTotal
    self.reason = reason
    self.report = report
    self.gradedAt = gradedAt
  }

  /// One line on why a report failed.
  static func reason(for report: GradeReport) -> String {
    if let blocker = report.blocker {
      switch blocker {
      case .compileFailed(let failure):
        if failure.expectedSignatures != nil { return "wrong signature" }
        return "does not compile: " + (failure.learnerErrors.first?.split(separator: "\n").first.map(String.init) ?? "")
      case .forbiddenSymbol(let name, let line): return "calls \(name) at line \(line)"
      case .didNotStart(let explanation): return explanation
      }
    }
    for check in report.checks {
      switch check.status {
      case .passed, .notRun: continue
      case .failed(let expected, let got, _, _): return "\(check.name): expected \(expected), got \(got)"
      case .crashed(let explanation), .timedOut(let explanation): return "\(check.name): \(explanation)"
      }
    }
    return "no check ran"
  }

  /// The report as a JSON object: each check's name, what it tried, its
  /// status and, for a failure, expected, got, message and hint.
  static func json(_ report: GradeReport) -> String {
    struct Check: Encodable {
      var name: String
      var tried: String
      var status: String
      var expected: String?
      var got: String?
      var message: String?
      var hint: String?
    }
    struct Document: Encodable {
      var exercise: String
      var seed: UInt64
      var passed: Bool
      var blocker: String?
      var checks: [Check]
    }
    let checks = report.checks.map { check -> Check in
      switch check.status {
      case .passed: return Check(name: check.name, tried: check.tried, status: "passed")
      case .notRun: return Check(name: check.name, tried: check.tried, status: "not run")
      case .failed(let expected, let got, let message, let hint):
        return Check(
          name: check.name, tried: check.tried, status: "failed", expected: expected, got: got, message: message,
          hint: hint)
      case .crashed(let explanation):
        return Check(name: check.name, tried: check.tried, status: "crashed", message: explanation)
      case .timedOut(let explanation):
        return Check(name: check.name, tried: check.tried, status: "timed out", message: explanation)
      }
    }
    let document = Document(
      exercise: report.exerciseID, seed: report.seed, passed: report.passed,
      blocker: report.blocker == nil ? nil : reason(for: report), checks: checks)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
