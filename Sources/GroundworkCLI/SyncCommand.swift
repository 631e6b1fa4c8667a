import ArgumentParser
import Curriculum
import Foundation

/// `groundwork sync`: writes each learner's file from its solution's marked
/// regions, so that Exercises/ is never edited by hand.
struct SyncCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Write Exercises/ from Solutions/ (each // BEGIN SOLUTION … // END SOLUTION region becomes a TODO).",
    discussion: "Exit status: 0 when every file is in sync (or was written), 1 with --check when one differs, 2 on a marker error.")

  @Flag(help: "Only report files that differ; write nothing.")
  var check = false

  func run() throws {
    let workspace = try Workspace.load()
    var markerErrors: [String] = []
    var differing: [String] = []
    var seen = Set<String>()
    for exercise in workspace.curriculum.exercises where seen.insert(exercise.file).inserted {
      let solutionURL = workspace.project.url(exercise.solutionPath)
      guard let solution = try? String(contentsOf: solutionURL, encoding: .utf8) else {
        markerErrors.append("\(exercise.solutionPath): missing or not UTF-8 text")
        continue
      }
      switch SolutionMarkers.exercise(fromSolution: solution, path: exercise.solutionPath) {
      case .failure(let list):
        markerErrors += list.diagnostics.map(\.description)
      case .success(let text):
        let exerciseURL = workspace.project.url(exercise.exercisePath)
        if (try? String(contentsOf: exerciseURL, encoding: .utf8)) == text { continue }
        differing.append(exercise.exercisePath)
        guard !check else { continue }
        do {
          try FileManager.default.createDirectory(
            at: exerciseURL.deletingLastPathComponent(), withIntermediateDirectories: true)
          try Data(text.utf8).write(to: exerciseURL, options: .atomic)
          print("wrote \(exercise.exercisePath)")
        } catch {
          throw CLIError("\(exercise.exercisePath): cannot write (\(error.localizedDescription))")
        }
      }
    }
    for error in markerErrors {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    }
    if !markerErrors.isEmpty { throw ExitCode(2) }
    if check {
      for path in differing { print("out of sync: \(path)") }
      if !differing.isEmpty { throw ExitCode(1) }
    }
    if differing.isEmpty { print("Exercises/ is in sync with Solutions/.") }
  }
}
