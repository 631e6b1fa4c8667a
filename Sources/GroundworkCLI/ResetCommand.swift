import ArgumentParser
import Curriculum
import Foundation
import Runner

/// `groundwork reset EXERCISE` / `groundwork reset --all`: the untouched
/// exercise file back, after a confirmation.
struct ResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract: "Restore an exercise file as the curriculum ships it.",
    discussion: """
      Your version is kept in .groundwork/backup/ first. The untouched file comes \
      from git (the branch you track, else HEAD). Your progress is not changed: \
      an exercise that passed stays passed.
      """)

  @Argument(help: "The exercise id, as `groundwork list` shows it.")
  var exercise: String?

  @Flag(help: "Reset every exercise file.")
  var all = false

  @Flag(name: [.short, .long], help: "Do not ask for confirmation.")
  var yes = false

  func validate() throws {
    if all && exercise != nil { throw ValidationError("give an exercise or --all, not both") }
    if !all && exercise == nil { throw ValidationError("name the exercise to reset, or give --all") }
  }

  func run() throws {
    let workspace = try Workspace.load()
    let specs = all ? workspace.curriculum.exercises : [try workspace.exercise(named: exercise!)]
    let reset = ExerciseReset(project: workspace.project)
    // Only files that differ are touched or asked about; an untouched file
    // needs no confirmation and gets no backup.
    let changed = specs.filter { reset.isModified($0.exercisePath) }
    guard !changed.isEmpty else {
      print(all ? "Every exercise file is untouched already." : "\(specs[0].exercisePath) is untouched already.")
      return
    }
    if !yes {
      let what =
        changed.count == 1
        ? changed[0].exercisePath
        : "\(changed.count) exercise files (\(changed.map(\.id).joined(separator: ", ")))"
      guard try Confirmation.ask("Reset \(what)? Your version is kept in .groundwork/backup/. [y/N] ") else {
        print("Nothing reset.")
        return
      }
    }
    for spec in changed {
      do {
        let backup = try reset.reset(spec.exercisePath)
        print("Reset \(spec.exercisePath)" + (backup.map { " (yours is in \($0))" } ?? ""))
      } catch {
        throw CLIError(error.description)
      }
    }
  }
}
