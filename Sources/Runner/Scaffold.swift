import Curriculum
import Foundation

/// Writes the files of a new lesson or exercise, wired together so that
/// `groundwork validate` passes right away (after the rebuild that a new
/// grader needs) and the new exercise fails until it is written.
public struct Scaffold: Sendable {
  /// The project to write into.
  public var project: Project

  /// A scaffold writing into `project`.
  public init(project: Project) {
    self.project = project
  }

  /// A slug for a title or name: lowercase ASCII letters and digits joined
  /// by single dashes, at most 40 characters.
  public static func slug(_ text: String) -> String {
    var result = ""
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        result.unicodeScalars.append(scalar)
      } else if !result.isEmpty && !result.hasSuffix("-") {
        result += "-"
      }
    }
    while result.hasSuffix("-") { result.removeLast() }
    if result.count > 40 {
      result = String(result.prefix(40))
      while result.hasSuffix("-") { result.removeLast() }
    }
    return result
  }

  /// `brier-score` → `brierScore`: the Swift function name for an exercise id.
  public static func functionName(_ id: String) -> String {
    let words = id.split(separator: "-")
    guard let first = words.first else { return id }
    let name = String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    return name.first?.isNumber == true ? "f" + name : name
  }

  /// Creates `Lessons/PART/NN-slug.md` with the shape every lesson follows.
  ///
  /// - Returns: the new file, relative to the project root.
  public func newLesson(in part: Part, title: String) throws(RunnerError) -> String {
    let number = (part.lessons.map(\.number).max() ?? 0) + 1
    let slug = Self.slug(title)
    guard !slug.isEmpty else { throw RunnerError(.setup, "the title \"\(title)\" has no letters or digits to name a file") }
    let path = "\(part.path)/\(number < 10 ? "0" : "")\(number)-\(slug).md"
    let text = """
      ---
      summary: One sentence on what the learner will be able to do.
      minutes: 30
      ---
      # \(title)

      ## A failure first

      A short, specific story of how this goes wrong in practice, with numbers.

      ## The idea, exactly

      Define each term before using it; give the formula and say what each symbol is.

      ## A worked example

      Numbers computed by the kernel, with the command that printed them.

      ## What to take away

      - Three to five lines a learner can repeat at work.

      ## Sources

      - Author, *Title*, venue, year: what it contributes.

      """
    try write(text, to: path, overwrite: false)
    return path
  }

  /// Creates an exercise named `id` in `lesson`: a solution with a marked
  /// region, the learner's file derived from it, a grader registered under
  /// `<lesson slug>.<id>`, and the exercise block appended to the lesson.
  ///
  /// - Returns: the files written, relative to the project root.
  public func newExercise(in lesson: Lesson, id: String, partFolder: String) throws(RunnerError) -> [String] {
    guard Self.slug(id) == id, id.first?.isLetter == true else {
      throw RunnerError(.setup, "exercise name \"\(id)\" must be lowercase letters, digits and dashes, starting with a letter")
    }
    let function = Self.functionName(id)
    let typeName = function.prefix(1).uppercased() + function.dropFirst() + "Grader"
    let graderName = "\(lesson.slug).\(id)"
    let file = "\(partFolder)/\(id).swift"
    let solutionPath = "Solutions/\(file)"
    let exercisePath = "Exercises/\(file)"
    let graderPath = "Sources/Grading/Graders/\(typeName).swift"
    let signature = "func \(function)(values: [Double]) -> Double"

    let solution = """
      import Groundwork

      /// The mean of `values`. Replace this with what the exercise asks for,
      /// and say what it means, with its formula and source.
      \(signature) {
        // BEGIN SOLUTION: compute the mean of the values
        return values.reduce(0, +) / Double(values.count)
        // END SOLUTION
      }

      """
    let exercise: String
    switch SolutionMarkers.exercise(fromSolution: solution, path: solutionPath) {
    case .success(let text): exercise = text
    case .failure(let list): throw RunnerError(.setup, list.diagnostics.map(\.description).joined(separator: "; "))
    }
    let grader = """
      import Groundwork

      /// Grades `\(function)` (\(lesson.path)): the learner's value against
      /// the reference on inputs drawn from the seed. Tolerance: relative 1e-9.
      public struct \(typeName): Grader {
        public static let name = "\(graderName)"
        public static let entryPoints = [
          EntryPoint("\(function)", [.init("values", "[Double]")], returns: "Double")
        ]

        let implementation: ([Double]) -> Double
        let tolerance = Tolerance.relative(1e-9)

        public init(entries: [Any]) throws(GraderSetupError) {
          implementation = try GraderSetupError.entry(entries, 0, as: (([Double]) -> Double).self)
        }

        /// The reference. Prefer calling the kernel's implementation here, so
        /// that graders, lessons and the toolbox share one definition.
        static func reference(_ values: [Double]) -> Double {
          values.reduce(0, +) / Double(values.count)
        }

        public func checks(seed: UInt64) -> [Check] {
          var rng = SplitMix64(seed: seed)
          return [1, 10, 1_000].map { count in
            let values = (0..<count).map { _ in rng.nextDouble(in: -1..<1) }
            return Check("\\(count) value\\(count == 1 ? "" : "s")", tried: "\\(count) values in [-1, 1), seed \\(seed)") {
              [implementation, tolerance] in
              let expected = Self.reference(values)
              let got = implementation(values)
              if tolerance.accepts(got, expected: expected) { return .passed }
              return .failed(
                expected: formatted(expected), got: formatted(got),
                message: "The value differs by more than \\(tolerance).",
                hint: "Name the likely mistake here, without giving the answer.")
            }
          }
        }
      }

      """
    let block = """

      ```exercise
      id: \(id)
      title: \(id.replacingOccurrences(of: "-", with: " ").capitalized)
      file: \(file)
      entry: \(signature)
      grader: \(graderName)
      tolerance: relative 1e-9
      hints:
        - A nudge toward the idea.
        - Something close to the answer.
      ```

      """
    try write(solution, to: solutionPath, overwrite: false)
    try write(exercise, to: exercisePath, overwrite: false)
    try write(grader, to: graderPath, overwrite: false)
    try register(typeName: typeName)
    try append(block, to: lesson.path)
    let registry = CurriculumValidator.idRegistryPath
    let ids = (try? String(contentsOf: project.url(registry), encoding: .utf8)) ?? ""
    try write(ids + (ids.isEmpty || ids.hasSuffix("\n") ? "" : "\n") + id + "\n", to: registry, overwrite: true)
    return [lesson.path, solutionPath, exercisePath, graderPath, "Sources/Grading/GraderRegistry.swift", registry]
  }

  func register(typeName: String) throws(RunnerError) {
    let path = "Sources/Grading/GraderRegistry.swift"
    let marker = "      // `groundwork new exercise` adds graders above this line."
    guard let text = try? String(contentsOf: project.url(path), encoding: .utf8), text.contains(marker) else {
      throw RunnerError(.setup, "\(path): the line \"\(marker.trimmingSpaces)\" is missing; add the grader by hand")
    }
    try write(
      text.replacingOccurrences(of: marker, with: "      \(typeName).self,\n" + marker), to: path, overwrite: true)
  }

  func append(_ text: String, to path: String) throws(RunnerError) {
    guard let current = try? String(contentsOf: project.url(path), encoding: .utf8) else {
      throw RunnerError(.missingFile, "\(path): cannot read the lesson")
    }
    try write(current + text, to: path, overwrite: true)
  }

  func write(_ text: String, to path: String, overwrite: Bool) throws(RunnerError) {
    let url = project.url(path)
    if !overwrite && FileManager.default.fileExists(atPath: url.path) {
      throw RunnerError(.setup, "\(path): already exists; choose another name")
    }
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw RunnerError(.setup, "\(path): cannot write (\(error.localizedDescription))")
    }
  }
}
