import Foundation
import Testing

/// `groundwork memory measure`, run as a learner would run it: the table,
/// the JSON object, and one-line errors for bad values.
@Suite("groundwork memory measure, end to end")
struct MemoryMeasureCLITests {
  /// Runs `groundwork memory measure ARGS`.
  static func run(_ arguments: [String]) throws -> MemoryCLITests.Outcome {
    try Toolbox.run(["memory", "measure"] + arguments)
  }

  static let small = ["--layers", "2", "--hidden", "32", "--heads", "4", "--seq", "16", "--batch", "2"]

  @Test("the table: every component estimated and measured, and what checkpointing saves")
  func table() throws {
    let outcome = try Self.run(Self.small + ["--optimizer", "adamw", "--checkpointing", "full"])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    #expect(outcome.stderr.isEmpty)
    // 25,152 parameters: 4 bytes each of weights and gradients, 8 of AdamW
    // state.
    for text in [
      "Transformer, L 2, H 32, A 4, S 16, B 2: 25,152 parameters", "weights", "100,608", "gradients",
      "optimizer states", "201,216", "activations (peak)", "step peak", "Without checkpointing:",
      "Checkpointing lowers the activation peak by", "Korthikanti",
    ] {
      #expect(outcome.stdout.contains(text), "missing \(text.debugDescription) in\n\(outcome.stdout)")
    }
    #expect(!outcome.stdout.contains(" NO\n"), "a component disagrees:\n\(outcome.stdout)")
  }

  @Test("--json: one object, one entry per component, all agreeing")
  func json() throws {
    let outcome = try Self.run(Self.small + ["--model", "mlp", "--optimizer", "momentum", "--json"])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stdout)")
    #expect(object["model"] as? String == "mlp")
    #expect(object["parameters"] as? Int == 3 * (32 * 32 + 32))
    #expect(object["without_checkpointing"] is NSNull)
    let components = try #require(object["components"] as? [[String: Any]])
    #expect(components.map { $0["component"] as? String } == [
      "weights", "gradients", "optimizer", "batch", "activations", "peak",
    ])
    for component in components {
      #expect(component["agrees"] as? Bool == true, "\(component)")
    }
    let byName = Dictionary(uniqueKeysWithValues: components.map { ($0["component"] as! String, $0) })
    #expect(byName["optimizer"]?["measured"] as? Int == 4 * 3 * (32 * 32 + 32))
  }

  @Test("--checkpointing full in JSON: the run without it, with a larger activation peak")
  func jsonCheckpointing() throws {
    let outcome = try Self.run(Self.small + ["--checkpointing", "full", "--json"])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    let components = try #require(object["components"] as? [[String: Any]])
    let activations = try #require(components.first { $0["component"] as? String == "activations" })
    let baseline = try #require(object["without_checkpointing"] as? [String: Any])
    let plain = try #require(baseline["activations"] as? [String: Any])
    let checkpointed = try #require(activations["measured"] as? Int)
    #expect(try #require(plain["measured"] as? Int) > checkpointed)
  }

  static let badInputs: [[String]] = [
    ["--model", "cnn"],
    ["--layers", "0"],
    ["--hidden", "wide"],
    ["--heads", "3", "--hidden", "32"],
    ["--seq", "-4"],
    ["--batch", "1.5"],
    ["--optimizer", "rmsprop"],
    ["--optimizer", "adam-8bit"],
    ["--precision", "bf16-mixed"],
    ["--checkpointing", "selective"],
    ["--checkpointing", "some"],
    ["--steps", "1"],
    ["--steps", "101"],
    ["--hidden", "100000"],
    ["--layers", "9223372036854775807"],
    ["--vocab", "50257"],
  ]

  @Test("bad input: exit status 2, one line naming the flag, nothing on stdout", arguments: badInputs)
  func badInput(_ arguments: [String]) throws {
    let outcome = try Self.run(arguments + ["--json"])
    #expect(outcome.status == 2)
    #expect(outcome.stdout.isEmpty, "stdout: \(outcome.stdout)")
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty && lines[0].hasPrefix("error: "), "stderr: \(outcome.stderr)")
    // A model too large to train names what it would need instead of a flag.
    let tooLarge = outcome.stderr.contains("bytes per step") || outcome.stderr.contains("64-bit integer")
    #expect(
      tooLarge || outcome.stderr.contains(arguments[0]) || outcome.stderr.contains("heads"),
      "stderr: \(outcome.stderr)")
  }
}
