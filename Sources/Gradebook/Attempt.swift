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
  init(
    learner: String, exercise: String, seed: UInt64, contentHash: String, report: GradeReport, displayPath: String,
    at date: Date
  ) {
    self.learner = learner
    self.exercise = exercise
    self.seed = seed
    self.contentHash = contentHash
    passed = report.passed
    checksPassed = report.passedCount
    checksTotal = max(report.plannedChecks, report.checks.count)
    reason = report.passed ? nil : Self.reason(for: report)
    self.report = (try? GradeReportJSON(report, displayPath: displayPath).rendered()) ?? "{}"
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
}
