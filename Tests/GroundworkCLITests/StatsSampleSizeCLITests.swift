import Foundation
import Testing

// Expected values: the Stats tests' references (Chow, Shao and Wang's
// unpooled formula: 0.80 → 0.82 needs 6036 per arm at α = 0.05, power 0.8;
// Connor 1987: δ = 0.02, ψ = 0.10 needs 1960 pairs, ψ = 0.05 needs 979).

@Suite("groundwork stats sample-size")
struct StatsSampleSizeCLITests {
  @Test("independent test sets: examples per arm")
  func independent() throws {
    let json = try statsJSON(try runStats(["sample-size", "--from", "0.8", "--to", "0.82", "--json"]))
    #expect(json["design"] as? String == "independent")
    #expect(try jsonNumber(json, "per_arm") == 6036)
    #expect(try jsonNumber(json, "total") == 12072)
    #expect(json["variance"] as? String == "unpooled")
  }

  @Test("paired: McNemar's sample size", arguments: [(0.10, 1960.0), (0.05, 979.0)])
  func paired(_ discordant: Double, _ expected: Double) throws {
    let json = try statsJSON(
      try runStats(["sample-size", "--difference", "0.02", "--discordant-rate", "\(discordant)", "--json"]))
    #expect(json["design"] as? String == "paired")
    #expect(try jsonNumber(json, "n") == expected)
  }

  @Test("without --json: a readable line")
  func table() throws {
    let result = try runStats(["sample-size", "--from", "0.8", "--to", "0.82"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("6036"))
  }

  @Test(
    "contradictory or out-of-range options exit 2 with nothing on stdout",
    arguments: [
      ["--from", "0.8"],
      ["--from", "0.8", "--to", "0.82", "--difference", "0.02", "--discordant-rate", "0.1"],
      ["--from", "1.2", "--to", "0.8"],
      ["--from", "0.8", "--to", "0.8"],
      ["--difference", "0.2", "--discordant-rate", "0.1"],
      ["--from", "0.8", "--to", "0.82", "--power", "80"],
    ])
  func usage(_ arguments: [String]) throws {
    let result = try runStats(["sample-size"] + arguments + ["--json"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("error:"))
  }
}
