import ArgumentParser
import Curriculum
import Foundation
import TerminalUI

/// `groundwork` with no argument: where the learner is and what to do next.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show your progress and the next thing to do (the default).")

  func run() throws {
    let workspace = try Workspace.load()
    let progress = try workspace.progress()
    let exercises = workspace.curriculum.exercises
    let done = exercises.filter { progress.completed[$0.id] != nil }.count

    var lines: [String] = []
    lines.append(workspace.paint("Groundwork", "1") + " · ML engineering fundamentals, one executable idea at a time")
    lines.append("")
    lines.append(
      "Progress  " + progressBar(done: done, total: exercises.count, width: 24, style: workspace.style))
    for part in workspace.curriculum.parts {
      let partExercises = part.lessons.flatMap(\.exercises)
      let partDone = partExercises.filter { progress.completed[$0.id] != nil }.count
      lines.append("  Part \(part.number) · \(part.title)  \(partDone)/\(partExercises.count)")
    }
    lines.append("")
    guard let next = workspace.nextExercise(progress: progress),
      let lesson = workspace.curriculum.lesson(containing: next.id)
    else {
      lines.append(
        exercises.isEmpty
          ? "No exercises yet: lessons live in Lessons/."
          : "Every exercise passes. Read any lesson again with `groundwork read LESSON`.")
      print(lines.joined(separator: "\n"))
      return
    }
    lines.append("Next: lesson \(lesson.reference), \(lesson.title)")
    if let summary = lesson.frontMatter.summary {
      let minutes = lesson.frontMatter.minutes.map { " (about \($0) minutes)" } ?? ""
      lines.append("      \(summary)\(minutes)")
    }
    print(lines.joined(separator: "\n"))
    let renderer = MarkdownRenderer(width: workspace.width, style: workspace.style)
    print(renderer.render(card: workspace.card(for: next, progress: progress)), terminator: "")
    print("")
    print("Read the lesson:    groundwork read \(lesson.slug)")
    print("Grade your code:    groundwork check \(next.id)   (or `groundwork watch`: on every save)")
    print("Stuck?              groundwork hint \(next.id)")
  }
}
