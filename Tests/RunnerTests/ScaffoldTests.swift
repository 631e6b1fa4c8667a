import Curriculum
import Foundation
import Runner
import Testing
import _TestSupport

@Suite("Scaffold", .serialized)
struct ScaffoldTests {
  /// A copy of the project's lessons, solutions, exercises and grader registry.
  func sandbox() throws -> Project {
    let root = try TemporaryFolder.make("scaffold")
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: root.appendingPathComponent("Sources/Grading/Graders"), withIntermediateDirectories: true)
    for item in ["Lessons", "Exercises", "Solutions", "Sources/Grading/GraderRegistry.swift"] {
      try fileManager.copyItem(at: TestPaths.packageRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    return Project(root: root)
  }

  @Test("names: slugs and function names")
  func names() {
    #expect(Scaffold.slug("Confidence intervals: 87% ± what?") == "confidence-intervals-87-what")
    #expect(Scaffold.functionName("brier-score") == "brierScore")
    #expect(Scaffold.functionName("ece") == "ece")
  }

  @Test("a new lesson and exercise parse, are in sync, register their grader, and the grader type-checks")
  func lessonThenExercise() throws {
    let project = try sandbox()
    var curriculum = CurriculumLoader.load(root: project.root).curriculum
    let lessonPath = try Scaffold(project: project).newLesson(in: curriculum.parts[0], title: "Intervals, honestly")
    let next = (curriculum.parts[0].lessons.map(\.number).max() ?? 0) + 1
    #expect(lessonPath == "Lessons/1-foundation/\(next < 10 ? "0" : "")\(next)-intervals-honestly.md")

    let loaded = CurriculumLoader.load(root: project.root)
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
    curriculum = loaded.curriculum
    let lesson = try #require(curriculum.lesson(named: "intervals-honestly"))
    let files = try Scaffold(project: project).newExercise(in: lesson, id: "mean-gap", partFolder: "1-foundation")
    #expect(files.contains("Sources/Grading/Graders/MeanGapGrader.swift"))

    let reloaded = CurriculumLoader.load(root: project.root)
    #expect(reloaded.diagnostics.isEmpty, "\(reloaded.diagnostics)")
    let exercise = try #require(reloaded.curriculum.exercise(id: "mean-gap"))
    #expect(exercise.grader == "intervals-honestly.mean-gap")
    #expect(exercise.entryPoints == ["func meanGap(values: [Double]) -> Double"])

    let solution = try String(contentsOf: project.url(exercise.solutionPath), encoding: .utf8)
    let learnerFile = try String(contentsOf: project.url(exercise.exercisePath), encoding: .utf8)
    #expect(try SolutionMarkers.exercise(fromSolution: solution, path: exercise.solutionPath).get() == learnerFile)
    let registry = try String(contentsOf: project.url("Sources/Grading/GraderRegistry.swift"), encoding: .utf8)
    #expect(registry.contains("      MeanGapGrader.self,\n      // `groundwork new exercise` adds graders above this line."))

    // The generated grader compiles against the Grading module as built.
    let toolchain = try Toolchain.locate(project: Project(root: TestPaths.packageRoot))
    let graderSource = try String(contentsOf: project.url("Sources/Grading/Graders/MeanGapGrader.swift"), encoding: .utf8)
    let check = project.root.appendingPathComponent("typecheck.swift")
    try Data(("import Grading\n" + graderSource).utf8).write(to: check)
    var arguments = ["-typecheck", check.path, "-I", toolchain.kernelFolder.appendingPathComponent("Modules").path]
    for include in toolchain.includeFolders { arguments += ["-I", include] }
    let outcome = try ChildProcess(executable: toolchain.swiftc, arguments: arguments, limits: .init(seconds: 120)).run()
    #expect(outcome.termination == .exited(0), "\(outcome.stderr)")

    #expect(throws: RunnerError.self) {
      _ = try Scaffold(project: project).newExercise(in: lesson, id: "mean-gap", partFolder: "1-foundation")
    }
    #expect(throws: RunnerError.self) {
      _ = try Scaffold(project: project).newExercise(in: lesson, id: "Bad_Name", partFolder: "1-foundation")
    }
  }
}
