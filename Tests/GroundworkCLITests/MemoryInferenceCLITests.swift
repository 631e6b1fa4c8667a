import Foundation
import Testing
import _TestSupport

/// Runs the built `groundwork` with any arguments, for the toolbox commands'
/// end-to-end tests.
enum Toolbox {
  /// Runs `groundwork ARGUMENTS` in `folder` (the reference folder unless told).
  static func run(_ arguments: [String], in folder: URL = MemoryCLITests.casesFolder) throws -> MemoryCLITests.Outcome {
    let process = Process()
    process.executableURL = MemoryCLITests.groundwork
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Outputs are a few kilobytes, below a pipe's buffer.
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    let stderr = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return MemoryCLITests.Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// Runs a command that must succeed with `--json`, and returns its one
  /// object.
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let outcome = try run(arguments + ["--json"])
    #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
    #expect(outcome.stderr.isEmpty)
    #expect(outcome.stdout.hasSuffix("}\n") && outcome.stdout.filter { $0 == "\n" }.count == 1, "\(outcome.stdout)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
      "stdout is not one JSON object: \(outcome.stdout)")
  }

  /// Expects exit status 2, nothing on stdout and exactly one line on
  /// stderr.
  static func expectOneLineError(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try run(arguments)
    #expect(outcome.status == 2, "\(arguments)", sourceLocation: sourceLocation)
    #expect(outcome.stdout.isEmpty, "stdout: \(outcome.stdout)", sourceLocation: sourceLocation)
    let lines = outcome.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      lines.count == 2 && lines[1].isEmpty && lines[0].hasPrefix("error: "), "stderr: \(outcome.stderr)",
      sourceLocation: sourceLocation)
  }
}

@Suite("groundwork memory inference, end to end")
struct MemoryInferenceCLITests {
  static let keys: Set<String> = [
    "parameters", "weights_format", "kv_format", "sequence", "batch", "bytes", "device", "memory", "reserve", "fits",
    "max_batch",
  ]

  @Test("Llama-3.1-8B bf16: 131,072 bytes per token, 1 GiB at 8k tokens")
  func llama3() throws {
    let object = try Toolbox.json(["memory", "inference", "--model", "llama-3.1-8b", "--weights", "bf16", "--seq", "8192"])
    #expect(Set(object.keys) == Self.keys)
    #expect(object["parameters"] as? Int == 8_030_261_248)
    let bytes = try #require(object["bytes"] as? [String: Any])
    #expect(Set(bytes.keys) == ["weights", "kv_cache_per_token", "kv_cache", "total"])
    #expect(bytes["kv_cache_per_token"] as? Int == 131_072)
    #expect(bytes["kv_cache"] as? Int == 1 << 30)
    #expect(bytes["weights"] as? Int == 16_060_522_496)
    #expect(bytes["total"] as? Int == 16_060_522_496 + (1 << 30))
    #expect(object["kv_format"] as? String == "bf16")
    #expect(object["max_batch"] is NSNull && object["fits"] is NSNull)
  }

  @Test("Llama-2-7B bf16, 4k tokens × batch 16: 32 GiB of KV cache")
  func llama2() throws {
    let object = try Toolbox.json([
      "memory", "inference", "--model", "llama-2-7b", "--weights", "bf16", "--seq", "4096", "--batch", "16",
    ])
    let bytes = try #require(object["bytes"] as? [String: Any])
    #expect(bytes["kv_cache"] as? Int == 32 << 30)
    #expect(object["parameters"] as? Int == 6_738_415_616)
  }

  @Test("the architecture's flags give the published counts: Llama-2-7B, Llama-3.1-8B, GPT-2 small")
  func architectureFlags() throws {
    let llama = ["--ffn", "gated", "--positions", "rotary", "--norm", "rmsnorm", "--no-bias", "--untied"]
    let cases: [([String], Int)] = [
      (["--layers", "32", "--hidden", "4096", "--heads", "32", "--vocab", "32000", "--intermediate", "11008"] + llama,
       6_738_415_616),
      (["--layers", "32", "--hidden", "4096", "--heads", "32", "--kv-heads", "8", "--vocab", "128256",
        "--intermediate", "14336"] + llama, 8_030_261_248),
      (["--layers", "12", "--hidden", "768", "--heads", "12", "--vocab", "50257", "--context", "1024"], 124_439_808),
    ]
    for (flags, expected) in cases {
      let object = try Toolbox.json(["memory", "inference"] + flags + ["--weights", "fp32"])
      #expect(object["parameters"] as? Int == expected)
      let bytes = try #require(object["bytes"] as? [String: Any])
      #expect(bytes["weights"] as? Int == 4 * expected)
    }
  }

