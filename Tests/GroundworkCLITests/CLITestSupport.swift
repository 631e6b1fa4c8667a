import Foundation
import Runner
import _TestSupport

/// Runs the built `groundwork` executable, which sits in the same build
/// folder as this test bundle, in a throwaway copy of the project so that
/// tests never touch a learner's progress.
struct CLISandbox {
  let root: URL
  let executable: String

  /// A copy of the project's Package.swift, Lessons/, Exercises/,
  /// Solutions/ and the C module maps the runner needs.
  init() throws {
    root = try TemporaryFolder.make("cli")
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: root.appendingPathComponent("Sources"), withIntermediateDirectories: true)
    for item in ["Package.swift", "Lessons", "Exercises", "Solutions", "Sources/CBLAS"] {
      try fileManager.copyItem(
        at: TestPaths.packageRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    let buildFolder = URL(fileURLWithPath: try fileManager.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      .resolvingSymlinksInPath().deletingLastPathComponent()
    executable = buildFolder.appendingPathComponent("groundwork").path
  }

  /// What a run printed and how it ended.
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `groundwork ARGUMENTS` inside the sandbox.
  func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    var process = ChildProcess(executable: executable, arguments: arguments, limits: .init(seconds: 120))
    process.workingDirectory = root.path
    process.environment = ["NO_COLOR": "1", "COLUMNS": "80"].merging(environment) { $1 }
    let outcome = try process.run()
    guard case .exited(let status) = outcome.termination else {
      return Result(status: -1, stdout: outcome.stdout, stderr: "terminated: \(outcome.termination)\n" + outcome.stderr)
    }
    return Result(status: status, stdout: outcome.stdout, stderr: outcome.stderr)
  }

  /// Runs `git ARGUMENTS` in the sandbox (with an identity, so commits work
  /// on a machine without one) and returns its exit status.
  @discardableResult
  func git(_ arguments: [String]) throws -> Int32 {
    var process = ChildProcess(
      executable: "/usr/bin/env",
      arguments: ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments,
      limits: .init(seconds: 60))
    process.workingDirectory = root.path
    let outcome = try process.run()
    guard case .exited(let status) = outcome.termination else { return -1 }
    return status
  }

  /// Makes the sandbox a git repository with everything committed, as a
  /// learner's clone is.
  func commitEverything() throws {
    try git(["init", "-q"])
    try git(["add", "-A"])
    try git(["commit", "-q", "-m", "curriculum"])
  }

  /// Runs `groundwork ARGUMENTS` with `input` on its standard input.
  func run(_ arguments: [String], input: String) throws -> Result {
    let inputFile = root.appendingPathComponent(".stdin-\(UUID().uuidString)")
    try Data(input.utf8).write(to: inputFile)
    defer { try? FileManager.default.removeItem(at: inputFile) }
    let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    var process = ChildProcess(
      executable: "/bin/sh", arguments: ["-c", quoted.joined(separator: " ") + " < '\(inputFile.path)'"],
      limits: .init(seconds: 120))
    process.workingDirectory = root.path
    process.environment = ["NO_COLOR": "1", "COLUMNS": "80"]
    let outcome = try process.run()
    guard case .exited(let status) = outcome.termination else {
      return Result(status: -1, stdout: outcome.stdout, stderr: "terminated: \(outcome.termination)\n" + outcome.stderr)
    }
    return Result(status: status, stdout: outcome.stdout, stderr: outcome.stderr)
  }

  /// Writes `text` to a sandbox-relative path.
  func write(_ path: String, _ text: String) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  /// Reads a sandbox-relative file.
  func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }
}
