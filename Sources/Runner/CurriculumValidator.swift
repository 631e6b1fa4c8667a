import Curriculum
import Dispatch
import Foundation
import Grading

/// Proves the curriculum sound: every lesson parses, every exercise block
/// names a grader that exists with the signatures the lesson shows, every
/// solution passes its grader under several seeds, and every untouched
/// exercise compiles and fails. Exercises are checked in parallel and every
/// problem is reported, not only the first.
public struct CurriculumValidator: Sendable {
  /// One problem, at the place that must change.
  public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The file (and line) to look at, e.g. `Solutions/1-foundation/calibration.swift`.
    public var place: String
    /// What is wrong.
    public var message: String
    public var description: String { "\(place): \(message)" }

    /// A problem at `place` saying `message`.
    public init(place: String, message: String) {
      self.place = place
      self.message = message
    }

    /// The problem a curriculum diagnostic describes.
    public init(_ diagnostic: Diagnostic) {
      self.init(
        place: diagnostic.line.map { "\(diagnostic.path):\($0)" } ?? diagnostic.path, message: diagnostic.message)
    }
  }

  /// What validating one exercise found.
  public struct ExerciseResult: Sendable {
    /// The exercise's id.
    public var id: String
    /// Seeds under which the solution passed.
    public var solutionSeeds: [UInt64]
    /// Whether the untouched exercise failed, as it should.
    public var exerciseFails: Bool
    /// Problems found for this exercise.
    public var problems: [Problem]
  }

  /// The seeds each solution must pass under.
  public var seeds: [UInt64] = [1, 2, 3]
  /// The grader to run solutions and exercises with.
  public var grader: ExerciseGrader

  /// A validator grading with `grader`.
  public init(grader: ExerciseGrader) {
    self.grader = grader
  }

  /// Validates `curriculum`; `diagnostics` are the loader's problems,
  /// reported first. Front matter, links and exercise ids are checked for
  /// every lesson (they are cheap and one lesson's change can break
  /// another's link); exercises are compiled and graded for the lessons at
  /// `lessonPaths` only, or for all of them when it is nil, so an author
  /// working on one lesson proves it in seconds.
  public func validate(_ curriculum: Curriculum, diagnostics: [Diagnostic], lessonPaths: Set<String>? = nil) -> (
    problems: [Problem], exercises: [ExerciseResult]
  ) {
    let loadProblems = diagnostics.map { Problem($0) }
    let frontMatterProblems = curriculum.lessons.compactMap { lesson -> Problem? in
      let missing = lesson.frontMatter.missingKeys
      guard !missing.isEmpty else { return nil }
      return Problem(
        place: "\(lesson.path):1",
        message: "front matter incomplete: add \(missing.joined(separator: " and ")) in a --- block at the top")
    }
    let linkProblems = curriculum.lessons.flatMap { lesson in
      CurriculumLoader.brokenLinks(in: lesson, root: grader.project.root).map { Problem($0) }
    }
    let idProblems = Self.idProblems(curriculum, registry: grader.project.url(Self.idRegistryPath))
    let exercises = curriculum.lessons.filter { lessonPaths?.contains($0.path) ?? true }.flatMap(\.exercises)
    let results = ResultSlots<ExerciseResult>(count: exercises.count)
    DispatchQueue.concurrentPerform(iterations: exercises.count) { index in
      results[index] = validate(exercises[index])
    }
    let exerciseResults = results.values
    return (loadProblems + frontMatterProblems + linkProblems + idProblems + exerciseResults.flatMap(\.problems), exerciseResults)
  }

  /// Validates one exercise.
  public func validate(_ exercise: ExerciseSpec) -> ExerciseResult {
    var result = ExerciseResult(id: exercise.id, solutionSeeds: [], exerciseFails: false, problems: [])
    let blockPlace = "\(exercise.lessonPath):\(exercise.line)"
    func problem(_ place: String, _ message: String) {
      result.problems.append(Problem(place: place, message: message))
    }

    guard let expected = Self.signatures(ofGraderNamed: exercise.grader) else {
      let known = GraderRegistry.names.joined(separator: ", ")
      problem(blockPlace, "no grader named \"\(exercise.grader)\" (graders: \(known))")
      return result
    }
    if exercise.entryPoints.map(Self.normalized) != expected.map(Self.normalized) {
      problem(
        blockPlace,
        "entry \(exercise.entryPoints.joined(separator: "; ")) differs from what grader \(exercise.grader) calls: \(expected.joined(separator: "; "))"
      )
    }
    for path in [exercise.exercisePath, exercise.solutionPath]
    where !FileManager.default.fileExists(atPath: grader.project.url(path).path) {
      problem(path, "missing (named by \(blockPlace))")
    }
    guard result.problems.isEmpty else { return result }
    result.problems += syncProblems(exercise)

    for seed in seeds {
      do {
        let report = try grader.grade(exercise, submission: .solution, seed: seed)
        if report.passed {
          result.solutionSeeds.append(seed)
        } else {
          problem(exercise.solutionPath, "fails its grader with seed \(seed): \(Self.summary(of: report))")
        }
      } catch {
        problem(exercise.solutionPath, error.description)
      }
    }
    do {
      let report = try grader.grade(exercise, submission: .exercise, seed: seeds[0])
      switch report.blocker {
      case .compileFailed(let failure):
        problem(exercise.exercisePath, "the untouched exercise must compile: \(failure.description)")
      case .forbiddenSymbol(let name, let line):
        problem("\(exercise.exercisePath):\(line)", "the untouched exercise uses \(name), which its grader forbids")
      case .didNotStart(let explanation):
        problem(exercise.exercisePath, "the untouched exercise stops the grader before any check: \(explanation)")
      case nil:
        if report.passed {
          problem(exercise.exercisePath, "the untouched exercise passes its grader; it must fail until the learner writes it")
        } else {
          result.exerciseFails = true
        }
      }
    } catch {
      problem(exercise.exercisePath, error.description)
    }
    return result
  }

  /// The file listing every exercise id ever published, one per line.
  public static let idRegistryPath = "Lessons/exercise-ids.txt"

  /// Ids are stable: learners' progress is stored under them, so every id
  /// in the registry must still exist (a removed exercise is kept as a line
  /// `retired: ID`), and every exercise must be in the registry.
  static func idProblems(_ curriculum: Curriculum, registry: URL) -> [Problem] {
    guard let text = try? String(contentsOf: registry, encoding: .utf8) else {
      return [Problem(place: idRegistryPath, message: "missing: it lists every published exercise id, one per line")]
    }
    var published: [(id: String, line: Int)] = []
    var retired = Set<String>()
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingSpaces
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("retired:") {
        retired.insert(String(line.dropFirst("retired:".count)).trimmingSpaces)
      } else {
        published.append((line, index + 1))
      }
    }
    let current = Set(curriculum.exercises.map(\.id))
    var problems: [Problem] = []
    for entry in published where !current.contains(entry.id) && !retired.contains(entry.id) {
      problems.append(
        Problem(
          place: "\(idRegistryPath):\(entry.line)",
          message: "exercise id \"\(entry.id)\" was published but no lesson declares it; learners' progress refers to it (rename it back, or add `retired: \(entry.id)`)"))
    }
    let known = Set(published.map(\.id))
    for exercise in curriculum.exercises where !known.contains(exercise.id) {
      problems.append(
        Problem(
          place: "\(exercise.lessonPath):\(exercise.line)",
          message: "exercise id \"\(exercise.id)\" is not in \(idRegistryPath); add it (ids are permanent once published)"))
    }
    return problems
  }

  /// Whether the learner's file is exactly what `groundwork sync` writes
  /// from the solution's marked regions.
  func syncProblems(_ exercise: ExerciseSpec) -> [Problem] {
    let project = grader.project
    guard let solution = try? String(contentsOf: project.url(exercise.solutionPath), encoding: .utf8),
      let current = try? String(contentsOf: project.url(exercise.exercisePath), encoding: .utf8)
    else { return [Problem(place: exercise.solutionPath, message: "cannot be read as UTF-8 text")] }
    switch SolutionMarkers.exercise(fromSolution: solution, path: exercise.solutionPath) {
    case .failure(let list):
      return list.diagnostics.map { Problem($0) }
    case .success(let expected):
      if expected == current { return [] }
      return [
        Problem(
          place: exercise.exercisePath,
          message: "differs from what `groundwork sync` writes from \(exercise.solutionPath); run `groundwork sync`")
      ]
    }
  }

  /// The signatures the named grader calls, or nil when there is no such grader.
  static func signatures(ofGraderNamed name: String) -> [String]? {
    guard let graderType = GraderRegistry.grader(named: name) else { return nil }
    return graderType.entryPoints.map(\.signature)
  }

  /// A signature with runs of whitespace collapsed, for comparison.
  static func normalized(_ signature: String) -> String {
    signature.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// One line saying why a report failed.
  static func summary(of report: GradeReport) -> String {
    if let blocker = report.blocker {
      switch blocker {
      case .compileFailed(let failure): return "does not compile: \(failure.description)"
      case .forbiddenSymbol(let name, let line): return "uses \(name) at line \(line)"
      case .didNotStart(let explanation): return explanation
      }
    }
    guard let first = report.checks.first(where: { !$0.passed }) else { return "no check ran" }
    switch first.status {
    case .failed(let expected, let got, let message, _):
      return "\"\(first.name)\" expected \(expected), got \(got). \(message)"
    case .crashed(let explanation), .timedOut(let explanation):
      return "\"\(first.name)\": \(explanation)"
    case .notRun, .passed:
      return "\"\(first.name)\" did not run"
    }
  }
}
