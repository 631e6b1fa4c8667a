import ArgumentParser
import Foundation
import Gradebook
import Runner

/// `groundwork grade SUBMISSIONS`: grades a class into a gradebook.
struct GradeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "grade",
    abstract: "Grade every learner's exercises into a gradebook (SQLite, with CSV and JSON exports).",
    discussion: """
      Each folder in SUBMISSIONS is one learner: a copy of Exercises/ or a clone of the course. \
      Re-running grades only what changed. Split a large class with --shard i/n and join the \
      shards' gradebooks with --merge.
      """)

  @Argument(help: "The folder holding one sub-folder per learner (omit with --merge).")
  var submissions: String?

  @Option(help: "The seed graders draw inputs from; keep it secret so hard-coded answers fail.")
  var seed: UInt64?

  @Option(help: "The gradebook database to write.")
  var gradebook = "gradebook.sqlite"

  @Option(help: "Grade only shard i of n (1-based), e.g. 2/4.")
  var shard: String?

  @Option(parsing: .upToNextOption, help: "Merge these gradebooks into --gradebook instead of grading.")
  var merge: [String] = []

  func run() throws {
    let databaseURL = URL(fileURLWithPath: gradebook)
    let store: GradebookStore
    do {
      store = try GradebookStore(file: databaseURL)
    } catch {
      throw CLIError(error.description)
    }
    if !merge.isEmpty {
      guard submissions == nil else { throw CLIError("--merge takes gradebooks, not a submissions folder") }
      do {
        try store.merge(merge.map { URL(fileURLWithPath: $0) })
      } catch {
        throw CLIError(error.description)
      }
      try export(store, to: databaseURL)
      print("merged \(merge.count) gradebook\(merge.count == 1 ? "" : "s") into \(gradebook)")
      return
    }
    guard let submissions else { throw CLIError("name the submissions folder: groundwork grade SUBMISSIONS --seed N") }
    guard let seed else {
      throw CLIError("choose a seed with --seed N, and keep it secret so that answers hard-coded for the public seed fail")
    }
    let workspace = try Workspace.load()
    let roster: ClassRoster
    do {
      roster = try ClassRoster(folder: URL(fileURLWithPath: submissions))
    } catch {
      throw CLIError(error.description)
    }
    var learners = roster.learners
    if let shard {
      let parts = shard.split(separator: "/").compactMap { Int($0) }
      guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
        throw CLIError("--shard \(shard): expected i/n with 1 ≤ i ≤ n, e.g. 2/4")
      }
      learners = roster.shard(parts[0], of: parts[1])
    }
    let grader = ClassGrader(
      grader: ExerciseGrader(project: workspace.project, toolchain: try workspace.toolchain()), gradebook: store,
      seed: seed)
    let started = Date()
    let summary: ClassGrader.Summary
    do {
      summary = try grader.grade(learners, on: workspace.curriculum.exercises)
    } catch {
      throw CLIError(error.description)
    }
    try export(store, to: databaseURL)
    print(
      "graded \(summary.graded) submission\(summary.graded == 1 ? "" : "s") of \(learners.count) learner\(learners.count == 1 ? "" : "s") (\(summary.unchanged) unchanged) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s → \(gradebook)"
    )
  }

  /// Writes `NAME.csv` and `NAME.json` beside the database.
  func export(_ store: GradebookStore, to databaseURL: URL) throws {
    let base = databaseURL.deletingPathExtension()
    do {
      let scores = try store.scores()
      try Data(GradebookExport.csv(scores).utf8).write(to: base.appendingPathExtension("csv"), options: .atomic)
      try Data(GradebookExport.json(scores).utf8).write(to: base.appendingPathExtension("json"), options: .atomic)
    } catch let error as GradebookError {
      throw CLIError(error.description)
    } catch {
      throw CLIError("\(base.path).csv: cannot write the export (\(error.localizedDescription))")
    }
  }
}