  @Test("weights at fp32 / fp16 / bf16 / int8 / int4: 4, 2, 2, 1, 0.5 bytes per parameter")
  func formats() throws {
    for (format, bytes) in [("fp32", 28_000_000_000), ("fp16", 14_000_000_000), ("bf16", 14_000_000_000),
                            ("int8", 7_000_000_000), ("int4", 3_500_000_000)] {
      let object = try Toolbox.json(["memory", "inference", "--params", "7B", "--weights", format])
      let counts = try #require(object["bytes"] as? [String: Any])
      #expect(counts["weights"] as? Int == bytes)
      #expect(counts["kv_cache"] is NSNull)
    }
  }

  @Test("the largest batch: 30 sequences of 4k on 80 GB, 33 on an H100's 80 GiB")
  func largestBatch() throws {
    let base = ["memory", "inference", "--model", "llama-2-7b", "--weights", "bf16", "--seq", "4096"]
    let gigabytes = try Toolbox.json(base + ["--gpu-memory", "80GB"])
    #expect(gigabytes["max_batch"] as? Int == 30)
    #expect(gigabytes["fits"] as? Bool == true)
    #expect(gigabytes["memory"] as? Int == 80_000_000_000)
    let h100 = try Toolbox.json(base + ["--device", "h100-sxm", "--batch", "40"])
    #expect(h100["max_batch"] as? Int == 33)
    #expect(h100["fits"] as? Bool == false)
    #expect(h100["device"] as? String == "h100-sxm")
    let reserved = try Toolbox.json(base + ["--device", "h100-sxm", "--reserve", "4GiB"])
    #expect(reserved["max_batch"] as? Int == 31)
  }

  @Test("the table states bytes, GiB and GB and the KV formula")
  func table() throws {
    let outcome = try Toolbox.run([
      "memory", "inference", "--model", "llama-3.1-8b", "--weights", "bf16", "--seq", "8192", "--device", "h100-sxm",
    ])
    #expect(outcome.status == 0)
    for text in ["Llama-3.1-8B", "8,030,261,248", "1,073,741,824", "131,072 bytes per token", "GiB", "GB",
                 "largest batch at 8,192 tokens: 65", "GB = 10^9 bytes, GiB = 2^30 bytes"] {
      #expect(outcome.stdout.contains(text), "missing \(text.debugDescription) in\n\(outcome.stdout)")
    }
  }

  static let badInputs: [[String]] = [
    ["--model", "llama-3.1-8b"],
    ["--model", "gpt-5", "--weights", "bf16"],
    ["--model", "llama-3.1-8b", "--weights", "fp4"],
    ["--model", "llama-3.1-8b", "--weights", "tf32"],
    ["--model", "llama-3.1-8b", "--weights", "bf16", "--seq", "0"],
    ["--model", "llama-3.1-8b", "--weights", "bf16", "--seq", "-5"],
    ["--model", "llama-3.1-8b", "--weights", "bf16", "--batch", "4"],
    ["--params", "7B", "--weights", "bf16", "--seq", "4096"],
    ["--params", "7B", "--model", "gpt2", "--weights", "bf16"],
    ["--weights", "bf16"],
    ["--layers", "32", "--hidden", "4096", "--heads", "32", "--kv-heads", "3", "--vocab", "32000",
     "--positions", "rotary", "--weights", "bf16"],
    ["--layers", "32", "--hidden", "4096", "--heads", "32", "--vocab", "32000", "--weights", "bf16"],
    ["--layers", "32", "--hidden", "4096", "--heads", "32", "--vocab", "32000", "--positions", "rotary",
     "--ffn", "gated", "--weights", "bf16"],
    ["--layers", "0", "--hidden", "4096", "--heads", "32", "--vocab", "32000", "--positions", "rotary", "--weights", "bf16"],
    ["--model", "gpt2", "--weights", "bf16", "--seq", "1024", "--device", "tpu"],
    ["--model", "gpt2", "--weights", "bf16", "--seq", "1024", "--gpu-memory", "80GiBs"],
    ["--model", "gpt2", "--weights", "bf16", "--seq", "1024", "--gpu-memory", "80GB", "--device", "h100-sxm"],
    ["--model", "gpt2", "--weights", "bf16", "--reserve", "1GB"],
    ["--model", "gpt2", "--weights", "bf16", "stray"],
  ]

  @Test("bad input: exit status 2, one line on stderr, nothing on stdout", arguments: badInputs)
  func badInput(_ arguments: [String]) throws {
    try Toolbox.expectOneLineError(["memory", "inference"] + arguments + ["--json"])
  }
}
