/// The whole curriculum: the parts under `Lessons/`, in order.
public struct Curriculum: Sendable {
  /// The parts, ordered by their number.
  public var parts: [Part]

  /// Every lesson, part by part, in reading order.
  public var lessons: [Lesson] { parts.flatMap(\.lessons) }

  /// Every exercise in the order a learner meets them.
  public var exercises: [ExerciseSpec] { lessons.flatMap(\.exercises) }

  /// The exercise with this id, if any.
  public func exercise(id: String) -> ExerciseSpec? {
    exercises.first { $0.id == id }
  }

  /// The lesson that contains the exercise with this id.
  public func lesson(containing exerciseID: String) -> Lesson? {
    lessons.first { $0.exercises.contains { $0.id == exerciseID } }
  }

  /// Finds a lesson by the names a learner may type: its slug
  /// (`calibration`), its number within a part (`1.2`), its file name with or
  /// without `.md` (`02-calibration`), or its path (`Lessons/1-foundation/02-calibration.md`).
  public func lesson(named name: String) -> Lesson? {
    let trimmed = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    return lessons.first { lesson in
      lesson.slug == trimmed || lesson.reference == trimmed
        || lesson.fileStem == trimmed || lesson.path == name
        || lesson.path.hasSuffix("/" + name) || lesson.path.hasSuffix("/" + trimmed + ".md")
    }
  }
}

/// One part of the series: a folder `Lessons/N-slug/` whose `README.md`
/// gives the part's title in its first heading.
public struct Part: Sendable {
  /// The part's number (1 to 7 in the series).
  public var number: Int
  /// The folder name without its number, e.g. `foundation`.
  public var slug: String
  /// The part's title, from the first heading of its README.md.
  public var title: String
  /// The folder, relative to the project root, e.g. `Lessons/1-foundation`.
  public var path: String
  /// The lessons, ordered by their number.
  public var lessons: [Lesson]
}

/// One lesson: a Markdown file `NN-slug.md` in a part's folder.
public struct Lesson: Sendable {
  /// The number of the part it belongs to.
  public var partNumber: Int
  /// Its number within the part (from the file name).
  public var number: Int
  /// The file name without number and extension, e.g. `calibration`.
  public var slug: String
  /// The file name without extension, e.g. `02-calibration`.
  public var fileStem: String
  /// The lesson's title: the text of its only level-1 heading.
  public var title: String
  /// The file, relative to the project root.
  public var path: String
  /// The Markdown source, front matter blanked out (line numbers are kept).
  public var markdown: String
  /// What the front matter says (summary, minutes).
  public var frontMatter: FrontMatter
  /// The exercise blocks, in the order they appear.
  public var exercises: [ExerciseSpec]

  /// The short reference `PART.LESSON`, e.g. `1.2`.
  public var reference: String { "\(partNumber).\(number)" }
}

/// An exercise as its lesson declares it in a fenced block with the info
/// string `exercise`:
///
/// ````markdown
/// ```exercise
/// id: calibration-ece
/// title: Expected calibration error
/// file: 1-foundation/calibration.swift
/// entry: func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double
/// grader: calibration.ece
/// tolerance: relative 1e-9
/// hints:
///   - A nudge first.
///   - Then nearly the answer.
/// ```
/// ````
public struct ExerciseSpec: Sendable, Hashable {
  /// A stable, unique id: lowercase letters, digits and dashes.
  public var id: String
  /// What the learner builds, in a few words.
  public var title: String
  /// The Swift file, relative to both `Exercises/` and `Solutions/`.
  public var file: String
  /// The Swift signatures the grader calls, exactly as the learner must write them.
  public var entryPoints: [String]
  /// The name of the grader in the grader registry, e.g. `calibration.ece`.
  public var grader: String
  /// The tolerance class stated to the learner, e.g. `relative 1e-9`.
  public var tolerance: String?
  /// Hints in order of strength, from a nudge to nearly the answer.
  public var hints: [String]
  /// The lesson file that declares it.
  public var lessonPath: String
  /// The line of the block's opening fence.
  public var line: Int
  /// The wall-clock limit in seconds for grading this exercise (block key
  /// `time-limit`), when it needs more than the runner's default.
  public var timeLimit: Double?

  /// An exercise with every field given (the loader builds these from
  /// lesson blocks; tests and tools may build them directly).
  public init(
    id: String, title: String, file: String, entryPoints: [String], grader: String, tolerance: String?,
    hints: [String], lessonPath: String, line: Int, timeLimit: Double? = nil
  ) {
    self.timeLimit = timeLimit
    self.id = id
    self.title = title
    self.file = file
    self.entryPoints = entryPoints
    self.grader = grader
    self.tolerance = tolerance
    self.hints = hints
    self.lessonPath = lessonPath
    self.line = line
  }

  /// The learner's file, relative to the project root.
  public var exercisePath: String { "Exercises/" + file }
  /// The reference solution, relative to the project root.
  public var solutionPath: String { "Solutions/" + file }
}
