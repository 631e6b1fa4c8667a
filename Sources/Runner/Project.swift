import Foundation

/// Where a Groundwork project's files are: the folder that holds
/// `Package.swift` and `Lessons/`, and the paths derived from it.
public struct Project: Sendable {
  /// The project's root folder.
  public var root: URL

  /// A project rooted at `root`.
  public init(root: URL) {
    self.root = root.standardizedFileURL
  }

  /// Finds the project that contains `start` (or one of its parents): the
  /// first folder with both `Package.swift` and `Lessons/`.
  public static func find(from start: URL) -> Project? {
    var folder = start.standardizedFileURL
    while true {
      let fileManager = FileManager.default
      if fileManager.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
        && fileManager.fileExists(atPath: folder.appendingPathComponent("Lessons").path)
      {
        return Project(root: folder)
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { return nil }
      folder = parent
    }
  }

  /// The absolute URL of a project-relative path.
  public func url(_ relativePath: String) -> URL {
    root.appendingPathComponent(relativePath)
  }

  /// The folder for the tool's own state (progress, build cache); ignored by git.
  public var stateFolder: URL { url(".groundwork") }
  /// The learner's progress file.
  public var progressFile: URL { stateFolder.appendingPathComponent("progress.json") }
  /// Compiled grading programs, one folder per content hash.
  public var buildCache: URL { stateFolder.appendingPathComponent("build") }
}
