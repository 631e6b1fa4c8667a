import Estimates
import Testing

@Suite("TransformerArchitecture: parameter counts beyond GPT-2")
struct TransformerArchitectureTests {
  @Test("Llama-2-7B has 6,738,415,616 parameters (meta-llama/Llama-2-7b-hf)")
  func llama2_7B() throws {
    let llama = try TransformerArchitecture(
      layers: 32, hidden: 4096, heads: 32, vocabulary: 32000, positions: .rotary,
      feedForward: .gated(intermediate: 11008), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)
    #expect(llama.parameters.total == 6_738_415_616)
    #expect(llama == TransformerArchitecture.llama2_7B)
    // Module by module: 32 · (4·H² + 3·H·F + 2·H) + 2·V·H + H.
    #expect(llama.parameters.attention == 32 * 4 * 4096 * 4096)
    #expect(llama.parameters.feedForward == 32 * 3 * 4096 * 11008)
    #expect(llama.parameters.normalization == (2 * 32 + 1) * 4096)
    #expect(llama.parameters.tokenEmbedding == 32000 * 4096)
    #expect(llama.parameters.outputProjection == 32000 * 4096)
    #expect(llama.parameters.positionEmbedding == 0)
  }

  @Test("Llama-3.1-8B has 8,030,261,248 parameters (grouped-query attention, 8 KV heads)")
  func llama3_1_8B() throws {
    let llama = try TransformerArchitecture(
      layers: 32, hidden: 4096, heads: 32, kvHeads: 8, vocabulary: 128256, positions: .rotary,
      feedForward: .gated(intermediate: 14336), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)
    #expect(llama.parameters.total == 8_030_261_248)
    #expect(llama == TransformerArchitecture.llama3_1_8B)
    #expect(llama.headDimension == 128)
    // Q and O are 4096 × 4096, K and V 4096 × (8 · 128) each.
    #expect(llama.parameters.attention == 32 * (2 * 4096 * 4096 + 2 * 4096 * 1024))
  }

  @Test("GPT-2 small in the general form is 124,439,808, as TransformerShape counts it")
  func gpt2() throws {
    #expect(TransformerArchitecture.gpt2Small.parameters.total == 124_439_808)
    let shape = try TransformerShape(layers: 12, hidden: 768, heads: 12, sequence: 1024, vocabulary: 50257, batch: 8)
    #expect(shape.architecture == TransformerArchitecture.gpt2Small)
    for (l, h, a, s, v) in [(2, 96, 4, 100, 1000), (96, 12288, 96, 2048, 50257), (1, 1, 1, 1, 1)] {
      let other = try TransformerShape(layers: l, hidden: h, heads: a, sequence: s, vocabulary: v, batch: 1)
      #expect(other.architecture.parameters.total == other.parameterCount)
    }
  }

  @Test("each option changes the count by exactly its own term")
  func options() throws {
    func make(
      kvHeads: Int? = nil, positions: PositionEncoding = .learned(positions: 100),
      feedForward: FeedForward = .dense(inner: 384), normalization: Normalization = .layerNorm,
      biases: Bool = true, tied: Bool = true
    ) throws -> Int {
      try TransformerArchitecture(
        layers: 2, hidden: 96, heads: 4, kvHeads: kvHeads, vocabulary: 1000, positions: positions,
        feedForward: feedForward, normalization: normalization, biases: biases, tiedEmbeddings: tied
      ).parameters.total
    }
    let base = try make()
    #expect(base == 329_472)  // the GPT-2 layout: 12·L·H² + 13·L·H + V·H + S·H + 2·H
    #expect(try make(positions: .rotary) == base - 100 * 96)
    #expect(try make(tied: false) == base + 1000 * 96)
    // RMSNorm drops the shift of all 2L + 1 norms.
    #expect(try make(normalization: .rmsNorm) == base - 5 * 96)
    // No biases: per layer QKV 3H, output H, MLP 4H + H.
    #expect(try make(biases: false) == base - 2 * (4 * 96 + 4 * 96 + 96))
    // Gated with F: 3·H·F + 2F + H instead of 2·H·4H + 4H + H.
    #expect(try make(feedForward: .gated(intermediate: 256)) == base - 2 * (2 * 96 * 384 + 384 + 96) + 2 * (3 * 96 * 256 + 2 * 256 + 96))
    // One KV head of width 24: K and V shrink from H·H + H to H·24 + 24 each.
    #expect(try make(kvHeads: 1) == base - 2 * 2 * ((96 * 96 + 96) - (96 * 24 + 24)))
    #expect(try make(kvHeads: 4) == base)
  }

  @Test("kv-heads must divide heads; every dimension must be positive")
  func validation() {
    #expect(throws: EstimateError.kvHeadsDoNotDivideHeads(kvHeads: 3, heads: 32)) {
      try TransformerArchitecture(
        layers: 32, hidden: 4096, heads: 32, kvHeads: 3, vocabulary: 32000, positions: .rotary,
        feedForward: .gated(intermediate: 11008), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)
    }
    #expect(throws: EstimateError.headsDoNotDivideHidden(heads: 5, hidden: 4096)) {
      try TransformerArchitecture(
        layers: 32, hidden: 4096, heads: 5, vocabulary: 32000, positions: .rotary,
        feedForward: .gated(intermediate: 11008), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)
    }
    #expect(throws: EstimateError.notPositive(name: "intermediate", value: 0)) {
      try TransformerArchitecture(
        layers: 32, hidden: 4096, heads: 32, vocabulary: 32000, positions: .rotary,
        feedForward: .gated(intermediate: 0), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)
    }
    #expect(throws: EstimateError.notPositive(name: "positions", value: 0)) {
      try TransformerArchitecture(
        layers: 1, hidden: 8, heads: 1, vocabulary: 10, positions: .learned(positions: 0),
        feedForward: .dense(inner: 32), normalization: .layerNorm, biases: true, tiedEmbeddings: true)
    }
    #expect(throws: EstimateError.overflow(quantity: "the parameter count")) {
      try TransformerArchitecture(
        layers: 1 << 20, hidden: 1 << 22, heads: 1, vocabulary: 1, positions: .rotary,
        feedForward: .dense(inner: 1), normalization: .rmsNorm, biases: false, tiedEmbeddings: true)
    }
    #expect(!EstimateError.kvHeadsDoNotDivideHeads(kvHeads: 3, heads: 32).description.contains("\n"))
  }
}
