import Foundation
import Testing
import _TestSupport

/// The `groundwork` executable built next to this test bundle, and a way to
/// run it.
enum GroundworkExecutable {
  /// `groundwork` in the build folder that holds the running test binary.
  static let url: URL = {
    #if os(Linux)
      let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        .map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: CommandLine.arguments[0])
      let folder = testBinary.resolvingSymlinksInPath().deletingLastPathComponent()
    #else
      let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }
      let folder = (bundle?.bundleURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
    #endif
    return folder.appendingPathComponent("groundwork")
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `groundwork ARGUMENTS` in `folder` and collects its output.
  static func run(_ arguments: [String], in folder: URL) throws -> Result {
    let scratch = try TemporaryFolder.make("groundwork-cli")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}

/// Every case in `../shared/reference/{calibration,interval,compare,shift,bias-variance}`
/// run through the CLI, compared key by key at the case's tolerances.
@Suite("groundwork stats against ../shared/reference")
struct StatsReferenceCaseTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var command: String
    var name: String
    var arguments: [String]
    var expectedJSON: String
    var tolerance: [String: Double]
    var unpinned: Set<String>
    var testDescription: String { "\(command)/\(name)" }
  }

  static let commands = ["calibration", "interval", "compare", "shift", "bias-variance"]

  static func cases() throws -> [Case] {
    try commands.flatMap { command -> [Case] in
      let data = try Data(contentsOf: TestPaths.reference(command).appendingPathComponent("cases.json"))
      let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let entries = try #require(root["cases"] as? [[String: Any]])
      return try entries.map { entry in
        let expected = try #require(entry["expected"])
        return Case(
          command: command,
          name: try #require(entry["name"] as? String),
          arguments: try #require(entry["args"] as? [String]),
          expectedJSON: String(decoding: try JSONSerialization.data(withJSONObject: expected), as: UTF8.self),
          tolerance: try #require(entry["tolerance"] as? [String: Double]),
          unpinned: Set(entry["unpinned"] as? [String] ?? []))
      }
    }
  }

  @Test("the public reference set has every command's cases")
  func caseCount() throws {
    let counts = Dictionary(grouping: try Self.cases(), by: \.command).mapValues(\.count)
    #expect(counts == ["calibration": 3, "interval": 4, "compare": 2, "shift": 3, "bias-variance": 3])
  }

  @Test("matches the expected JSON", arguments: try cases())
  func referenceCase(_ reference: Case) throws {
    let folder = TestPaths.reference(reference.command)
    let result = try GroundworkExecutable.run(["stats", reference.command] + reference.arguments, in: folder)
    #expect(result.status == 0, "exit \(result.status): \(result.stderr)")
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 1, "expected one line of JSON, got \(lines.count)")
    let actual = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let expected = try JSONSerialization.jsonObject(with: Data(reference.expectedJSON.utf8))
    var mismatches: [String] = []
    compare(actual, expected, path: "", tolerancePath: "", reference: reference, into: &mismatches)
    #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "; "))")
  }

  /// Walks both JSON values together; `path` has list positions (for
  /// `unpinned`), `tolerancePath` has not (for `tolerance`).
  private func compare(
    _ actual: Any, _ expected: Any, path: String, tolerancePath: String, reference: Case,
    into mismatches: inout [String]
  ) {
    if reference.unpinned.contains(path) { return }
    switch expected {
    case let object as [String: Any]:
      guard let actualObject = actual as? [String: Any] else {
        mismatches.append("\(path): expected an object, got \(actual)")
        return
      }
      if Set(actualObject.keys) != Set(object.keys) {
        mismatches.append("\(path.isEmpty ? "top level" : path): keys \(actualObject.keys.sorted()) ≠ \(object.keys.sorted())")
      }
      for (key, value) in object {
        guard let actualValue = actualObject[key] else { continue }
        let prefix = path.isEmpty ? "" : path + "."
        let tolerancePrefix = tolerancePath.isEmpty ? "" : tolerancePath + "."
        compare(
          actualValue, value, path: prefix + key, tolerancePath: tolerancePrefix + key, reference: reference,
          into: &mismatches)
      }
    case let array as [Any]:
      guard let actualArray = actual as? [Any], actualArray.count == array.count else {
        mismatches.append("\(path): expected \(array.count) items, got \(actual)")
        return
      }
      for (index, (actualItem, expectedItem)) in zip(actualArray, array).enumerated() {
        compare(
          actualItem, expectedItem, path: "\(path)[\(index)]", tolerancePath: tolerancePath, reference: reference,
          into: &mismatches)
      }
    case is NSNull:
      if !(actual is NSNull) { mismatches.append("\(path): expected null, got \(actual)") }
    case let string as String:
      if actual as? String != string { mismatches.append("\(path): expected \"\(string)\", got \(actual)") }
    case let number as NSNumber:
      guard !(actual is NSNull), let actualNumber = actual as? NSNumber, !(actual is String) else {
        mismatches.append("\(path): expected \(number), got \(actual)")
        return
      }
      let tolerance = reference.tolerance[tolerancePath] ?? 0
      let difference = abs(actualNumber.doubleValue - number.doubleValue)
      if !(difference <= tolerance) {
        mismatches.append("\(path): \(actualNumber) is not within \(tolerance) of \(number)")
      }
    default:
      mismatches.append("\(path): unexpected expected value \(expected)")
    }
  }
}

