import Curriculum
import Foundation
import Runner
import TerminalUI

/// What every command needs: the project, its curriculum, the learner's
/// progress and how to draw on this terminal.
struct Workspace {
  var project: Project
  var curriculum: Curriculum
  var diagnostics: [Diagnostic]
  var progressStore: ProgressStore
  var style: TerminalStyle
  var width: Int

  /// Finds the project from the current folder and loads it. Malformed
  /// lessons are reported on stderr (one line each) and left out, so the
  /// rest of the curriculum stays usable.
  static func load(reportDiagnostics: Bool = true) throws -> Workspace {
    let environment = ProcessInfo.processInfo.environment
    let start = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    guard let project = Project.find(from: start) ?? environment["GROUNDWORK_ROOT"].map({ Project(root: URL(fileURLWithPath: $0)) })
    else {
      throw CLIError("no Groundwork project here: run groundwork inside the folder you cloned (it holds Package.swift and Lessons/)")
    }
    let outcome = CurriculumLoader.load(root: project.root)
    if reportDiagnostics {
      for diagnostic in outcome.diagnostics {
        FileHandle.standardError.write(Data("warning: \(diagnostic)\n".utf8))
      }
    }
    return Workspace(
      project: project, curriculum: outcome.curriculum, diagnostics: outcome.diagnostics,
      progressStore: ProgressStore(file: project.progressFile),
      style: TerminalStyle.detect(environment: environment, stdoutIsTTY: isatty(STDOUT_FILENO) == 1),
      width: terminalWidth(environment: environment))
  }

  /// The learner's progress; a corrupt file is a set-up error naming it.
  func progress() throws -> ProgressStore.Progress {
    do {
      return try progressStore.load()
    } catch {
      throw CLIError(error.description)
    }
  }

  /// The first exercise, in curriculum order, that has not passed yet.
  func nextExercise(progress: ProgressStore.Progress) -> ExerciseSpec? {
    curriculum.exercises.first { progress.completed[$0.id] == nil }
  }

  /// The exercise named on the command line, or a usage error listing ids.
  func exercise(named id: String) throws -> ExerciseSpec {
    if let exercise = curriculum.exercise(id: id) { return exercise }
    let known = curriculum.exercises.map(\.id).joined(separator: ", ")
    throw CLIError("no exercise \"\(id)\" (exercises: \(known.isEmpty ? "none" : known))")
  }

  /// The card that shows an exercise.
  func card(for exercise: ExerciseSpec, progress: ProgressStore.Progress) -> ExerciseCard {
    ExerciseCard(
      id: exercise.id, title: exercise.title, file: exercise.exercisePath, entryPoints: exercise.entryPoints,
      command: "groundwork check \(exercise.id)",
      status: progress.completed[exercise.id] == nil ? .pending : .done, tolerance: exercise.tolerance)
  }

  /// The toolchain to compile exercises with.
  func toolchain() throws -> Toolchain {
    do {
      return try Toolchain.locate(project: project)
    } catch {
      throw CLIError(error.description)
    }
  }

  /// Paint `text` with ANSI codes when colour is on.
  func paint(_ text: String, _ codes: String) -> String {
    style.color ? "\u{1B}[\(codes)m\(text)\u{1B}[0m" : text
  }
}
