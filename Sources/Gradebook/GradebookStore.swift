import Foundation
import GRDB

/// The gradebook: an SQLite database with one row per learner × exercise ×
/// attempt (a changed submission is a new attempt), written through GRDB.
public struct GradebookStore: Sendable {
  /// The database file.
  public let file: URL
  private let queue: DatabaseQueue

  /// Opens (or creates) the gradebook at `file`.
  public init(file: URL) throws(GradebookError) {
    self.file = file
    do {
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      queue = try DatabaseQueue(path: file.path)
      try Self.migrator.migrate(queue)
    } catch {
      throw GradebookError("\(file.path): cannot open the gradebook (\(error))")
    }
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("attempts") { db in
      try db.execute(
        sql: """
          CREATE TABLE attempt (
            id INTEGER PRIMARY KEY,
            learner TEXT NOT NULL,
            exercise TEXT NOT NULL,
            seed INTEGER NOT NULL,
            contentHash TEXT NOT NULL,
            passed BOOLEAN NOT NULL,
            checksPassed INTEGER NOT NULL,
            checksTotal INTEGER NOT NULL,
            reason TEXT,
            report TEXT NOT NULL,
            gradedAt TEXT NOT NULL,
            UNIQUE (learner, exercise, seed, contentHash)
          )
          """)
    }
    return migrator
  }

  /// Whether this exact submission was already graded with this seed.
  public func contains(learner: String, exercise: String, seed: UInt64, contentHash: String) throws(GradebookError)
    -> Bool
  {
    try read { db in
      try Int.fetchOne(
        db,
        sql: "SELECT COUNT(*) FROM attempt WHERE learner = ? AND exercise = ? AND seed = ? AND contentHash = ?",
        arguments: [learner, exercise, Int64(bitPattern: seed), contentHash]) ?? 0 > 0
    }
  }

  /// Records attempts; one already present (same learner, exercise, seed and
  /// content) is left as it was.
  public func record(_ attempts: [Attempt]) throws(GradebookError) {
    do {
      try queue.write { db in
        for attempt in attempts {
          try db.execute(
            sql: """
              INSERT OR IGNORE INTO attempt
                (learner, exercise, seed, contentHash, passed, checksPassed, checksTotal, reason, report, gradedAt)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
              """,
            arguments: [
              attempt.learner, attempt.exercise, Int64(bitPattern: attempt.seed), attempt.contentHash, attempt.passed,
              attempt.checksPassed, attempt.checksTotal, attempt.reason, attempt.report, attempt.gradedAt,
            ])
        }
      }
    } catch {
      throw GradebookError("\(file.path): cannot write the gradebook (\(error))")
    }
  }

  /// Every attempt, in learner, exercise and id order.
  public func attempts() throws(GradebookError) -> [Attempt] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM attempt ORDER BY learner, exercise, id").map(Self.attempt)
    }
  }

  /// The latest attempt of each learner at each exercise: the scores.
  public func scores() throws(GradebookError) -> [Attempt] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM attempt WHERE id IN (SELECT MAX(id) FROM attempt GROUP BY learner, exercise)
          ORDER BY learner, exercise
          """
      ).map(Self.attempt)
    }
  }

  /// Copies every attempt of the gradebooks at `others` into this one
  /// (joining shards); attempts already present are kept once.
  public func merge(_ others: [URL]) throws(GradebookError) {
    for other in others {
      guard FileManager.default.fileExists(atPath: other.path) else {
        throw GradebookError("\(other.path): gradebook not found")
      }
      try record(try GradebookStore(file: other).attempts())
    }
  }

  static func attempt(_ row: Row) -> Attempt {
    Attempt(
      learner: row["learner"], exercise: row["exercise"], seed: UInt64(bitPattern: row["seed"] as Int64),
      contentHash: row["contentHash"], passed: row["passed"], checksPassed: row["checksPassed"],
      checksTotal: row["checksTotal"], reason: row["reason"], report: row["report"], gradedAt: row["gradedAt"])
  }

  private func read<T>(_ body: (Database) throws -> T) throws(GradebookError) -> T {
    do {
      return try queue.read(body)
    } catch {
      throw GradebookError("\(file.path): cannot read the gradebook (\(error))")
    }
  }
}
