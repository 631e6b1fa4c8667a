import Foundation
import Testing
import _TestSupport

@Suite("groundwork flops, end to end")
struct FlopsCLITests {
  @Test("70B on 1.4T tokens: 5.88e23 FLOPs; 1,024 A100s at 40% MFU ≈ 53.3 days")
  func chinchillaOnA100s() throws {
    let object = try Toolbox.json([
      "flops", "training", "--params", "70B", "--tokens", "1.4T", "--device", "a100-80gb", "--gpus", "1024",
      "--mfu", "0.4",
    ])
    #expect(Set(object.keys) == [
      "parameters", "tokens", "tokens_per_parameter", "chinchilla_tokens", "flops", "device", "dtype", "peak_flops",
      "gpus", "mfu", "seconds", "days",
    ])
    let flops = try #require(object["flops"] as? [String: Any])
    #expect(Set(flops.keys) == ["forward", "backward", "total", "with_recomputation"])
    #expect((flops["total"] as? NSNumber)?.doubleValue == 5.88e23)
    #expect((flops["forward"] as? NSNumber)?.doubleValue == 1.96e23)
    #expect((flops["backward"] as? NSNumber)?.doubleValue == 3.92e23)
    #expect((object["peak_flops"] as? NSNumber)?.doubleValue == 312e12)
    expectClose(try #require((object["days"] as? NSNumber)?.doubleValue), 53.3, absolute: 0.05)
    #expect(object["chinchilla_tokens"] as? Int == 1_400_000_000_000)
  }

  @Test("GPT-3, 175B × 300B: 3.15e23 FLOPs; no time without a device")
  func gpt3() throws {
    let object = try Toolbox.json(["flops", "training", "--params", "175B", "--tokens", "300B"])
    let flops = try #require(object["flops"] as? [String: Any])
    #expect((flops["total"] as? NSNumber)?.doubleValue == 3.15e23)
    #expect(object["days"] is NSNull && object["device"] is NSNull)
  }

  @Test("--tokens chinchilla is 20 tokens per parameter")
  func chinchillaTokens() throws {
    let object = try Toolbox.json(["flops", "training", "--params", "7B", "--tokens", "chinchilla"])
    #expect(object["tokens"] as? Int == 140_000_000_000)
    #expect((object["tokens_per_parameter"] as? NSNumber)?.doubleValue == 20)
  }

  @Test("ridge points: A100-80GB 153, H100 SXM 295 FLOP/byte (bf16)")
  func ridgePoints() throws {
    for (device, ridge) in [("a100-80gb", 153.0), ("h100-sxm", 295.0)] {
      let object = try Toolbox.json([
        "flops", "roofline", "--device", device, "--dtype", "bf16", "--matmul", "4096,4096,4096",
      ])
      #expect(((object["ridge_point"] as? NSNumber)?.doubleValue)?.rounded() == ridge)
      #expect(object["bound"] as? String == "compute")
      #expect((object["flops"] as? NSNumber)?.doubleValue == Double(2 * 4096 * 4096 * 4096))
      #expect(object["bytes"] as? Int == 3 * 4096 * 4096 * 2)
    }
  }

  @Test("an element-wise add and a decode-shaped matmul are memory-bound")
  func memoryBound() throws {
    let add = try Toolbox.json(["flops", "roofline", "--device", "h100-sxm", "--dtype", "bf16", "--elementwise", "1048576"])
    #expect(add["bound"] as? String == "memory")
    expectClose(try #require((add["intensity"] as? NSNumber)?.doubleValue), 1.0 / 6, absolute: 1e-12)
    let gemv = try Toolbox.json(["flops", "roofline", "--device", "a100-80gb", "--dtype", "bf16", "--matmul", "1,4096,4096"])
    #expect(gemv["bound"] as? String == "memory")
  }

  @Test("devices: every entry has a source; the table names them")
  func devices() throws {
    let object = try Toolbox.json(["flops", "devices"])
    let devices = try #require(object["devices"] as? [[String: Any]])
    #expect(devices.map { $0["id"] as? String } == ["h100-sxm", "a100-80gb", "rtx-4090", "apple-m1", "apple-m2-ultra"])
    for device in devices {
      #expect(!((device["source"] as? String) ?? "").isEmpty)
    }
    let table = try Toolbox.run(["flops", "devices"])
    #expect(table.status == 0 && table.stdout.contains("data sheet"))
  }

  @Test("the training table states the split, Chinchilla and the days")
  func table() throws {
    let outcome = try Toolbox.run([
      "flops", "training", "--params", "70B", "--tokens", "1.4T", "--device", "a100-80gb", "--gpus", "1024", "--mfu", "0.4",
    ])
    #expect(outcome.status == 0)
    for text in ["5.88e+23", "2·N·D", "4·N·D", "6·N·D", "Hoffmann", "53.3 days"] {
      #expect(outcome.stdout.contains(text), "missing \(text.debugDescription) in\n\(outcome.stdout)")
    }
  }

  static let badInputs: [[String]] = [
    ["training", "--tokens", "1T"],
    ["training", "--params", "7B"],
    ["training", "--params", "-7B", "--tokens", "1T"],
    ["training", "--params", "7B", "--tokens", "lots"],
    ["training", "--params", "7B", "--tokens", "1T", "--device", "a100-80gb", "--gpus", "8"],
    ["training", "--params", "7B", "--tokens", "1T", "--device", "a100-80gb", "--gpus", "8", "--mfu", "1.5"],
    ["training", "--params", "7B", "--tokens", "1T", "--device", "a100-80gb", "--gpus", "8", "--mfu", "nan"],
    ["training", "--params", "7B", "--tokens", "1T", "--device", "a100-80gb", "--gpus", "0", "--mfu", "0.4"],
    ["training", "--params", "7B", "--tokens", "1T", "--device", "apple-m1", "--gpus", "1", "--mfu", "0.4"],
    ["training", "--params", "7B", "--tokens", "1T", "--peak", "312e12", "--device", "a100-80gb", "--gpus", "1", "--mfu", "0.4"],
    ["training", "--params", "7B", "--tokens", "1T", "--mfu", "0.4"],
    ["roofline", "--device", "h100-sxm", "--dtype", "bf16"],
    ["roofline", "--device", "h100-sxm", "--dtype", "bf16", "--matmul", "4096,4096"],
    ["roofline", "--device", "h100-sxm", "--dtype", "bf16", "--matmul", "4096,0,4096"],
    ["roofline", "--device", "h100-sxm", "--dtype", "bf17", "--matmul", "1,1,1"],
    ["roofline", "--device", "h100-sxm", "--dtype", "int4", "--matmul", "1,1,1"],
    ["roofline", "--device", "v100", "--dtype", "bf16", "--matmul", "1,1,1"],
    ["roofline", "--device", "h100-sxm", "--dtype", "bf16", "--matmul", "1,1,1", "--elementwise", "5"],
    ["roofline", "--device", "h100-sxm", "--dtype", "bf16", "--elementwise", "5", "--inputs", "0", "--outputs", "0"],
    ["devices", "extra"],
  ]

  @Test("bad input: exit status 2, one line on stderr, nothing on stdout", arguments: badInputs)
  func badInput(_ arguments: [String]) throws {
    try Toolbox.expectOneLineError(["flops"] + arguments + ["--json"])
  }
}
