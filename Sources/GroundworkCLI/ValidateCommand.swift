import ArgumentParser
import Foundation
import Runner

/// `groundwork validate`: the instructor's proof that the curriculum works.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Prove every lesson parses, every solution passes and every untouched exercise fails.",
    discussion: "Exit status: 0 when all is well, 1 when a problem is found, 2 on a set-up error.")

  @Argument(
    help: ArgumentHelp(
      "Lessons whose exercises to compile and grade (1.7, calibration, 07-calibration); all when none is named.",
      discussion: "Front matter, links and exercise ids are checked for every lesson either way."))
  var lessons: [String] = []

  @Flag(help: "Print one JSON object: {\"ok\", \"exercises\": [...], \"problems\": [...]}.")
  var json = false

  func run() throws {
    let workspace = try Workspace.load(reportDiagnostics: false)
    let chosen = try lessons.map { name in
      guard let lesson = workspace.curriculum.lesson(named: name) else {
        let names = workspace.curriculum.lessons.map { "\($0.reference) \($0.slug)" }.joined(separator: ", ")
        throw CLIError("no lesson \"\(name)\" (lessons: \(names.isEmpty ? "none" : names))")
      }
      return lesson.path
    }
    let validator = CurriculumValidator(
      grader: ExerciseGrader(project: workspace.project, toolchain: try workspace.toolchain()))
    let outcome = validator.validate(
      workspace.curriculum, diagnostics: workspace.diagnostics, lessonPaths: chosen.isEmpty ? nil : Set(chosen))

    if json {
      struct Output: Encodable {
        struct Exercise: Encodable {
          var id: String
          var solutionSeeds: [UInt64]
          var exerciseFails: Bool
          var ok: Bool
        }
        var ok: Bool
        var lessons: Int
        var exercises: [Exercise]
        var problems: [String]
      }
      let output = Output(
        ok: outcome.problems.isEmpty, lessons: workspace.curriculum.lessons.count,
        exercises: outcome.exercises.map {
          .init(id: $0.id, solutionSeeds: $0.solutionSeeds, exerciseFails: $0.exerciseFails, ok: $0.problems.isEmpty)
        },
        problems: outcome.problems.map(\.description))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      print(String(decoding: try encoder.encode(output), as: UTF8.self))
    } else {
      for exercise in outcome.exercises where exercise.problems.isEmpty {
        print(
          "\(workspace.paint("ok", "32"))  \(exercise.id): solution passes (seeds \(exercise.solutionSeeds.map(String.init).joined(separator: ", "))), untouched exercise fails"
        )
      }
      for problem in outcome.problems {
        print("\(workspace.paint("problem", "31"))  \(problem)")
      }
      print(
        "\(workspace.curriculum.lessons.count) lessons, \(outcome.exercises.count) exercises, \(outcome.problems.count) problem\(outcome.problems.count == 1 ? "" : "s")"
      )
    }
    if !outcome.problems.isEmpty { throw ExitCode(1) }
  }
}
