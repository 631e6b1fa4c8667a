import Foundation

/// The learners of a class: one folder each under the submissions folder,
/// holding either a copy of `Exercises/` or a whole clone of the course
/// (then its `Exercises/` is used).
public struct ClassRoster: Sendable {
  /// One learner's submission.
  public struct Learner: Sendable, Hashable {
    /// The folder's name, used as the learner's id in the gradebook.
    public var name: String
    /// The folder whose tree mirrors `Exercises/`.
    public var exercisesFolder: URL
  }

  /// The learners, sorted by name.
  public var learners: [Learner]

  /// Reads the learners under `folder`.
  ///
  /// - Throws: `GradebookError` when the folder cannot be listed.
  public init(folder: URL) throws(GradebookError) {
    let fileManager = FileManager.default
    guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else {
      throw GradebookError("\(folder.path): submissions folder not found or not readable")
    }
    learners = names.sorted().compactMap { name in
      guard !name.hasPrefix(".") else { return nil }
      let learnerFolder = folder.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: learnerFolder.path, isDirectory: &isDirectory), isDirectory.boolValue
      else { return nil }
      let clone = learnerFolder.appendingPathComponent("Exercises")
      let exercises = fileManager.fileExists(atPath: clone.path) ? clone : learnerFolder
      return Learner(name: name, exercisesFolder: exercises)
    }
  }

  /// The learners of shard `index` (1-based) of `count`: the learner at
  /// position k in name order belongs to shard k mod count + 1, so shards
  /// are disjoint, cover the class, and do not depend on the machine.
  public func shard(_ index: Int, of count: Int) -> [Learner] {
    learners.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
  }
}

/// A problem that stops grading a class (as opposed to a learner's failed
/// exercise, which is a grade): one line naming the place.
public struct GradebookError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public var description: String

  /// An error saying `description`.
  public init(_ description: String) {
    self.description = description
  }
}
