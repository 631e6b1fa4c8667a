import Foundation
import Testing
import _TestSupport

/// The built `groundwork` executable, run as a learner or an outside check
/// would run it, against `../shared/reference/memory/cases.json`.
@Suite("groundwork memory training, end to end")
struct MemoryCLITests {
  /// The build folder: the test binary and `groundwork` are built side by
  /// side (`swift build --build-tests`, `swift test`).
  static let buildFolder: URL = {
    #if os(Linux)
      let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
      return URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
    #else
      let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") } ?? Bundle.main
      return bundle.bundleURL.deletingLastPathComponent()
    #endif
  }()

  static let groundwork = buildFolder.appendingPathComponent("groundwork")

  static let casesFolder = TestPaths.reference("memory")

  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `groundwork memory training ARGS` in `folder`.
  static func run(_ arguments: [String], in folder: URL = casesFolder) throws -> Outcome {
    try Toolbox.run(["memory", "training"] + arguments, in: folder)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    /// The expected JSON object, as its own text (parsed again in the test:
    /// Foundation's JSON values are not `Sendable`).
    var expected: Data
    var tolerance: [String: Double]
    var testDescription: String { name }
  }

  static func cases() throws -> [Case] {
    let data = try Data(contentsOf: casesFolder.appendingPathComponent("cases.json"))
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let entries = try #require(root["cases"] as? [[String: Any]])
    return try entries.map { entry in
      Case(
        name: try #require(entry["name"] as? String),
        arguments: try #require(entry["args"] as? [String]),
        expected: try JSONSerialization.data(withJSONObject: try #require(entry["expected"])),
        tolerance: (entry["tolerance"] as? [String: Double]) ?? [:])
    }
  }

  @Test("groundwork is built in the test bundle's folder")
  func executableExists() {
    #expect(
      FileManager.default.isExecutableFile(atPath: Self.groundwork.path),
      "no groundwork at \(Self.groundwork.path): run swift build --build-tests")
  }

