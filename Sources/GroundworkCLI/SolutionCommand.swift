import ArgumentParser
import Curriculum
import Foundation
import TerminalUI

/// `groundwork solution EXERCISE`: the reference solution, once earned.
struct SolutionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "solution",
    abstract: "Show an exercise's reference solution (once it passes).",
    discussion: """
      Comparing your passing code with the reference is a good way to learn \
      more. Before it passes, --force shows it anyway and records that in your progress.
      """)

  @Argument(help: "The exercise id, as `groundwork list` shows it.")
  var exercise: String

  @Flag(help: "Show it before the exercise passes (recorded in your progress).")
  var force = false

  func run() throws {
    let workspace = try Workspace.load()
    let spec = try workspace.exercise(named: exercise)
    let progress = try workspace.progress()
    let passed = progress.completed[spec.id] != nil
    guard passed || force else {
      throw CLIError(
        "\(spec.id) has not passed yet: solve it first (groundwork hint \(spec.id) helps), or use --force, which is recorded in your progress"
      )
    }
    guard let data = FileManager.default.contents(atPath: workspace.project.url(spec.solutionPath).path) else {
      throw CLIError("\(spec.solutionPath): file not found")
    }
    if !passed {
      do {
        try workspace.progressStore.recordSolutionForced(spec.id)
      } catch {
        throw CLIError(error.description)
      }
    }
    let source = String(decoding: data, as: UTF8.self)
    // A fence longer than any backtick run in the file, so the code cannot
    // close it early.
    var fence = "```"
    while source.contains(fence) { fence += "`" }
    let renderer = MarkdownRenderer(width: workspace.width, style: workspace.style)
    print(workspace.paint("Reference solution for \(spec.id) (\(spec.solutionPath))", "1"))
    if !passed { print("Shown before passing; recorded in your progress.") }
    print("")
    print(renderer.render("\(fence)swift\n\(source)\n\(fence)\n"), terminator: "")
  }
}
