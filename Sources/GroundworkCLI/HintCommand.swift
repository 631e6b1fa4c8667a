import ArgumentParser
import Curriculum
import Foundation

/// `groundwork hint [EXERCISE] [N]`: hints from a nudge to nearly the
/// answer, revealed one at a time.
struct HintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hint",
    abstract: "Reveal the next hint for an exercise (or show the Nth again).",
    discussion: """
      Each call reveals one more hint, from a nudge to nearly the answer; your \
      progress remembers how many you have seen. Give N to see one of them again.
      """)

  @Argument(help: "The exercise id. Default: your next unfinished exercise.")
  var exercise: String?

  @Argument(help: "Which hint to show, from 1 (a nudge) up (nearly the answer). Default: the next one.")
  var number: Int?

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
    guard !spec.hints.isEmpty else {
      print("\(spec.id) has no hints. The lesson and `groundwork check \(spec.id)` are the best guides.")
      return
    }
    let shown = try workspace.progress().hintsShown[spec.id, default: 0]
    let chosen = number ?? min(shown + 1, spec.hints.count)
    guard (1...spec.hints.count).contains(chosen) else {
      throw CLIError("\(spec.id) has hints 1 to \(spec.hints.count), not \(chosen)")
    }
    do {
      try workspace.progressStore.recordHintsShown(spec.id, upTo: chosen)
    } catch {
      throw CLIError(error.description)
    }
    print(Self.text(spec, number: chosen, workspace: workspace), terminator: "")
  }

  /// Hint `number` of `spec`, with a line saying how to get the next one
  /// (`nextHow`, e.g. "press h"; by default the command); ends with a
  /// newline. `watch` shows hints the same way.
  static func text(_ spec: ExerciseSpec, number: Int, workspace: Workspace, nextHow: String? = nil) -> String {
    var lines = [workspace.paint("Hint \(number) of \(spec.hints.count) for \(spec.id)", "1")]
    lines.append(spec.hints[number - 1])
    if number < spec.hints.count {
      lines.append("")
      lines.append("A stronger one: " + (nextHow ?? "groundwork hint \(spec.id)"))
    } else if spec.hints.count > 1 {
      lines.append("")
      lines.append("That was the last hint. Earlier ones: groundwork hint \(spec.id) 1 … \(spec.hints.count - 1)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
