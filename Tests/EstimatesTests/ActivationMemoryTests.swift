import Estimates
import Testing
import _TestSupport

@Suite("Activation memory (Korthikanti et al. 2022)")
struct ActivationMemoryTests {
  /// Korthikanti et al.'s GPT-3 175B configuration: s 2048, b 1, h 12288, a 96, L 96.
  static func gpt3() throws -> TransformerShape {
    try TransformerShape(layers: 96, hidden: 12288, heads: 96, sequence: 2048, vocabulary: 50257, batch: 1)
  }

  @Test("GPT-3 175B: s·b·h·(34 + 5·a·s/h) = 2.67 GiB per layer, 256.5 GiB for 96 layers")
  func gpt3PerLayer() throws {
    let shape = try Self.gpt3()
    let (s, b, h, a) = (2048, 1, 12288, 96)
    // 5·a·s/h = 80 exactly here, so the textbook form is an integer too.
    let perLayer = s * b * h * (34 + 5 * a * s / h)
    #expect(perLayer == 2_868_903_936)
    #expect(try shape.perLayerActivationBytes(checkpointing: .off) == perLayer)
    expectClose(gibibytes(perLayer), 2.67, absolute: 0.005)
    #expect(gibibytes(perLayer) == 2.671875)
    let total = try shape.activationBytes(checkpointing: .off, precision: .bf16Mixed)
    #expect(total == 96 * perLayer)
    #expect(gibibytes(total) == 256.5)
  }

  @Test("s 4096, b 1, h 4096, a 32, L 32: 3.25 GB per layer, 104 GB; full recomputation keeps 1.07 GB")
  func appendixBSecondRow() throws {
    let shape = try TransformerShape(layers: 32, hidden: 4096, heads: 32, sequence: 4096, vocabulary: 32000, batch: 1)
    let perLayer = try shape.perLayerActivationBytes(checkpointing: .off)
    #expect(perLayer == 4096 * 4096 * 194)
    expectClose(gigabytes(perLayer), 3.25, absolute: 0.005)
    expectClose(gigabytes(try shape.activationBytes(checkpointing: .off, precision: .fp16Mixed)), 104, absolute: 0.5)
    #expect(try shape.activationBytes(checkpointing: .full, precision: .fp16Mixed) == 1 << 30)
  }

  @Test("selective keeps 34·s·b·h, full 2·s·b·h per layer")
  func checkpointing() throws {
    let shape = try Self.gpt3()
    let sbh = 2048 * 1 * 12288
    #expect(try shape.perLayerActivationBytes(checkpointing: .selective) == 34 * sbh)
    #expect(try shape.perLayerActivationBytes(checkpointing: .full) == 2 * sbh)
    #expect(try shape.activationBytes(checkpointing: .selective, precision: .bf16Mixed) == 96 * 34 * sbh)
  }

  @Test("5·a·s/h need not be an integer; the byte count is, exactly")
  func nonIntegerRatio() throws {
    let shape = try TransformerShape(layers: 2, hidden: 96, heads: 4, sequence: 100, vocabulary: 1000, batch: 3)
    // 5·4·100/96 = 20.833…; s·b·h·34 + 5·a·s²·b = 979,200 + 600,000.
    #expect(try shape.perLayerActivationBytes(checkpointing: .off) == 1_579_200)
    #expect(try shape.activationBytes(checkpointing: .off, precision: .fp32) == 6_316_800)
  }

  @Test("fp32 doubles the 16-bit activations, for every checkpointing", arguments: ActivationCheckpointing.allCases)
  func fp32Doubles(checkpointing: ActivationCheckpointing) throws {
    let shape = try TransformerShape(layers: 12, hidden: 768, heads: 12, sequence: 1024, vocabulary: 50257, batch: 4)
    let half = try shape.activationBytes(checkpointing: checkpointing, precision: .bf16Mixed)
    #expect(try shape.activationBytes(checkpointing: checkpointing, precision: .fp16Mixed) == half)
    #expect(try shape.activationBytes(checkpointing: checkpointing, precision: .fp32) == 2 * half)
    let fp32 = try TrainingMemory(shape: shape, optimizer: .sgd, precision: .fp32, checkpointing: checkpointing)
    #expect(fp32.activations == 2 * half)
    #expect(fp32.total == 8 * 124_439_808 + 2 * half)
  }

  @Test("the raw values are the command-line spellings")
  func spellings() {
    #expect(ActivationCheckpointing.allCases.map(\.rawValue) == ["none", "selective", "full"])
    #expect(TrainingPrecision.allCases.map(\.rawValue) == ["fp32", "fp16-mixed", "bf16-mixed"])
    #expect(OptimizerKind.allCases.map(\.rawValue) == ["sgd", "momentum", "adam", "adamw", "adam-8bit"])
  }

  @Test("activation bytes beyond Int.max are an overflow error")
  func overflow() throws {
    let shape = try TransformerShape(
      layers: 1, hidden: 1, heads: 1, sequence: 1 << 31, vocabulary: 1, batch: 1 << 20)
    #expect(throws: EstimateError.overflow(quantity: "the activation byte count per layer")) {
      try shape.perLayerActivationBytes(checkpointing: .off)
    }
  }
}
