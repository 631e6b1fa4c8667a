import ArgumentParser
import Curriculum
import Foundation
import Runner
import TerminalUI

/// `groundwork list`: every part, lesson and exercise with its status.
struct ListCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list", abstract: "List parts, lessons and exercises with what you have done.")

  @Flag(help: "Print one JSON object: parts → lessons → exercises with id, file and status.")
  var json = false

  func run() throws {
    let workspace = try Workspace.load()
    let progress = try workspace.progress()
    if json {
      print(try ListJSON.render(workspace.curriculum, progress: progress))
      return
    }
    let lines = Self.lines(workspace: workspace, progress: progress)
    if !lines.isEmpty { print(lines.joined(separator: "\n")) }
  }

  /// Every part with its progress bar, its lessons and their exercises with
  /// done/pending marks, one string per line (`watch` shows the same list).
  static func lines(workspace: Workspace, progress: Runner.ProgressStore.Progress) -> [String] {
    var lines: [String] = []
    for part in workspace.curriculum.parts {
      let exercises = part.lessons.flatMap(\.exercises)
      let done = exercises.filter { progress.completed[$0.id] != nil }.count
      lines.append(
        workspace.paint("Part \(part.number) · \(part.title)", "1") + "  "
          + progressBar(done: done, total: exercises.count, width: 12, style: workspace.style))
      for lesson in part.lessons {
        let minutes = lesson.frontMatter.minutes.map { " · \($0) min" } ?? ""
        lines.append("  \(lesson.reference)  \(lesson.title)  (\(lesson.slug))\(minutes)")
        for exercise in lesson.exercises {
          let isDone = progress.completed[exercise.id] != nil
          let mark = isDone ? workspace.paint("✓", "32") : workspace.paint("○", "33")
          let plainMark = isDone ? "[done]   " : "[pending]"
          lines.append("       \(workspace.style.color ? mark : plainMark) \(exercise.id): \(exercise.title)")
        }
      }
    }
    return lines
  }
}

/// The JSON shape of `groundwork list --json`.
enum ListJSON {
  struct Document: Encodable {
    var parts: [PartEntry]
  }
  struct PartEntry: Encodable {
    var number: Int
    var title: String
    var path: String
    var lessons: [LessonEntry]
  }
  struct LessonEntry: Encodable {
    var id: String
    var reference: String
    var title: String
    var path: String
    var exercises: [ExerciseEntry]
  }
  struct ExerciseEntry: Encodable {
    var id: String
    var title: String
    var file: String
    var solution: String
    var grader: String
    var status: String
  }

  static func render(_ curriculum: Curriculum, progress: Runner.ProgressStore.Progress) throws -> String {
    let document = Document(
      parts: curriculum.parts.map { part in
        PartEntry(
          number: part.number, title: part.title, path: part.path,
          lessons: part.lessons.map { lesson in
            LessonEntry(
              id: lesson.slug, reference: lesson.reference, title: lesson.title, path: lesson.path,
              exercises: lesson.exercises.map { exercise in
                ExerciseEntry(
                  id: exercise.id, title: exercise.title, file: exercise.exercisePath,
                  solution: exercise.solutionPath, grader: exercise.grader,
                  status: progress.completed[exercise.id] == nil ? "pending" : "done")
              })
          })
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(document), as: UTF8.self)
  }
}
