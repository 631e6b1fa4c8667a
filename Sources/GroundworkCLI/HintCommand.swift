import ArgumentParser
import Curriculum
import Foundation

/// `groundwork hint EXERCISE [N]`: hints from a nudge to nearly the answer.
struct HintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hint", abstract: "Show a hint for an exercise (the first, or the Nth).")

  @Argument(help: "The exercise id. Default: your next unfinished exercise.")
  var exercise: String?

  @Argument(help: "Which hint, from 1 (a nudge) up (nearly the answer).")
  var number: Int = 1

  func run() throws {
    let workspace = try Workspace.load()
    let spec: ExerciseSpec
    if let exercise {
      spec = try workspace.exercise(named: exercise)
    } else {
      guard let next = workspace.nextExercise(progress: try workspace.progress()) else {
        throw CLIError("every exercise passes already; name one: groundwork hint EXERCISE")
      }
      spec = next
    }
    guard (1...spec.hints.count).contains(number) else {
      throw CLIError("\(spec.id) has hints 1 to \(spec.hints.count), not \(number)")
    }
    print(workspace.paint("Hint \(number) of \(spec.hints.count) for \(spec.id)", "1"))
    print(spec.hints[number - 1])
    if number < spec.hints.count {
      print("")
      print("A stronger one: groundwork hint \(spec.id) \(number + 1)")
    }
  }
}
