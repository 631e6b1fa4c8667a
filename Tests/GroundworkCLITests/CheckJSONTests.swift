import Foundation
import Testing

/// `groundwork check --json`: one JSON object on stdout, the usual exit codes.
@Suite("check --json", .serialized)
struct CheckJSONTests {
  func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("a failing exercise: exit 1, only JSON, every key present")
  func failing() throws {
    let sandbox = try CLISandbox()
    let result = try sandbox.run(["check", "--json", "--seed", "7"])
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("{"))
    #expect(result.stdout.hasSuffix("}\n"))
    let report = try object(result.stdout)
    #expect(report["exercise"] as? String == "calibration-ece")
    #expect(report["file"] as? String == "Exercises/1-foundation/calibration.swift")
    #expect(report["seed"] as? Int == 7)
    #expect(report["passed"] as? Bool == false)
    #expect(report["plannedChecks"] as? Int == 7)
    #expect(report["blocker"] is NSNull)
    let checks = try #require(report["checks"] as? [[String: Any]])
    let first = try #require(checks.first)
    #expect(first["index"] as? Int == 0)
    #expect(first["id"] as? String == "calibration-ece#1")
    #expect(first["status"] as? String == "crashed")
    #expect((first["message"] as? String)?.contains("Not written yet") == true)
    for key in ["name", "tried", "expected", "got", "hint"] { #expect(first.keys.contains(key), "missing \(key)") }
  }

  @Test("a wrong answer carries expected, got and the hint; the solution passes")
  func wrongThenRight() throws {
    let sandbox = try CLISandbox()
    let path = "Exercises/1-foundation/calibration.swift"
    try sandbox.write(
      path,
      "import Groundwork\n\nfunc expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double {\n  0.5\n}\n")
    let wrong = try object(try sandbox.run(["check", "calibration-ece", "--json"]).stdout)
    let failed = try #require((wrong["checks"] as? [[String: Any]])?.first { $0["status"] as? String == "failed" })
    #expect(failed["expected"] is String)
    #expect(failed["got"] is String)

    try sandbox.write(path, try sandbox.read("Solutions/1-foundation/calibration.swift"))
    let result = try sandbox.run(["check", "calibration-ece", "--json"])
    #expect(result.status == 0)
    let right = try object(result.stdout)
    #expect(right["passed"] as? Bool == true)
    #expect(right["passedCount"] as? Int == 7)
    #expect((right["checks"] as? [[String: Any]])?.allSatisfy { $0["status"] as? String == "passed" } == true)
    #expect(try sandbox.read(".groundwork/progress.json").contains("calibration-ece"))
  }

  @Test("a file that does not compile is a blocker with the compiler's message")
  func compileError() throws {
    let sandbox = try CLISandbox()
    try sandbox.write("Exercises/1-foundation/calibration.swift", "import Groundwork\nlet x: Int = \"no\"\n")
    let result = try sandbox.run(["check", "--json"])
    #expect(result.status == 1)
    let report = try object(result.stdout)
    let blocker = try #require(report["blocker"] as? [String: Any])
    #expect(blocker["kind"] as? String == "compileFailed")
    #expect((blocker["message"] as? String)?.contains("calibration.swift:2") == true)
    #expect((report["checks"] as? [Any])?.isEmpty == true)
  }
}
