import Curriculum
import Dispatch
import Foundation
import Runner

/// Grades every exercise of every learner of a class, in parallel, into a
/// gradebook. A learner's file that is missing, does not compile or never
/// stops is a failed attempt with its reason; nothing a learner submits
/// stops the run. Submissions already graded with the same seed are skipped.
public struct ClassGrader: Sendable {
  /// Grades single exercises (compiler, limits, cache).
  public var grader: ExerciseGrader
  /// Where the results go.
  public var gradebook: GradebookStore
  /// The seed graders draw inputs from: keep it secret, so that answers
  /// hard-coded for the public seed fail.
  public var seed: UInt64
  /// How many submissions are graded at once.
  public var parallelism = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// A class grader writing into `gradebook`.
  public init(grader: ExerciseGrader, gradebook: GradebookStore, seed: UInt64) {
    self.grader = grader
    self.gradebook = gradebook
    self.seed = seed
  }

  /// What one run did.
  public struct Summary: Sendable, Equatable {
    /// Submissions graded in this run.
    public var graded: Int
    /// Submissions skipped because they were graded before, unchanged.
    public var unchanged: Int

    /// A summary of `graded` new and `unchanged` skipped submissions.
    public init(graded: Int, unchanged: Int) {
      self.graded = graded
      self.unchanged = unchanged
    }
  }

  /// Grades `learners` on `exercises`.
  public func grade(_ learners: [ClassRoster.Learner], on exercises: [ExerciseSpec]) throws(GradebookError) -> Summary {
    struct Job: Sendable {
      var learner: ClassRoster.Learner
      var exercise: ExerciseSpec
      var file: URL
      var contentHash: String?
    }
    var jobs: [Job] = []
    var unchanged = 0
    for learner in learners {
      for exercise in exercises {
        let file = learner.exercisesFolder.appendingPathComponent(exercise.file)
        let hash = FileManager.default.contents(atPath: file.path).map { ContentHash.of($0) }
        if try gradebook.contains(
          learner: learner.name, exercise: exercise.id, seed: seed, contentHash: hash ?? "missing")
        {
          unchanged += 1
          continue
        }
        jobs.append(Job(learner: learner, exercise: exercise, file: file, contentHash: hash))
      }
    }

    let pending = jobs
    let results = ResultSlots<Attempt>(count: pending.count)
    let next = Counter()
    let grader = self.grader
    let seed = self.seed
    // A fixed number of workers pulling jobs: concurrentPerform over the
    // jobs themselves would start one compiler per core per job at once.
    DispatchQueue.concurrentPerform(iterations: min(parallelism, max(pending.count, 1))) { _ in
      while let index = next.take(below: pending.count) {
        let job = pending[index]
        let now = Date()
        guard let hash = job.contentHash else {
          results[index] = Attempt(
            learner: job.learner.name, exercise: job.exercise.id, seed: seed,
            missingReason: "missing file \(job.exercise.file)", at: now)
          continue
        }
        do {
          let displayPath = job.learner.name + "/" + job.exercise.file
          let report = try grader.grade(job.exercise, submission: .file(job.file, displayPath: displayPath), seed: seed)
          results[index] = Attempt(
            learner: job.learner.name, exercise: job.exercise.id, seed: seed, contentHash: hash, report: report,
            displayPath: displayPath, at: now)
        } catch {
          results[index] = Attempt(
            learner: job.learner.name, exercise: job.exercise.id, seed: seed, contentHash: hash, passed: false,
            checksPassed: 0, checksTotal: 0, reason: "\(error)", report: "{}",
            gradedAt: ISO8601DateFormatter().string(from: now))
        }
      }
    }
    try gradebook.record(results.values)
    return Summary(graded: pending.count, unchanged: unchanged)
  }
}

/// Hands out job indices to workers, each once.
final class Counter: @unchecked Sendable {
  // Safe to share: `value` is only touched under the lock.
  private var value = 0
  private let lock = NSLock()

  func take(below limit: Int) -> Int? {
    lock.withLock {
      guard value < limit else { return nil }
      defer { value += 1 }
      return value
    }
  }
}
