import Estimates
import Testing

@Suite("ZeRO stages and 8-bit Adam")
struct ZeROShardingTests {
  /// Rajbhandari et al. 2020, figure 1: Ψ = 7.5B, K = 12, N_d = 64.
  static let figure1Rows: [(ZeROStage, Int, Double)] = [
    (.off, 120_000_000_000, 120),
    (.optimizerStates, 31_406_250_000, 31.4),
    (.gradients, 16_640_625_000, 16.6),
    (.parameters, 1_875_000_000, 1.9),
  ]

  @Test("ZeRO figure 1: 7.5B parameters on 64 devices need 120 / 31.4 / 16.6 / 1.9 GB each", arguments: figure1Rows)
  func figure1(stage: ZeROStage, bytes: Int, published: Double) throws {
    let memory = try TrainingMemory(
      parameters: 7_500_000_000, optimizer: .adam, precision: .fp16Mixed,
      sharding: ZeROSharding(stage: stage, devices: 64))
    #expect(memory.total == bytes)
    #expect((gigabytes(memory.total) * 10).rounded() / 10 == published)
    #expect(memory.parameters == 7_500_000_000)
  }

  @Test("the formulas 4Ψ + 12Ψ/N_d, 2Ψ + 14Ψ/N_d, 16Ψ/N_d component by component")
  func components() throws {
    let psi = 7_500_000_000
    let stage1 = try TrainingMemory(
      parameters: psi, optimizer: .adamw, precision: .bf16Mixed, sharding: ZeROSharding(stage: .optimizerStates, devices: 64))
    #expect([stage1.weights, stage1.gradients, stage1.optimizerStates] == [2 * psi, 2 * psi, 12 * psi / 64])
    let stage2 = try TrainingMemory(
      parameters: psi, optimizer: .adamw, precision: .bf16Mixed, sharding: ZeROSharding(stage: .gradients, devices: 64))
    #expect([stage2.weights, stage2.gradients, stage2.optimizerStates] == [2 * psi, 2 * psi / 64, 12 * psi / 64])
    let stage3 = try TrainingMemory(
      parameters: psi, optimizer: .adamw, precision: .bf16Mixed, sharding: ZeROSharding(stage: .parameters, devices: 64))
    #expect([stage3.weights, stage3.gradients, stage3.optimizerStates] == [2 * psi / 64, 2 * psi / 64, 12 * psi / 64])
  }

  @Test("one device, or stage 0, changes nothing; a shard that does not divide evenly rounds up")
  func edges() throws {
    let plain = try TrainingMemory(parameters: 1_000_003, optimizer: .adam, precision: .bf16Mixed)
    #expect(plain.sharding == .unsharded)
    for stage in ZeROStage.allCases {
      let one = try TrainingMemory(
        parameters: 1_000_003, optimizer: .adam, precision: .bf16Mixed, sharding: ZeROSharding(stage: stage, devices: 1))
      #expect(one.total == plain.total)
    }
    let off = try TrainingMemory(
      parameters: 1_000_003, optimizer: .adam, precision: .bf16Mixed, sharding: ZeROSharding(stage: .off, devices: 8))
    #expect(off.total == plain.total)
    // 12 · 1,000,003 = 12,000,036 over 7 devices: 1,714,290.86 → 1,714,291.
    let uneven = try TrainingMemory(
      parameters: 1_000_003, optimizer: .adam, precision: .bf16Mixed,
      sharding: ZeROSharding(stage: .optimizerStates, devices: 7))
    #expect(uneven.optimizerStates == 1_714_291)
    #expect(throws: EstimateError.notPositive(name: "devices", value: 0)) {
      try ZeROSharding(stage: .gradients, devices: 0)
    }
  }

  @Test("activations are per device and not partitioned")
  func activations() throws {
    let shape = try TransformerShape(layers: 12, hidden: 768, heads: 12, sequence: 1024, vocabulary: 50257, batch: 4)
    let plain = try TrainingMemory(shape: shape, optimizer: .adamw, precision: .bf16Mixed, checkpointing: .selective)
    let sharded = try TrainingMemory(
      shape: shape, optimizer: .adamw, precision: .bf16Mixed, checkpointing: .selective,
      sharding: ZeROSharding(stage: .parameters, devices: 8))
    #expect(sharded.activations == plain.activations)
    #expect(sharded.modelStates == 16 * 124_439_808 / 8)
  }

  @Test("8-bit Adam keeps 2 bytes per parameter of state: 75% less than Adam's 8 (Dettmers et al. 2022)")
  func adam8bit() throws {
    #expect(OptimizerKind.adam8bit.ownStateBytesPerParameter * 4 == OptimizerKind.adam.ownStateBytesPerParameter)
    let fp32 = try TrainingMemory(parameters: 1_000_000_000, optimizer: .adam8bit, precision: .fp32)
    #expect([fp32.weights, fp32.gradients, fp32.optimizerStates, fp32.total]
      == [4_000_000_000, 4_000_000_000, 2_000_000_000, 10_000_000_000])
    let mixed = try TrainingMemory(parameters: 1_000_000_000, optimizer: .adam8bit, precision: .bf16Mixed)
    #expect([mixed.weights, mixed.gradients, mixed.optimizerStates, mixed.total]
      == [2_000_000_000, 2_000_000_000, 6_000_000_000, 10_000_000_000])
    #expect(OptimizerKind(rawValue: "adam-8bit") == .adam8bit)
  }
}