  @Test("every reference case matches exactly", arguments: try cases())
  func referenceCase(_ reference: Case) throws {
    let outcome = try Self.run(reference.arguments)
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    #expect(outcome.stderr.isEmpty)
    // Every number is an integer literal: no decimal point, no exponent.
    #expect(
      outcome.stdout.range(of: "[0-9][.eE]", options: .regularExpression) == nil,
      "a number is not written as an integer: \(outcome.stdout)")
    let actual = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
      "stdout is not one JSON object: \(outcome.stdout)")
    let expected = try #require(try JSONSerialization.jsonObject(with: reference.expected) as? [String: Any])
    compare(actual, expected, path: "", tolerance: reference.tolerance)
  }

  /// Compares two JSON values key by key: the same keys, `null` where
  /// expected, numbers within the case's tolerance for their dotted path
  /// (0 when unlisted: exact integers), everything else equal.
  func compare(_ actual: Any, _ expected: Any, path: String, tolerance: [String: Double]) {
    switch expected {
    case let object as [String: Any]:
      guard let actualObject = actual as? [String: Any] else {
        Issue.record("\(path): expected an object, got \(actual)")
        return
      }
      #expect(Set(actualObject.keys) == Set(object.keys), "\(path): keys differ")
      for (key, value) in object {
        let child = path.isEmpty ? key : "\(path).\(key)"
        compare(actualObject[key] ?? "missing", value, path: child, tolerance: tolerance)
      }
    case is NSNull:
      #expect(actual is NSNull, "\(path): expected null, got \(actual)")
    case let number as NSNumber:
      guard let actualNumber = actual as? NSNumber else {
        Issue.record("\(path): expected \(number), got \(actual)")
        return
      }
      let allowed = tolerance[path] ?? 0
      if allowed == 0 {
        #expect(actualNumber.int64Value == number.int64Value, "\(path)")
        #expect(actualNumber.doubleValue == number.doubleValue, "\(path)")
      } else {
        expectClose(actualNumber.doubleValue, number.doubleValue, absolute: allowed, "\(path)")
      }
    default:
      #expect(String(describing: actual) == String(describing: expected), "\(path)")
    }
  }

  static let transformer = ["--hidden", "768", "--seq", "1024", "--vocab", "50257", "--batch", "4"]
  static let training = ["--optimizer", "adam", "--precision", "bf16-mixed"]

  static let badInputs: [[String]] = [
    ["--layers", "12", "--heads", "5"] + transformer + training + ["--json"],
    ["--layers", "0", "--heads", "12"] + transformer + training + ["--json"],
    ["--layers", "twelve", "--heads", "12"] + transformer + training,
    ["--params", "-5"] + training + ["--json"],
    ["--params", "abc"] + training + ["--json"],
    ["--params", "0"] + training + ["--json"],
    ["--params", "1.5"] + training + ["--json"],
    ["--params", "1e19"] + training + ["--json"],
    ["--params", "7B", "--optimizer", "rmsprop", "--precision", "fp32", "--json"],
    ["--params", "7B", "--optimizer", "adam", "--precision", "fp8", "--json"],
    ["--params", "7B", "--precision", "fp32", "--json"],
    ["--params", "7B", "--optimizer", "adam", "--json"],
    ["--layers", "12", "--hidden", "768"] + training + ["--json"],
    ["--params", "7B", "--layers", "12"] + training + ["--json"],
    training + ["--json"],
    ["--params", "7B", "--checkpointing", "some"] + training + ["--json"],
    ["--params", "7B", "--unknown"] + training + ["--json"],
    ["--params", "7.5B", "--zero", "2"] + training + ["--json"],
    ["--params", "7.5B", "--zero", "4", "--devices", "64"] + training + ["--json"],
    ["--params", "7.5B", "--zero", "1", "--devices", "0"] + training + ["--json"],
    ["--params", "7.5B", "--zero", "-1", "--devices", "8"] + training + ["--json"],
  ]

  @Test("ZeRO over 64 devices, Ψ = 7.5B: 120 / 31.4 / 16.6 / 1.9 GB per device (Rajbhandari et al. 2020)")
  func zero() throws {
    for (stage, total) in [("0", 120_000_000_000), ("1", 31_406_250_000), ("2", 16_640_625_000), ("3", 1_875_000_000)] {
      let outcome = try Self.run([
        "--params", "7.5B", "--optimizer", "adam", "--precision", "fp16-mixed", "--zero", stage, "--devices", "64", "--json",
      ])
      #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
      #expect(Set(object.keys) == ["parameters", "bytes"])
      let bytes = try #require(object["bytes"] as? [String: Any])
      #expect(bytes["total"] as? Int == total)
      #expect(object["parameters"] as? Int == 7_500_000_000)
    }
  }

  @Test("adam-8bit: 2 bytes per parameter of state, plus the fp32 master copy in mixed precision")
  func adam8bit() throws {
    let outcome = try Self.run(["--params", "1B", "--optimizer", "adam-8bit", "--precision", "bf16-mixed", "--json"])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let bytes = try #require(object["bytes"] as? [String: Any])
    #expect(bytes["optimizer"] as? Int == 6_000_000_000)
    #expect(bytes["total"] as? Int == 10_000_000_000)
    let table = try Self.run(["--params", "1B", "--optimizer", "adam-8bit", "--precision", "fp32"])
    #expect(table.stdout.contains("Dettmers"))
  }

  @Test("bad input: exit status 2, one line on stderr, nothing on stdout", arguments: badInputs)
  func badInput(_ arguments: [String]) throws {
    let outcome = try Self.run(arguments)
    #expect(outcome.status == 2)
    #expect(outcome.stdout.isEmpty, "stdout: \(outcome.stdout)")
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty && !lines[0].isEmpty, "stderr: \(outcome.stderr)")
  }

  @Test("without --json: a table with bytes, GiB and GB and the convention")
  func table() throws {
    let outcome = try Self.run(["--layers", "12", "--heads", "12"] + Self.transformer + [
      "--optimizer", "adamw", "--precision", "bf16-mixed", "--checkpointing", "selective",
    ])
    #expect(outcome.status == 0)
    #expect(outcome.stderr.isEmpty)
    for text in [
      "124,439,808", "248,879,616", "1,493,277,696", "1,283,457,024", "3,274,493,952", "GiB", "GB",
      "16 bytes/parameter", "ZeRO", "Korthikanti", "GB = 10^9 bytes, GiB = 2^30 bytes",
    ] {
      #expect(outcome.stdout.contains(text), "missing \(text.debugDescription) in\n\(outcome.stdout)")
    }
  }

  @Test("without --json, from a parameter count: activations are not estimated")
  func tableFromCount() throws {
    let outcome = try Self.run(["--params", "7B", "--optimizer", "adam", "--precision", "fp16-mixed"])
    #expect(outcome.status == 0)
    #expect(outcome.stdout.contains("112,000,000,000"))
    #expect(outcome.stdout.contains("112.000"))
    #expect(outcome.stdout.contains("104.308"))  // 112e9 / 2^30
    #expect(outcome.stdout.contains("not estimated"))
  }
}
