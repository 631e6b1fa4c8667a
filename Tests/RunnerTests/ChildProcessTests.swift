import Foundation
@testable import Runner
import Testing
import _TestSupport

@Suite("Child process", .serialized)
struct ChildProcessTests {
  @Test("exit status and output are captured")
  func exitStatus() throws {
    let outcome = try ChildProcess(
      executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"], limits: .init(seconds: 5)
    ).run()
    #expect(outcome.termination == .exited(3))
    #expect(outcome.stdout == "out\n")
    #expect(outcome.stderr == "err\n")
  }

  @Test("a time-out kills the whole process group, grandchildren included", .timeLimit(.minutes(1)))
  func timeoutKillsGroup() throws {
    let marker = TemporaryFolder.path("grandchild")
    let outcome = try ChildProcess(
      executable: "/bin/sh", arguments: ["-c", "(sleep 2; touch \(marker.path)) & sleep 30"],
      limits: .init(seconds: 0.5)
    ).run()
    #expect(outcome.termination == .timedOut)
    #expect(outcome.seconds < 5)
    Thread.sleep(forTimeInterval: 2.5)
    #expect(!FileManager.default.fileExists(atPath: marker.path), "the grandchild survived the kill")
  }

  @Test("a program that cannot start is a thrown error, not a crash")
  func missingProgram() throws {
    let outcome = try ChildProcess(executable: "/nonexistent/program", arguments: [], limits: .init(seconds: 5)).run()
    #expect(outcome.termination == .exited(127))
  }
}

/// The output cap: the start of each stream is kept, the rest is read and
/// counted, and the child is never stopped for printing.
@Suite("Child process output cap", .serialized)
struct ChildProcessOutputTests {
  /// `sh -c SCRIPT` with `maxOutputBytes` kept of each stream.
  func run(_ script: String, keeping maxOutputBytes: Int = 1 << 20) throws -> ChildProcess.Outcome {
    try ChildProcess(
      executable: "/bin/sh", arguments: ["-c", script], limits: .init(seconds: 30, maxOutputBytes: maxOutputBytes)
    ).run()
  }

  @Test("a flood of stdout keeps the first MiB, counts the rest, and the child finishes", .timeLimit(.minutes(1)))
  func stdoutFlood() throws {
    let outcome = try run("head -c 3000000 /dev/zero | tr '\\0' x; echo finished >&2; exit 4")
    #expect(outcome.termination == .exited(4))
    #expect(outcome.stdout.utf8.count == 1 << 20)
    #expect(outcome.stdout.utf8.allSatisfy { $0 == UInt8(ascii: "x") })
    #expect(outcome.droppedStdoutBytes == 3_000_000 - (1 << 20))
    #expect(outcome.stderr == "finished\n")
    #expect(outcome.droppedStderrBytes == 0)
    #expect(outcome.outputTruncated)
  }

  @Test("a flood of stderr keeps its start and its last words", .timeLimit(.minutes(1)))
  func stderrFlood() throws {
    let outcome = try run("head -c 200000 /dev/zero | tr '\\0' y >&2; echo last words >&2", keeping: 1000)
    #expect(outcome.termination == .exited(0))
    #expect(outcome.stderr == String(repeating: "y", count: 1000))
    #expect(outcome.droppedStderrBytes == 200_000 - 1000 + "last words\n".utf8.count)
    #expect(outcome.stderrTail.hasSuffix("yyyylast words\n"))
    #expect(outcome.stderrTail.utf8.count <= 8 * 1024)
  }

  @Test("output within the cap is whole and nothing is dropped")
  func smallOutput() throws {
    let outcome = try run("printf 'a\\nb'; printf 'c' >&2")
    #expect(outcome.stdout == "a\nb")
    #expect(outcome.stderr == "c")
    #expect(!outcome.outputTruncated)
    #expect(outcome.stderrTail.isEmpty)
  }

  @Test("a child that prints without end is stopped by its time limit only", .timeLimit(.minutes(1)))
  func endlessOutput() throws {
    let outcome = try ChildProcess(
      executable: "/bin/sh", arguments: ["-c", "yes flood"], limits: .init(seconds: 1, maxOutputBytes: 4096)
    ).run()
    #expect(outcome.termination == .timedOut)
    #expect(outcome.stdout.utf8.count == 4096)
    #expect(outcome.droppedStdoutBytes > 0)
    #expect(outcome.seconds < 5)
  }
}

@Suite("Output capture")
struct OutputCaptureTests {
  @Test("the head, the dropped count and the ring of last bytes", arguments: [1, 3, 7, 64])
  func pieces(chunk: Int) {
    var capture = OutputCapture(limit: 10, tailLimit: 4)
    let text = Array("0123456789abcdefghij".utf8)
    for start in stride(from: 0, to: text.count, by: chunk) {
      text[start..<min(start + chunk, text.count)].withUnsafeBytes { capture.append($0) }
    }
    #expect(capture.text == "0123456789")
    #expect(capture.droppedBytes == 10)
    #expect(capture.tailText == "ghij")
  }
}
