import Foundation

/// Reads `Lessons/` into a `Curriculum`, collecting every problem instead of
/// stopping at the first, so that `validate` can list them all and the
/// learner's commands can still show the lessons that are well formed.
public enum CurriculumLoader {
  /// What loading found: the well-formed parts and lessons, and one
  /// diagnostic per problem (a malformed lesson is left out of `curriculum`).
  public struct Outcome: Sendable {
    /// The parts and lessons that loaded.
    public var curriculum: Curriculum
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]
  }

  /// Loads the curriculum of the project at `root` (the folder holding
  /// `Lessons/`).
  public static func load(root: URL) -> Outcome {
    let fileManager = FileManager.default
    let lessonsURL = root.appendingPathComponent("Lessons")
    var diagnostics: [Diagnostic] = []
    guard let partFolders = try? fileManager.contentsOfDirectory(atPath: lessonsURL.path) else {
      return Outcome(
        curriculum: Curriculum(parts: []),
        diagnostics: [Diagnostic(path: "Lessons", message: "folder not found or not readable")])
    }

    var parts: [Part] = []
    for folder in partFolders.sorted() where !folder.hasPrefix(".") {
      let folderPath = "Lessons/" + folder
      var isDirectory: ObjCBool = false
      _ = fileManager.fileExists(atPath: lessonsURL.appendingPathComponent(folder).path, isDirectory: &isDirectory)
      guard isDirectory.boolValue else {
        if folder != "README.md" && folder != "exercise-ids.txt" {
          diagnostics.append(Diagnostic(path: folderPath, message: "only part folders (N-name) belong in Lessons/"))
        }
        continue
      }
      guard let (number, slug) = numberedName(folder) else {
        diagnostics.append(
          Diagnostic(path: folderPath, message: "a part folder is named NUMBER-name, e.g. 1-foundation"))
        continue
      }
      if let part = loadPart(
        number: number, slug: slug, path: folderPath, url: lessonsURL.appendingPathComponent(folder),
        diagnostics: &diagnostics)
      {
        parts.append(part)
      }
    }
    parts.sort { $0.number < $1.number }
    for (first, second) in zip(parts, parts.dropFirst()) where first.number == second.number {
      diagnostics.append(Diagnostic(path: second.path, message: "part number \(second.number) is also used by \(first.path)"))
    }
    diagnostics += duplicateExerciseIDs(in: parts)
    return Outcome(curriculum: Curriculum(parts: parts), diagnostics: diagnostics)
  }

  static func loadPart(
    number: Int, slug: String, path: String, url: URL, diagnostics: inout [Diagnostic]
  ) -> Part? {
    let readmePath = path + "/README.md"
    var title = slug
    if let text = readText(url.appendingPathComponent("README.md"), path: readmePath, diagnostics: &diagnostics) {
      let outline = MarkdownOutline(markdown: text)
      if let heading = outline.headings.first(where: { $0.level == 1 }) {
        title = heading.text
      } else {
        diagnostics.append(Diagnostic(path: readmePath, line: 1, message: "no level-1 heading with the part's title"))
      }
    }

    let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    var lessons: [Lesson] = []
    for file in files.sorted() where file.hasSuffix(".md") && file != "README.md" {
      let lessonPath = path + "/" + file
      let stem = String(file.dropLast(3))
      guard let (lessonNumber, lessonSlug) = numberedName(stem) else {
        diagnostics.append(
          Diagnostic(path: lessonPath, message: "a lesson file is named NN-name.md, e.g. 02-calibration.md"))
        continue
      }
      guard let text = readText(url.appendingPathComponent(file), path: lessonPath, diagnostics: &diagnostics)
      else { continue }
      let parsed = parseLesson(
        markdown: text, path: lessonPath, partNumber: number, number: lessonNumber, slug: lessonSlug,
        fileStem: stem)
      switch parsed {
      case .success(let lesson): lessons.append(lesson)
      case .failure(let problems): diagnostics += problems.diagnostics
      }
    }
    lessons.sort { $0.number < $1.number }
    for (first, second) in zip(lessons, lessons.dropFirst()) where first.number == second.number {
      diagnostics.append(Diagnostic(path: second.path, message: "lesson number \(second.number) is also used by \(first.path)"))
    }
    return Part(number: number, slug: slug, title: title, path: path, lessons: lessons)
  }

  /// Parses one lesson's Markdown. Exposed for tests and for tools that
  /// check a single file.
  public static func parseLesson(
    markdown: String, path: String, partNumber: Int, number: Int, slug: String, fileStem: String
  ) -> Result<Lesson, DiagnosticList> {
    let (frontMatter, body, frontMatterProblems) = FrontMatter.split(markdown, path: path)
    let outline = MarkdownOutline(markdown: body)
    var problems = frontMatterProblems
    let titles = outline.headings.filter { $0.level == 1 }
    if titles.isEmpty {
      problems.append(Diagnostic(path: path, line: 1, message: "no level-1 heading: a lesson starts with `# Title`"))
    }
    for extra in titles.dropFirst() {
      problems.append(
        Diagnostic(path: path, line: extra.line, message: "a second level-1 heading; a lesson has one title (use ## for sections)"))
    }

    var exercises: [ExerciseSpec] = []
    for block in outline.fencedBlocks where block.info.split(separator: " ").first == "exercise" {
      switch ExerciseBlockParser.parse(body: block.body, lessonPath: path, fenceLine: block.line) {
      case .success(let exercise): exercises.append(exercise)
      case .failure(let blockProblems): problems += blockProblems.diagnostics
      }
    }
    guard problems.isEmpty, let title = titles.first?.text else { return .failure(DiagnosticList(problems)) }
    return .success(
      Lesson(
        partNumber: partNumber, number: number, slug: slug, fileStem: fileStem, title: title, path: path,
        markdown: body, frontMatter: frontMatter, exercises: exercises))
  }

  /// Links from `lesson` to other files of the project (relative
  /// destinations, not URLs or anchors within the page) whose target does
  /// not exist, one diagnostic each.
  public static func brokenLinks(in lesson: Lesson, root: URL) -> [Diagnostic] {
    let folder = root.appendingPathComponent(lesson.path).deletingLastPathComponent()
    return MarkdownOutline(markdown: lesson.markdown).links.compactMap { link in
      let destination = link.destination
      if destination.isEmpty || destination.hasPrefix("#") || destination.contains("://")
        || destination.hasPrefix("mailto:")
      {
        return nil
      }
      let file = String(destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
      let target = destination.hasPrefix("/") ? root.appendingPathComponent(file) : folder.appendingPathComponent(file)
      if FileManager.default.fileExists(atPath: target.standardizedFileURL.path) { return nil }
      return Diagnostic(path: lesson.path, line: link.line, message: "link to \"\(destination)\" does not resolve to a file")
    }
  }

  static func duplicateExerciseIDs(in parts: [Part]) -> [Diagnostic] {
    var firstSeen: [String: ExerciseSpec] = [:]
    var problems: [Diagnostic] = []
    for exercise in parts.flatMap(\.lessons).flatMap(\.exercises) {
      if let earlier = firstSeen[exercise.id] {
        problems.append(
          Diagnostic(
            path: exercise.lessonPath, line: exercise.line,
            message: "exercise id \"\(exercise.id)\" is already used at \(earlier.lessonPath):\(earlier.line)"))
      } else {
        firstSeen[exercise.id] = exercise
      }
    }
    return problems
  }

  /// Splits `12-some-name` into (12, "some-name").
  static func numberedName(_ name: String) -> (Int, String)? {
    guard let dash = name.firstIndex(of: "-"), let number = Int(name[..<dash]), number >= 0 else { return nil }
    let slug = String(name[name.index(after: dash)...])
    guard !slug.isEmpty,
      slug.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
    else { return nil }
    return (number, slug)
  }

  static func readText(_ url: URL, path: String, diagnostics: inout [Diagnostic]) -> String? {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      diagnostics.append(Diagnostic(path: path, message: "missing or not readable"))
      return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
      diagnostics.append(Diagnostic(path: path, message: "not valid UTF-8 text"))
      return nil
    }
    return text
  }
}
