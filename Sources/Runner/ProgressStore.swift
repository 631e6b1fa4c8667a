import Foundation

/// The learner's progress: which exercises passed, and when. Kept in
/// `.groundwork/progress.json`, written to a temporary file and renamed over
/// the old one so that a crash mid-write never leaves half a file.
public struct ProgressStore: Sendable {
  /// The progress file.
  public var file: URL

  /// A store backed by `file`.
  public init(file: URL) {
    self.file = file
  }

  /// What is recorded.
  ///
  /// Fields added after the first release (`hintsShown`, `solutionsForced`)
  /// are optional in the file: a file written before them loads with them
  /// empty, and an older tool reading a newer file ignores them. That keeps
  /// the format at version 1; a change an older tool would misread must
  /// raise the version instead.
  public struct Progress: Codable, Sendable, Equatable {
    /// The file format's version.
    public var version = 1
    /// Passed exercises by id, with the time they first passed (ISO 8601).
    public var completed: [String: String] = [:]
    /// How many of each exercise's hints the learner has revealed.
    public var hintsShown: [String: Int] = [:]
    /// Exercises whose solution was shown with `--force` before they passed,
    /// with the time it was first shown (ISO 8601).
    public var solutionsForced: [String: String] = [:]

    /// Nothing done yet.
    public init() {}

    private enum CodingKeys: String, CodingKey {
      case version, completed, hintsShown, solutionsForced
    }

    /// Reads a progress file, treating absent optional fields as empty.
    public init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      version = try container.decode(Int.self, forKey: .version)
      completed = try container.decode([String: String].self, forKey: .completed)
      hintsShown = try container.decodeIfPresent([String: Int].self, forKey: .hintsShown) ?? [:]
      solutionsForced = try container.decodeIfPresent([String: String].self, forKey: .solutionsForced) ?? [:]
    }

    /// Writes the fields; empty optional ones are left out, so a learner
    /// who never asked for a hint has the same file as before.
    public func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(version, forKey: .version)
      try container.encode(completed, forKey: .completed)
      if !hintsShown.isEmpty { try container.encode(hintsShown, forKey: .hintsShown) }
      if !solutionsForced.isEmpty { try container.encode(solutionsForced, forKey: .solutionsForced) }
    }
  }

  /// Reads the progress; an absent file is no progress.
  ///
  /// - Throws: `RunnerError` naming the file when it exists but cannot be
  ///   read as progress. The file is left as it is, so nothing is lost.
  public func load() throws(RunnerError) -> Progress {
    guard FileManager.default.fileExists(atPath: file.path) else { return Progress() }
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw RunnerError(.progress, "\(file.path): cannot read the progress file")
    }
    // The version is read on its own first, so that a file from a newer
    // tool is reported as such even when the rest of its shape changed.
    struct Version: Decodable { var version: Int }
    do {
      if let version = try? JSONDecoder().decode(Version.self, from: data).version, version != 1 {
        throw RunnerError(
          .progress,
          "\(file.path): progress format version \(version) is \(version > 1 ? "newer than this tool (update Groundwork)" : "unknown")")
      }
      return try JSONDecoder().decode(Progress.self, from: data)
    } catch let error as RunnerError {
      throw error
    } catch {
      throw RunnerError(
        .progress,
        "\(file.path): not a valid progress file (\(Self.describe(error))); fix or move it aside, then run again")
    }
  }

  /// Records that `exerciseID` passed, keeping the first time it did.
  public func markCompleted(_ exerciseID: String, at date: Date = Date()) throws(RunnerError) {
    var progress = try load()
    if progress.completed[exerciseID] == nil {
      progress.completed[exerciseID] = ISO8601DateFormatter().string(from: date)
      try save(progress)
    }
  }

  /// Records that the learner has seen `exerciseID`'s hints up to number
  /// `count` (never lowering the count), and returns the updated progress.
  @discardableResult
  public func recordHintsShown(_ exerciseID: String, upTo count: Int) throws(RunnerError) -> Progress {
    var progress = try load()
    if count > progress.hintsShown[exerciseID, default: 0] {
      progress.hintsShown[exerciseID] = count
      try save(progress)
    }
    return progress
  }

  /// Records that `exerciseID`'s solution was shown before it passed,
  /// keeping the first time.
  public func recordSolutionForced(_ exerciseID: String, at date: Date = Date()) throws(RunnerError) {
    var progress = try load()
    if progress.solutionsForced[exerciseID] == nil {
      progress.solutionsForced[exerciseID] = ISO8601DateFormatter().string(from: date)
      try save(progress)
    }
  }

  /// Writes `progress` atomically.
  public func save(_ progress: Progress) throws(RunnerError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let folder = file.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(".progress-\(getpid()).json.tmp")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try encoder.encode(progress).write(to: temporary)
      if rename(temporary.path, file.path) != 0 {
        throw RunnerError(.progress, "\(file.path): cannot replace the progress file (\(String(cString: strerror(errno))))")
      }
    } catch let error as RunnerError {
      throw error
    } catch {
      throw RunnerError(.progress, "\(file.path): cannot write the progress file (\(error.localizedDescription))")
    }
  }

  static func describe(_ error: Error) -> String {
    if let decoding = error as? DecodingError {
      switch decoding {
      case .dataCorrupted(let context):
        return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
      case .keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
      case .typeMismatch(_, let context), .valueNotFound(_, let context):
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return "wrong type at \"\(path)\""
      @unknown default: return "\(decoding)"
      }
    }
    return error.localizedDescription
  }
}
