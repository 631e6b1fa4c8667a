import Estimates
import Testing

@Suite("InferenceMemory: weights by format, KV cache, largest batch")
struct InferenceMemoryTests {
  @Test("Llama-3.1-8B in bf16: 131,072 bytes of KV cache per token; 8k tokens 1 GiB, 128k tokens 16 GiB")
  func llama3KV() throws {
    let llama = TransformerArchitecture.llama3_1_8B
    #expect(try InferenceMemory.kvCacheBytesPerToken(llama, format: .bf16) == 131_072)
    let eightK = try InferenceMemory(architecture: llama, weights: .bf16, kvCache: .bf16, sequence: 8192, batch: 1)
    #expect(eightK.kvCache == 1 << 30)
    #expect(eightK.kvCachePerToken == 131_072)
    let long = try InferenceMemory(architecture: llama, weights: .bf16, kvCache: .bf16, sequence: 131_072, batch: 1)
    #expect(gibibytes(long.kvCache!) == 16)
    #expect(long.weights == 2 * 8_030_261_248)
    #expect(long.total == long.weights + long.kvCache!)
  }

  @Test("Llama-2-7B in bf16: 512 KiB per token, 32 GiB for 4k tokens × batch 16")
  func llama2KV() throws {
    let llama = TransformerArchitecture.llama2_7B
    #expect(try InferenceMemory.kvCacheBytesPerToken(llama, format: .bf16) == 512 * 1024)
    let serving = try InferenceMemory(architecture: llama, weights: .bf16, kvCache: .bf16, sequence: 4096, batch: 16)
    #expect(serving.kvCache == 32 << 30)
    // Grouped-query attention divides the cache by heads / kv-heads (4 for Llama-3.1-8B).
    let gqa = try InferenceMemory.kvCacheBytesPerToken(.llama3_1_8B, format: .bf16)
    #expect(try InferenceMemory.kvCacheBytesPerToken(llama, format: .bf16) == 4 * gqa)
  }

  @Test("bytes per parameter: fp32 4, fp16 and bf16 2, int8 1, int4 0.5 (Bekman, inference chapter)")
  func weightFormats() throws {
    let expected: [(NumberFormat, Int)] = [
      (.fp32, 28_000_000_000), (.fp16, 14_000_000_000), (.bf16, 14_000_000_000), (.fp8, 7_000_000_000),
      (.int8, 7_000_000_000), (.int4, 3_500_000_000),
    ]
    for (format, bytes) in expected {
      let memory = try InferenceMemory(parameters: 7_000_000_000, weights: format)
      #expect(memory.weights == bytes, "\(format)")
      #expect(memory.kvCache == nil && memory.total == bytes)
    }
    // An odd count of 4-bit values ends in a half-filled byte.
    #expect(try NumberFormat.int4.bytes(of: 7) == 4)
    #expect(try NumberFormat.int4.bytes(of: Int.max) == Int.max / 2 + 1)
    #expect(try NumberFormat.bf16.bytes(of: 3) == 6)
  }

  @Test("the largest batch that fits: ⌊(memory − weights − reserve) / KV per sequence⌋")
  func largestBatch() throws {
    let llama = TransformerArchitecture.llama2_7B
    let one = try InferenceMemory(architecture: llama, weights: .bf16, kvCache: .bf16, sequence: 4096, batch: 1)
    #expect(one.kvCache == 2 << 30)
    // 80 GiB − 13.48 GB of weights leaves room for 33 sequences of 2 GiB.
    #expect(try InferenceMemory.largestBatch(memory: 80 << 30, weights: one.weights, kvBytesPerSequence: one.kvCache!) == 33)
    #expect(try InferenceMemory.largestBatch(memory: 80_000_000_000, weights: one.weights, kvBytesPerSequence: one.kvCache!) == 30)
    #expect(
      try InferenceMemory.largestBatch(
        memory: 80 << 30, weights: one.weights, kvBytesPerSequence: one.kvCache!, reserve: 4 << 30) == 31)
    // Weights alone do not fit in 24 GiB at fp32 (27 GB).
    let fp32 = try InferenceMemory(parameters: 6_738_415_616, weights: .fp32)
    #expect(try InferenceMemory.largestBatch(memory: 24 << 30, weights: fp32.weights, kvBytesPerSequence: 1) == 0)
    #expect(try InferenceMemory.largestBatch(memory: 1, weights: Int.max, kvBytesPerSequence: 1, reserve: Int.max) == 0)
    #expect(throws: EstimateError.notPositive(name: "memory", value: 0)) {
      try InferenceMemory.largestBatch(memory: 0, weights: 0, kvBytesPerSequence: 1)
    }
  }

  @Test("bad sizes are errors")
  func errors() {
    #expect(throws: EstimateError.notPositive(name: "sequence", value: 0)) {
      try InferenceMemory(architecture: .llama2_7B, weights: .bf16, kvCache: .bf16, sequence: 0, batch: 1)
    }
    #expect(throws: EstimateError.notPositive(name: "parameters", value: -1)) {
      try InferenceMemory(parameters: -1, weights: .bf16)
    }
    #expect(throws: EstimateError.overflow(quantity: "the KV cache byte count")) {
      try InferenceMemory.kvCacheBytes(
        layers: 1 << 20, kvHeads: 1 << 20, headDimension: 1 << 20, sequence: 1 << 20, batch: 1, format: .bf16)
    }
  }
}
