import Foundation
import Runner
import Testing

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
    let marker = FileManager.default.temporaryDirectory.appendingPathComponent("grandchild-\(UUID().uuidString)")
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
