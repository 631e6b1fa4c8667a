import ArgumentParser
import Curriculum
import Foundation
import TerminalUI

/// `groundwork read LESSON`: the lesson rendered for the terminal.
struct ReadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "read", abstract: "Read a lesson in the terminal.")

  @Argument(help: "The lesson: its name (calibration), number (1.7) or file. Default: the lesson of your next exercise.")
  var lesson: String?

  @Flag(name: .customLong("no-pager"), help: "Print the lesson even when it is longer than the screen ($PAGER, default `less -R`, pages it otherwise).")
  var noPager = false

  func run() throws {
    let workspace = try Workspace.load()
    let progress = try workspace.progress()
    let chosen: Lesson
    if let lesson {
      guard let found = workspace.curriculum.lesson(named: lesson) else {
        let names = workspace.curriculum.lessons.map { "\($0.reference) \($0.slug)" }.joined(separator: ", ")
        throw CLIError("no lesson \"\(lesson)\" (lessons: \(names.isEmpty ? "none" : names))")
      }
      chosen = found
    } else {
      let next = workspace.nextExercise(progress: progress).flatMap { workspace.curriculum.lesson(containing: $0.id) }
      guard let first = next ?? workspace.curriculum.lessons.first else {
        throw CLIError("Lessons/ holds no lesson yet")
      }
      chosen = first
    }
    let renderer = MarkdownRenderer(width: workspace.width, style: workspace.style)
    let byLine = Dictionary(chosen.exercises.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
    let text = renderer.render(chosen.markdown) { line, _ in
      byLine[line].map { workspace.card(for: $0, progress: progress) }
    }
    let environment = ProcessInfo.processInfo.environment
    let isTTY = isatty(STDOUT_FILENO) == 1
    if !noPager,
      Pager.shouldPage(text, stdoutIsTTY: isTTY, screenRows: isTTY ? terminalHeight(environment: environment) : nil),
      Pager(environment: environment).show(text)
    {
      return
    }
    print(text, terminator: "")
  }
}
