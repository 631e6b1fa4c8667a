import Curriculum
import Foundation
import Runner
import TerminalUI

/// Carries out `WatchLoop`'s actions on the terminal: grading and its
/// report, cards, hints, the list, the key line.
struct WatchSession {
  var workspace: Workspace
  var grader: ExerciseGrader
  var seed: UInt64

  /// Does `action`; returns whether the exercise passed when the action was
  /// a grade, nil otherwise.
  func perform(_ action: WatchLoop.Action, current: String?, watcher: FileWatcher) throws -> Bool? {
    defer { fflush(nil) }
    switch action {
    case .grade(let id):
      guard let spec = workspace.curriculum.exercise(id: id) else { return nil }
      return grade(spec, watcher: watcher)
    case .markDone(let id):
      do {
        try workspace.progressStore.markCompleted(id)
      } catch {
        throw CLIError(error.description)
      }
    case .follow(let id):
      guard let spec = workspace.curriculum.exercise(id: id) else { return nil }
      print("")
      print(workspace.paint("Now: \(spec.id)", "1") + " · save \(spec.exercisePath) to check it")
      let renderer = MarkdownRenderer(width: workspace.width, style: workspace.style)
      print(renderer.render(card: workspace.card(for: spec, progress: try workspace.progress())), terminator: "")
      printKeys(watcher: watcher)
    case .showHint(let id, let number):
      guard let spec = workspace.curriculum.exercise(id: id) else { return nil }
      do {
        try workspace.progressStore.recordHintsShown(id, upTo: number)
      } catch {
        throw CLIError(error.description)
      }
      print("")
      print(HintCommand.text(spec, number: number, workspace: workspace, nextHow: "press h"), terminator: "")
      printKeys(watcher: watcher)
    case .noMoreHints(let id, _):
      print("")
      print("\(id) has no hints; the lesson is the best guide (groundwork read).")
    case .showList:
      print("")
      print(ListCommand.lines(workspace: workspace, progress: try workspace.progress()).joined(separator: "\n"))
      printKeys(watcher: watcher)
    case .showKeys:
      printKeys(watcher: watcher)
    case .allDone:
      print("")
      print(workspace.paint("Every exercise passes.", "1;32") + " Read any lesson again with `groundwork read LESSON`.")
    case .quit:
      break
    }
    return nil
  }

  private func grade(_ spec: ExerciseSpec, watcher: FileWatcher) -> Bool {
    print("")
    print(workspace.paint("Checking \(spec.id) (\(spec.exercisePath))…", "1"))
    fflush(nil)
    let report: GradeReport
    do {
      report = try grader.grade(spec, submission: .exercise, seed: seed)
    } catch {
      // A missing file or a broken set-up: say so and keep watching, since
      // the learner may be about to create or fix the file.
      print(workspace.paint("error: ", "1;31") + error.description)
      printKeys(watcher: watcher)
      return false
    }
    print(ReportPrinter(workspace: workspace).render(report, displayPath: spec.exercisePath), terminator: "")
    if report.passed { print(workspace.paint("Done: \(spec.id) passes.", "1;32")) } else { printKeys(watcher: watcher) }
    return report.passed
  }

  private func printKeys(watcher: FileWatcher) {
    let how = watcher.method == .polling ? "polling" : "watching"
    let file = watcher.file.path.replacingOccurrences(of: workspace.project.root.path + "/", with: "")
    print(workspace.paint("\(how) \(file) · h hint · n next · l list · r re-run · q quit", "2"))
  }
}
