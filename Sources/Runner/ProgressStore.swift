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
  public struct Progress: Codable, Sendable, Equatable {
    /// The file format's version.
    public var version = 1
    /// Passed exercises by id, with the time they first passed (ISO 8601).
    public var completed: [String: String] = [:]

    /// Nothing done yet.
    public init() {}
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
    do {
      let progress = try JSONDecoder().decode(Progress.self, from: data)
      guard progress.version == 1 else {
        throw RunnerError(.progress, "\(file.path): progress format version \(progress.version) is newer than this tool")
      }
      return progress
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