/// Bad input: a non-zero exit, one line on stderr naming the file, the row
/// and the column, and nothing on stdout.
@Suite("groundwork stats on bad input")
struct StatsBadInputTests {
  struct BadInput: Sendable, CustomTestStringConvertible {
    var label: String
    var command: [String]
    var file: String
    var contents: String?
    /// Fragments the message must contain (besides the file name).
    var mentions: [String]
    var testDescription: String { label }
  }

  static let inputs: [BadInput] = [
    BadInput(label: "missing file", command: ["calibration"], file: "absent.csv", contents: nil, mentions: []),
    BadInput(label: "empty file", command: ["calibration"], file: "empty.csv", contents: "", mentions: ["empty"]),
    BadInput(
      label: "header only", command: ["calibration"], file: "header.csv", contents: "confidence,correct\n",
      mentions: [":1:", "no data rows"]),
    BadInput(
      label: "missing column", command: ["calibration"], file: "columns.csv", contents: "conf,correct\n0.5,1\n",
      mentions: [":1:", "\"confidence\""]),
    BadInput(
      label: "confidence 1.2", command: ["calibration"], file: "range.csv",
      contents: "confidence,correct\r\n0.5,1\r\n1.2,0\r\n", mentions: [":3:", "row 2", "\"confidence\"", "1.2"]),
    BadInput(
      label: "correct 2", command: ["calibration"], file: "correct.csv",
      contents: "confidence,correct\n0.5,1\n0.7,0\n0.6,2\n", mentions: [":4:", "row 3", "\"correct\"", "2"]),
    BadInput(
      label: "text in a number column", command: ["calibration"], file: "text.csv",
      contents: "correct,confidence\n1,abc\n", mentions: [":2:", "row 1", "\"confidence\"", "\"abc\""]),
    BadInput(
      label: "NaN confidence", command: ["calibration"], file: "nan.csv",
      contents: "confidence,correct\n0.5,1\nnan,1\n", mentions: [":3:", "row 2", "\"confidence\""]),
    BadInput(
      label: "short row", command: ["calibration"], file: "short.csv",
      contents: "confidence,correct\n0.5,1\n0.5\n", mentions: [":3:", "row 2"]),
    BadInput(
      label: "compare: a of 7", command: ["compare"], file: "pairs.csv", contents: "a,b\n1,0\n7,1\n",
      mentions: [":3:", "row 2", "\"a\""]),
    BadInput(
      label: "compare: missing column b", command: ["compare"], file: "pairs.csv", contents: "a,c\n1,0\n",
      mentions: ["\"b\""]),
    BadInput(
      label: "shift: text in the column", command: ["shift", "shift.csv", "shift.csv", "--column", "x"],
      file: "shift.csv", contents: "x\n1\n2\nthree\n", mentions: [":4:", "row 3", "\"x\"", "\"three\""]),
    BadInput(
      label: "bias-variance: no target", command: ["bias-variance", "--loss", "squared"], file: "bv.csv",
      contents: "y,m1\n1,2\n", mentions: ["\"target\""]),
    BadInput(
      label: "bias-variance: fractional label", command: ["bias-variance", "--loss", "zero-one"], file: "bv.csv",
      contents: "target,m1,m2\n1,1,0\n0,0.5,1\n", mentions: [":3:", "row 2", "\"m1\"", "0.5"]),
    BadInput(
      label: "bias-variance: empty prediction", command: ["bias-variance", "--loss", "squared"], file: "bv.csv",
      contents: "target,m1,m2\n1,1,\n", mentions: [":2:", "row 1", "\"m2\""]),
  ]

