import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Scratch folders for tests, all inside one folder per test process
/// (`groundwork-tests-PID` in the system's temporary directory) that is
/// removed when the process exits.
///
/// Tests remove their own folders as they finish (`withTemporaryFolder`,
/// or a `defer`), but a suite's stored scratch folder has no teardown
/// in a struct suite, and a test that fails or times out may never reach
/// its `defer`: the per-process folder catches all of them, and the folders
/// of earlier test processes that were killed are removed the next time.
public enum TemporaryFolder {
  /// Creates a new, empty folder named `PREFIX-UUID` and returns it.
  public static func make(_ prefix: String) throws -> URL {
    let folder = processFolder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  /// A path for a folder named `PREFIX-UUID` that does not exist yet.
  public static func path(_ prefix: String) -> URL {
    return processFolder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
  }

  /// Removes `folder` and everything in it; missing folders are fine.
  public static func remove(_ folder: URL) {
    try? FileManager.default.removeItem(at: folder)
  }

  /// This process's folder, created on first use, with the clean-up at exit
  /// registered and stale folders of dead test processes removed.
  static let processFolder: URL = {
    let temporary = FileManager.default.temporaryDirectory
    removeStaleFolders(in: temporary)
    let folder = temporary.appendingPathComponent("groundwork-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: TemporaryFolder.processFolder) }
    return folder
  }()

  /// Removes `groundwork-tests-PID` folders whose process is gone.
  private static func removeStaleFolders(in temporary: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
    for name in names where name.hasPrefix("groundwork-tests-") {
      guard let pid = pid_t(name.dropFirst("groundwork-tests-".count)), pid != getpid() else { continue }
      // kill(pid, 0) fails with ESRCH only when no such process exists.
      if kill(pid, 0) != 0 && errno == ESRCH {
        try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
      }
    }
  }
}

/// Runs `body` with a new, empty scratch folder and removes the folder
/// afterwards, whether `body` returns or throws.
public func withTemporaryFolder<Result>(_ prefix: String, _ body: (URL) throws -> Result) throws -> Result {
  let folder = try TemporaryFolder.make(prefix)
  defer { TemporaryFolder.remove(folder) }
  return try body(folder)
}
