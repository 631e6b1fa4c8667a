import Foundation
import Runner
import Testing
import _TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The file watcher on a temporary folder, by both methods: a save in
/// place and a save by rename are noticed, other files in the folder are not.
@Suite("File watcher", .serialized)
struct FileWatcherTests {
  func folder() throws -> URL {
    try TemporaryFolder.make("watch")
  }

  /// Drains until a change shows up or `seconds` pass, as the watch loop's
  /// `poll(2)` would.
  func changed(_ watcher: FileWatcher, within seconds: Double = 2) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      if watcher.drain() { return true }
      usleep(20_000)
    } while Date() < deadline
    return false
  }

  @Test(arguments: [FileWatcher.Method.notifications, .polling])
  func savesInPlaceAndByRename(_ method: FileWatcher.Method) throws {
    let root = try folder()
    let file = root.appendingPathComponent("exercise.swift")
    try Data("one".utf8).write(to: file)
    let watcher = FileWatcher(file: file, preferred: method)
    #if os(Linux)
    #expect(watcher.method == method, "inotify unavailable: \(String(cString: strerror(errno)))")
    #endif
    #expect(!watcher.drain(), "a change reported before any save")

    // Polling compares sizes and times; make sure the clock has moved.
    usleep(10_000)
    try Data("two!".utf8).write(to: root.appendingPathComponent("other.swift"))
    #expect(!changed(watcher, within: 0.4), "a save of another file in the folder was reported")

    let handle = try FileHandle(forWritingTo: file)
    try handle.write(contentsOf: Data("in place, longer".utf8))
    try handle.close()
    #expect(changed(watcher), "a save in place was missed")
    #expect(!watcher.drain(), "one save was reported twice")

    let temporary = root.appendingPathComponent(".exercise.swift.tmp")
    try Data("by rename".utf8).write(to: temporary)
    #expect(rename(temporary.path, file.path) == 0)
    #expect(changed(watcher), "a save by rename was missed")
  }

  @Test func followsANewFileInAnotherFolder() throws {
    let first = try folder().appendingPathComponent("a.swift")
    let second = try folder().appendingPathComponent("b.swift")
    try Data("a".utf8).write(to: first)
    try Data("b".utf8).write(to: second)
    let watcher = FileWatcher(file: first)
    watcher.watch(second)
    #expect(watcher.file == second.standardizedFileURL)
    try Data("aa".utf8).write(to: first)
    #expect(!changed(watcher, within: 0.4))
    try Data("bb".utf8).write(to: second)
    #expect(changed(watcher))
  }
}
