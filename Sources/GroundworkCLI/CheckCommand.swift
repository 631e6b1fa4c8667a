import ArgumentParser
import Curriculum
import Foundation
import Runner
import TerminalUI

/// `groundwork check [EXERCISE]`: grade the learner's file.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Grade an exercise (default: your next unfinished one).",
    discussion: "Exit status: 0 when every check passes, 1 when one fails, 2 on a usage or set-up error.")

  @Argument(help: "The exercise id, as `groundwork list` shows it.")
  var exercise: String?

  @Option(help: "The seed the grader builds its inputs from; a report names it so a failure can be reproduced.")
  var seed: UInt64 = 1

  @Flag(help: "Grade the reference solution instead of your file (for instructors).")
  var solution = false

  @Flag(help: "Print how long compiling and running took.")
  var timings = false

  @Flag(help: "Print the report as one JSON object (checks with status, expected, got, hint; seed; passed) for editors and CI.")
  var json = false

  func run() throws {
    let workspace = try Workspace.load()
    let progress = try workspace.progress()
    let spec: ExerciseSpec
    if let exercise {
      spec = try workspace.exercise(named: exercise)
    } else {
      guard let next = workspace.nextExercise(progress: progress) else {
        if json { throw CLIError("every exercise passes; name one to grade it again: groundwork check EXERCISE --json") }
        print("Every exercise passes. Name one to grade it again: groundwork check EXERCISE")
        return
      }
      spec = next
    }
    let displayPath = solution ? spec.solutionPath : spec.exercisePath
    if !json {
      print("Checking \(spec.id) (\(displayPath))…")
      fflush(nil)  // show "Checking…" before the compiler starts
    }

    let grader = ExerciseGrader(project: workspace.project, toolchain: try workspace.toolchain())
    let report: GradeReport
    do {
      report = try grader.grade(spec, submission: solution ? .solution : .exercise, seed: seed)
    } catch {
      throw CLIError(error.description)
    }
    if json {
      print(try GradeReportJSON(report, displayPath: displayPath).rendered())
      guard report.passed else { throw ExitCode(1) }
      if !solution { try markCompleted(spec.id, workspace: workspace) }
      return
    }
    print(ReportPrinter(workspace: workspace).render(report, displayPath: displayPath), terminator: "")
    if timings {
      print(
        "compile \(Int((report.compileSeconds * 1000).rounded())) ms (0 when cached), run \(Int((report.runSeconds * 1000).rounded())) ms"
      )
    }
    guard report.passed else { throw ExitCode(1) }
    guard !solution else { return }

    try markCompleted(spec.id, workspace: workspace)
    let updated = try workspace.progress()
    if let next = workspace.nextExercise(progress: updated) {
      print("")
      print("Done. Next up:")
      let renderer = MarkdownRenderer(width: workspace.width, style: workspace.style)
      print(renderer.render(card: workspace.card(for: next, progress: updated)), terminator: "")
    } else {
      print("Done. That was the last exercise: every one passes.")
    }
  }

  private func markCompleted(_ id: String, workspace: Workspace) throws {
    do {
      try workspace.progressStore.markCompleted(id)
    } catch {
      throw CLIError(error.description)
    }
  }
}
