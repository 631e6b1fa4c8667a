import Foundation
import Runner
import Testing
import _TestSupport

@Suite("Progress store")
struct ProgressStoreTests {
  func temporaryFile() -> URL {
    TemporaryFolder.path("progress").appendingPathComponent("progress.json")
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

@Suite("Progress store format")
struct ProgressStoreFormatTests {
  func store(with text: String) throws -> ProgressStore {
    let file = TemporaryFolder.path("progress").appendingPathComponent("progress.json")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
    return ProgressStore(file: file)
  }

  @Test("a file from before hints were recorded loads with none shown")
  func oldFileLoads() throws {
    let store = try store(with: "{\"version\": 1, \"completed\": {\"a\": \"2025-01-01T00:00:00Z\"}}")
    let progress = try store.load()
    #expect(progress.completed == ["a": "2025-01-01T00:00:00Z"])
    #expect(progress.hintsShown.isEmpty)
    #expect(progress.solutionsForced.isEmpty)
  }

  @Test("hint counts only grow, and round-trip with the rest")
  func hintsRoundTrip() throws {
    let store = try store(with: "{\"version\": 1, \"completed\": {}}")
    try store.recordHintsShown("a", upTo: 2)
    try store.recordHintsShown("a", upTo: 1)
    try store.recordSolutionForced("b", at: Date(timeIntervalSince1970: 0))
    let progress = try store.load()
    #expect(progress.hintsShown == ["a": 2])
    #expect(progress.solutionsForced == ["b": "1970-01-01T00:00:00Z"])
  }

  @Test("nothing recorded writes the original two fields only")
  func emptyFieldsAreLeftOut() throws {
    let store = try store(with: "{\"version\": 1, \"completed\": {}}")
    try store.markCompleted("a", at: Date(timeIntervalSince1970: 0))
    let text = try String(contentsOf: store.file, encoding: .utf8)
    #expect(!text.contains("hintsShown"))
    #expect(!text.contains("solutionsForced"))
  }

  @Test("a newer version is named as such, even when its shape changed")
  func newerVersion() throws {
    let store = try store(with: "{\"version\": 2, \"completed\": [\"a\"]}")
    #expect {
      try store.load()
    } throws: { error in
      "\(error)" == "\(store.file.path): progress format version 2 is newer than this tool (update Groundwork)"
    }
  }
}

@Suite("Progress store crash safety")
struct ProgressStoreCrashTests {
  @Test("a write cut short leaves a stray temporary file, never half a progress file")
  func killedMidWrite() throws {
    let folder = TemporaryFolder.path("progress")
    defer { TemporaryFolder.remove(folder) }
    let store = ProgressStore(file: folder.appendingPathComponent("progress.json"))
    try store.markCompleted("a", at: Date(timeIntervalSince1970: 0))
    let before = try String(contentsOf: store.file, encoding: .utf8)
    // What a process killed between writing and renaming leaves behind.
    try Data("{\"version\": 1, \"comple".utf8).write(to: folder.appendingPathComponent(".progress-99999.json.tmp"))
    #expect(try store.load().completed == ["a": "1970-01-01T00:00:00Z"])
    #expect(try String(contentsOf: store.file, encoding: .utf8) == before)
    try store.markCompleted("b", at: Date(timeIntervalSince1970: 1))
    #expect(try store.load().completed.keys.sorted() == ["a", "b"])
  }
}
