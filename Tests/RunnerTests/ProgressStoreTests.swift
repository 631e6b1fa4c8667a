import Foundation
import Runner
import Testing

@Suite("Progress store")
struct ProgressStoreTests {
  func temporaryFile() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)/progress.json")
  }

  @Test("no file is no progress; marking writes it; the first time is kept")
  func roundTrip() throws {
    let store = ProgressStore(file: temporaryFile())
    #expect(try store.load().completed.isEmpty)
    try store.markCompleted("a", at: Date(timeIntervalSince1970: 0))
    try store.markCompleted("a", at: Date(timeIntervalSince1970: 100))
    #expect(try store.load().completed == ["a": "1970-01-01T00:00:00Z"])
  }

  @Test("a corrupt file is an error naming it, and is left untouched")
  func corrupt() throws {
    let file = temporaryFile()
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("{\"version\": 1, \"completed\": [".utf8).write(to: file)
    let store = ProgressStore(file: file)
    #expect {
      try store.markCompleted("a")
    } throws: { error in
      "\(error)".hasPrefix("\(file.path): not a valid progress file")
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "{\"version\": 1, \"completed\": [")
  }

  @Test("no temporary file is left behind")
  func atomicWrite() throws {
    let file = temporaryFile()
    try ProgressStore(file: file).markCompleted("x")
    let siblings = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
    #expect(siblings == ["progress.json"])
  }
}