  @Test("fails with one line naming the file, row and column", arguments: inputs)
  func badInput(_ input: BadInput) throws {
    let folder = try TemporaryFolder.make("groundwork-bad")
    defer { try? FileManager.default.removeItem(at: folder) }
    if let contents = input.contents {
      try Data(contents.utf8).write(to: folder.appendingPathComponent(input.file))
    }
    var arguments = ["stats"] + input.command
    if input.command.count == 1 || input.command[0] == "bias-variance" { arguments.insert(input.file, at: 2) }
    let result = try GroundworkExecutable.run(arguments + ["--json"], in: folder)
    #expect(result.status != 0)
    #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 1, "stderr: \(result.stderr)")
    let message = String(lines.first ?? "")
    #expect(message.hasPrefix("error: \(input.file)"), "\(message)")
    for fragment in input.mentions {
      #expect(message.contains(fragment), "\(message) does not mention \(fragment)")
    }
  }
}

@Suite("groundwork stats output")
struct StatsOutputTests {
  static let calibrationFolder = TestPaths.reference("calibration")

  @Test("numbers print as the shortest decimal that reads back")
  func shortestDecimals() throws {
    let result = try GroundworkExecutable.run(
      ["stats", "interval", "--successes", "1", "--trials", "10", "--method", "normal", "--json"], in: Self.calibrationFolder)
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("{\"estimate\": 0.1, "))
    #expect(result.stdout.contains("\"level\": 0.95"))
  }

  @Test("without --json: a table and a reliability diagram")
  func calibrationTable() throws {
    let result = try GroundworkExecutable.run(["stats", "calibration", "basic_defaults.csv"], in: Self.calibrationFolder)
    #expect(result.status == 0)
    #expect(result.stdout.contains("ECE"))
    #expect(result.stdout.contains("Reliability diagram"))
    #expect(result.stdout.contains("█"))
  }

  @Test("without --json, every command prints a report", arguments: [
    ["interval", "--successes", "15", "--trials", "40"],
    ["compare", "../compare/moderate_n1000.csv"],
    ["shift", "../shift/mean_shift.reference.csv", "../shift/mean_shift.current.csv", "--column", "value"],
    ["bias-variance", "../bias-variance/tree_squared_k20.csv", "--loss", "squared"],
  ])
  func reports(_ arguments: [String]) throws {
    let result = try GroundworkExecutable.run(["stats"] + arguments, in: Self.calibrationFolder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.isEmpty)
    #expect(!result.stdout.hasPrefix("{"))
  }

  @Test("usage errors exit 2 and print nothing on stdout", arguments: [
    ["interval", "--successes", "5", "--trials", "3", "--json"],
    ["interval", "--successes", "1", "--trials", "3", "--level", "95", "--json"],
    ["interval", "--successes", "1", "--trials", "3", "--method", "exact", "--json"],
    ["calibration", "basic_defaults.csv", "--bins", "0", "--json"],
    ["calibration", "basic_defaults.csv", "--strategy", "adaptive", "--json"],
  ])
  func usageErrors(_ arguments: [String]) throws {
    let result = try GroundworkExecutable.run(["stats"] + arguments, in: Self.calibrationFolder)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
  }
}
