import ArgumentParser
import Curriculum
import Foundation
import Runner

/// `groundwork new lesson|exercise`: scaffolds for instructors.
struct NewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new", abstract: "Scaffold a lesson or an exercise (for instructors).",
    subcommands: [NewLesson.self, NewExercise.self])

  struct NewLesson: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lesson", abstract: "Create Lessons/PART/NN-title.md with the sections every lesson has.")

    @Argument(help: "The part: its number (1) or folder (1-foundation).")
    var part: String

    @Argument(help: "The lesson's title.")
    var title: String

    func run() throws {
      let workspace = try Workspace.load()
      guard let found = workspace.curriculum.parts.first(where: { "\($0.number)" == part || $0.path.hasSuffix("/" + part) })
      else {
        let parts = workspace.curriculum.parts.map { "\($0.number)" }.joined(separator: ", ")
        throw CLIError("no part \"\(part)\" (parts: \(parts.isEmpty ? "none" : parts))")
      }
      do {
        let path = try Scaffold(project: workspace.project).newLesson(in: found, title: title)
        print("created \(path)")
      } catch {
        throw CLIError(error.description)
      }
    }
  }

  struct NewExercise: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exercise",
      abstract: "Add an exercise to a lesson: solution, learner's file, grader and exercise block.",
      discussion: "Then run `./groundwork validate` (it rebuilds the tool with the new grader first).")

    @Argument(help: "The lesson: its name, number (1.2) or file.")
    var lesson: String

    @Argument(help: "The exercise's id, e.g. brier-score (lowercase, digits, dashes).")
    var name: String

    func run() throws {
      let workspace = try Workspace.load()
      guard let found = workspace.curriculum.lesson(named: lesson),
        let part = workspace.curriculum.parts.first(where: { $0.number == found.partNumber })
      else {
        throw CLIError("no lesson \"\(lesson)\"")
      }
      if workspace.curriculum.exercise(id: name) != nil {
        throw CLIError("an exercise \"\(name)\" exists already")
      }
      let folder = String(part.path.dropFirst("Lessons/".count))
      do {
        let files = try Scaffold(project: workspace.project).newExercise(in: found, id: name, partFolder: folder)
        for file in files { print("wrote \(file)") }
        print("Next: edit them, then run ./groundwork validate")
      } catch {
        throw CLIError(error.description)
      }
    }
  }
}
