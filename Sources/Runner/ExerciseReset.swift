import Foundation

/// Puts an exercise file back the way the curriculum ships it, keeping a
/// copy of the learner's version under `.groundwork/backup/`.
///
/// ## Where the untouched file comes from
///
/// From git, not from a copy the tool takes. A copy would have to be taken
/// before the learner's first edit, and the tool cannot know when that is:
/// a learner may open the file in an editor before ever running
/// `groundwork`. A copy would also go stale when the curriculum is updated
/// with `git pull`, while the grader follows the new version. The
/// repository, on the other hand, is what instructors maintain and what
/// `groundwork validate` proves fails its grader untouched.
///
/// The file is looked up in the branch the learner's branch tracks
/// (`@{upstream}`, the curriculum as published) before `HEAD`, so that a
/// learner who commits their own work still gets the curriculum's version.
/// Without git, or for a file git does not know, reset says so and changes
/// nothing.
public struct ExerciseReset: Sendable {
  /// The project whose exercises are reset.
  public var project: Project

  /// A reset for `project`'s exercise files.
  public init(project: Project) {
    self.project = project
  }

  /// The untouched contents of `relativePath` (e.g.
  /// `Exercises/1-foundation/calibration.swift`) and the git revision they
  /// come from.
  ///
  /// - Throws: `RunnerError` naming the file when git has no version of it.
  public func untouchedContents(of relativePath: String) throws(RunnerError) -> (contents: Data, revision: String) {
    for revision in ["@{upstream}", "HEAD"] {
      if let data = git(["show", "\(revision):./\(relativePath)"]) {
        return (data, revision == "HEAD" ? "HEAD" : "the upstream branch")
      }
    }
    throw RunnerError(
      .missingFile,
      "\(relativePath): no untouched copy: the project is not a git clone or git does not know this file")
  }

  /// Whether `relativePath` differs from its untouched version (true when
  /// the untouched version cannot be found, so that reset is never skipped
  /// silently).
  public func isModified(_ relativePath: String) -> Bool {
    guard let untouched = try? untouchedContents(of: relativePath) else { return true }
    return FileManager.default.contents(atPath: project.url(relativePath).path) != untouched.contents
  }

  /// Replaces `relativePath` with its untouched version. The learner's file,
  /// when there is one, is first copied to `.groundwork/backup/` with the
  /// time in its name; returns that copy's project-relative path, or nil when
  /// there was nothing to keep.
  ///
  /// The new contents are written to a temporary file and renamed over the
  /// old one, so an editor watching the file sees one complete change.
  @discardableResult
  public func reset(_ relativePath: String, now: Date = Date()) throws(RunnerError) -> String? {
    let (contents, _) = try untouchedContents(of: relativePath)
    let target = project.url(relativePath)
    var backupPath: String?
    let fileManager = FileManager.default
    do {
      if let current = fileManager.contents(atPath: target.path), current != contents {
        let stamp = Self.stampFormatter().string(from: now)
        let relative = ".groundwork/backup/\(relativePath).\(stamp)"
        let backup = project.url(relative)
        try fileManager.createDirectory(at: backup.deletingLastPathComponent(), withIntermediateDirectories: true)
        try current.write(to: backup)
        backupPath = relative
      }
      try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).reset-\(getpid())")
      try contents.write(to: temporary)
      if rename(temporary.path, target.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? fileManager.removeItem(at: temporary)
        throw RunnerError(.setup, "\(relativePath): cannot replace the file (\(reason))")
      }
    } catch let error as RunnerError {
      throw error
    } catch {
      throw RunnerError(.setup, "\(relativePath): cannot reset the file (\(error.localizedDescription))")
    }
    return backupPath
  }

  private static func stampFormatter() -> DateFormatter {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    return formatter
  }

  /// The standard output of `git ARGUMENTS` run in the project, or nil when
  /// git is missing or fails.
  private func git(_ arguments: [String]) -> Data? {
    let process = ChildProcess(
      executable: "/usr/bin/env", arguments: ["git", "-C", project.root.path] + arguments,
      limits: .init(seconds: 10, maxOutputBytes: 16 << 20))
    guard let outcome = try? process.run(), outcome.termination == .exited(0), !outcome.outputTruncated else {
      return nil
    }
    return Data(outcome.stdout.utf8)
  }
}
