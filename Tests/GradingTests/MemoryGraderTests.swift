import Estimates
import Grading
import Testing

@Suite("Model-state bytes grader")
struct ModelStateBytesGraderTests {
  typealias Implementation = (Int, String, Bool) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try ModelStateBytesGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  /// Bytes per parameter from the given parts.
  static func counting(
    weight: @escaping (Bool) -> Int = { $0 ? 2 : 4 }, gradient: @escaping (Bool) -> Int = { $0 ? 2 : 4 },
    adam: Int = 8, eightBit: Int = 2, master: Int = 4
  ) -> Implementation {
    { n, optimizer, mixed in
      let own: Int
      switch OptimizerKind(rawValue: optimizer)! {
      case .sgd: own = 0
      case .momentum: own = 4
      case .adam, .adamw: own = adam
      case .adam8bit: own = eightBit
      }
      return (weight(mixed) + gradient(mixed) + own + (mixed ? master : 0)) * n
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let kernel: Implementation = {
      try! TrainingMemory(parameters: $0, optimizer: OptimizerKind(rawValue: $1)!, precision: $2 ? .bf16Mixed : .fp32)
        .total
    }
    #expect(try verdicts(kernel, seed: seed).allSatisfy { $0 == .passed })
    #expect(try verdicts(Self.counting(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("each named mistake is diagnosed")
  func mistakes() throws {
    #expect(try messages(Self.counting(adam: 4)).contains { $0.hasSuffix("this counts one moment for Adam; Adam keeps two, m and v, 8 bytes per parameter in fp32.") })
    #expect(try messages(Self.counting(master: 0)).contains { $0.hasSuffix("this leaves out the fp32 master copy of the weights that mixed precision keeps for the optimizer (4 bytes per parameter).") })
    #expect(try messages(Self.counting(weight: { $0 ? 6 : 4 }, gradient: { _ in 4 }, master: 0)).contains { $0.hasSuffix("this is Bekman's 18-byte accounting (fp32 gradients, both weight copies); this exercise counts ZeRO's: 16-bit gradients.") })
    #expect(try messages(Self.counting(eightBit: 8)).contains { $0.hasSuffix("this counts 8-bit Adam as full Adam; its two moments take 1 byte each.") })
    #expect(try messages { n, _, mixed in (mixed ? 2 : 4) * n }.contains { $0.hasSuffix("this is the weights alone.") })
    #expect(try messages(Self.counting(gradient: { _ in 0 })).contains { $0.hasSuffix("this leaves out the gradients.") })
    #expect(try messages { n, _, mixed in (mixed ? 4 : 8) * n }.contains { $0.hasSuffix("this is weights and gradients only, without the optimizer's state.") })
  }

  @Test("a constant cannot pass", arguments: [0, 112_000_000_000])
  func constants(value: Int) throws {
    #expect(try verdicts { _, _, _ in value }.contains { $0 != .passed })
  }
}

@Suite("Activation bytes grader")
struct ActivationBytesGraderTests {
  typealias Implementation = (Int, Int, Int, Int) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try ActivationBytesGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let kernel: Implementation = { s, b, h, a in
      try! TransformerShape(layers: 1, hidden: h, heads: a, sequence: s, vocabulary: 1, batch: b)
        .perLayerActivationBytes(checkpointing: .off)
    }
    #expect(try verdicts(kernel, seed: seed).allSatisfy { $0 == .passed })
    #expect(try verdicts({ s, b, h, a in 34 * s * b * h + 5 * a * s * s * b }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("each named mistake is diagnosed")
  func mistakes() throws {
    #expect(try messages { s, b, h, a in s * b * h * (34 + 5 * a * s / h) }.contains { $0.hasSuffix("this computes 5·a·s/h in integer division, which drops its fraction before the multiplication.") })
    #expect(try messages { s, b, h, _ in 34 * s * b * h }.contains { $0.contains("without the attention scores' 5·a·s²·b") })
    #expect(try messages { s, b, h, _ in 2 * s * b * h }.contains { $0.hasSuffix("this is 2·s·b·h, the layer input alone that full recomputation keeps.") })
    #expect(try messages { s, b, h, a in 34 * s * b * h + 5 * a * s * b }.contains { $0.hasSuffix("the attention term grows with the square of the sequence: 5·a·s²·b, not 5·a·s·b.") })
    #expect(try messages { s, b, h, a in 2 * (34 * s * b * h + 5 * a * s * s * b) }.contains { $0.hasSuffix("this is twice the 16-bit figure, as for fp32 activations; the formula counts 16-bit ones.") })
    #expect(try messages { s, b, h, a in 34 * s * b * h + 5 * a * s * s }.contains { $0.hasSuffix("the attention term is missing the batch: every sample has its own scores.") })
  }

  @Test("a constant cannot pass", arguments: [0, 2_868_903_936])
  func constants(value: Int) throws {
    #expect(try verdicts { _, _, _, _ in value }.contains { $0 != .passed })
  }
}

@Suite("Largest micro-batch grader")
struct LargestMicroBatchGraderTests {
  typealias Implementation = (Int, Int, Int, Int, Int, Int) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try LargestMicroBatchGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> Set<String> {
    failureMessages(try verdicts(implementation))
  }

  /// The budget with the given parts.
  static func budget(
    unit: Int = 1 << 30, perParameter: Int = 16, layersCounted: ((Int) -> Int)? = nil, factor: Int = 1,
    roundUp: Bool = false
  ) -> Implementation {
    { gpu, n, layers, s, h, a in
      let memory = gpu * unit
      let states = perParameter * n
      let perSample = (layersCounted?(layers) ?? layers) * (34 * s * h + 5 * a * s * s) * factor
      guard memory >= states else { return 0 }
      return roundUp ? (memory - states + perSample - 1) / perSample : (memory - states) / perSample
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.budget(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("GPT-2 small on 80 GiB: 77, and 72 with GB")
  func lessonNumbers() {
    #expect(Self.budget()(80, 124_439_808, 12, 1_024, 768, 12) == 77)
    #expect(Self.budget(unit: 1_000_000_000)(80, 124_439_808, 12, 1_024, 768, 12) == 72)
    #expect([16, 24, 40].map { Self.budget()($0, 124_439_808, 12, 1_024, 768, 12) } == [14, 22, 38])
    #expect(Self.budget()(80, 6_592_012_288, 32, 4_096, 4_096, 32) == 0)
  }

  @Test("each named mistake is diagnosed")
  func mistakes() throws {
    #expect(try messages(Self.budget(unit: 1_000_000_000)).contains { $0.hasSuffix("this uses GB (10^9 bytes); the GPU's memory is given in GiB, 2^30 bytes each.") })
    #expect(try messages(Self.budget(layersCounted: { _ in 1 })).contains { $0.hasSuffix("this counts the activations of one layer; every one of the L layers keeps its own.") })
    #expect(try messages(Self.budget(perParameter: 12)).contains { $0.hasSuffix("this counts 12 bytes per parameter, without the fp32 master copy of mixed precision.") })
    #expect(try messages(Self.budget(perParameter: 4)).contains { $0.hasSuffix("this counts only weights and gradients, 4 bytes per parameter, not Adam's states.") })
    #expect(try messages(Self.budget(roundUp: true)).contains { $0.hasSuffix("this rounds up: a micro-batch one larger than this does not fit.") })
    #expect(try messages(Self.budget(factor: 2)).contains { $0.hasSuffix("this doubles the activations as for fp32; here they are 16-bit (bf16).") })
  }

  @Test("a constant cannot pass", arguments: [0, 1, 77])
  func constants(value: Int) throws {
    #expect(try verdicts { _, _, _, _, _, _ in value }.contains { $0 != .passed })
  }
}
