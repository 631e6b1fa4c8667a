/// The memory a decoder-only transformer needs to serve requests: its
/// weights in a storage format and the key/value cache of the sequences in
/// flight.
///
/// - Weights: `⌈N · bits / 8⌉` bytes (``NumberFormat/bytes(of:_:)``).
/// - KV cache: every layer keeps one key and one value vector of width
///   `K·d` (K key/value heads of width d = H / A) per token, so
///
///       kv = 2 · L · K · d · S · B · bytes per value
///
///   for B sequences of S tokens (Pope et al. 2022, "Efficiently Scaling
///   Transformer Inference"; Bekman, inference chapter). Grouped-query
///   attention divides it by A / K against multi-head attention.
///
/// Not counted: activations of the forward pass (small at decode time, not
/// at long prefills), quantisation scales, the CUDA context and
/// fragmentation (Kwon et al. 2023 measured 60–80% of KV memory wasted by
/// contiguous reservation before PagedAttention).
///
/// ```swift
/// let llama = TransformerArchitecture.llama3_1_8B
/// try InferenceMemory.kvCacheBytesPerToken(llama, format: .bf16)  // 131_072
/// let serving = try InferenceMemory(
///   architecture: TransformerArchitecture.llama2_7B, weights: .bf16, kvCache: .bf16, sequence: 4096, batch: 16)
/// serving.kvCache  // 34_359_738_368 = 32 GiB
/// ```
public struct InferenceMemory: Sendable, Hashable {
  /// The number of parameters, N.
  public let parameters: Int
  /// The weights' storage format.
  public let weightFormat: NumberFormat
  /// Bytes of the weights.
  public let weights: Int
  /// The KV cache's storage format; `nil` when the cache is not estimated.
  public let kvFormat: NumberFormat?
  /// Tokens per sequence in the cache, S; `nil` when not estimated.
  public let sequence: Int?
  /// Sequences in the cache, B; `nil` when not estimated.
  public let batch: Int?
  /// Bytes of cache per token of one sequence, `2·L·K·d·bytes`; `nil` when
  /// not estimated.
  public let kvCachePerToken: Int?
  /// Bytes of the whole cache, `kvCachePerToken · S · B`; `nil` when not
  /// estimated.
  public let kvCache: Int?
  /// weights + KV cache (0 when `nil`).
  public let total: Int

  /// The weights of `parameters` parameters alone.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when N < 1,
  ///   ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public init(parameters: Int, weights format: NumberFormat) throws(EstimateError) {
    guard parameters >= 1 else { throw .notPositive(name: "parameters", value: parameters) }
    self.parameters = parameters
    self.weightFormat = format
    self.weights = try format.bytes(of: parameters, "the weight byte count")
    self.kvFormat = nil
    self.sequence = nil
    self.batch = nil
    self.kvCachePerToken = nil
    self.kvCache = nil
    self.total = weights
  }

  /// The weights of `architecture` and the KV cache of `batch` sequences
  /// of `sequence` tokens.
  ///
  /// - Parameters:
  ///   - architecture: the model; its parameter count is N.
  ///   - weights: the weights' format.
  ///   - kvCache: the cache's format.
  ///   - sequence: S, tokens per sequence, at least 1.
  ///   - batch: B, sequences, at least 1.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when S or B < 1,
  ///   ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public init(
    architecture: TransformerArchitecture, weights: NumberFormat, kvCache: NumberFormat, sequence: Int, batch: Int
  ) throws(EstimateError) {
    for (name, value) in [("sequence", sequence), ("batch", batch)] where value < 1 {
      throw .notPositive(name: name, value: value)
    }
    self.parameters = architecture.parameters.total
    self.weightFormat = weights
    self.weights = try weights.bytes(of: architecture.parameters.total, "the weight byte count")
    self.kvFormat = kvCache
    self.sequence = sequence
    self.batch = batch
    let perToken = try Self.kvCacheBytesPerToken(architecture, format: kvCache)
    self.kvCachePerToken = perToken
    let cache = try Self.kvCacheBytes(
      layers: architecture.layers, kvHeads: architecture.kvHeads, headDimension: architecture.headDimension,
      sequence: sequence, batch: batch, format: kvCache)
    self.kvCache = cache
    self.total = try checkedSum([self.weights, cache], "the total byte count")
  }

  /// `2 · L · K · d · S · B` values in `format`: the KV cache of B
  /// sequences of S tokens.
  ///
  /// - Parameters:
  ///   - layers: L.
  ///   - kvHeads: K, key/value heads per layer.
  ///   - headDimension: d, the width of one head.
  ///   - sequence: S, tokens per sequence.
  ///   - batch: B, sequences.
  ///   - format: the cache's format.
  /// - Returns: bytes, rounded up to a whole byte.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for a value
  ///   below 1, ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public static func kvCacheBytes(
    layers: Int, kvHeads: Int, headDimension: Int, sequence: Int, batch: Int, format: NumberFormat
  ) throws(EstimateError) -> Int {
    for (name, value) in [
      ("layers", layers), ("kv-heads", kvHeads), ("head-dim", headDimension), ("sequence", sequence),
      ("batch", batch),
    ] where value < 1 {
      throw .notPositive(name: name, value: value)
    }
    let quantity = "the KV cache byte count"
    let values = try checkedProduct([2, layers, kvHeads, headDimension, sequence, batch], quantity)
    return try format.bytes(of: values, quantity)
  }

  /// Bytes of KV cache one token of one sequence takes in `architecture`:
  /// `2 · L · K · d · bytes per value`. Llama-3.1-8B in bf16: 131,072.
  ///
  /// - Throws: ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public static func kvCacheBytesPerToken(
    _ architecture: TransformerArchitecture, format: NumberFormat
  ) throws(EstimateError) -> Int {
    try kvCacheBytes(
      layers: architecture.layers, kvHeads: architecture.kvHeads, headDimension: architecture.headDimension,
      sequence: 1, batch: 1, format: format)
  }

  /// The largest number of sequences whose KV cache fits in `memory` bytes
  /// beside the weights and a reserve: `⌊(memory − weights − reserve) /
  /// kvBytesPerSequence⌋`, or 0 when not even one fits.
  ///
  /// ```swift
  /// // Llama-2-7B, bf16, 4096-token sequences (2 GiB each), on 80 GB:
  /// try InferenceMemory.largestBatch(
  ///   memory: 80_000_000_000, weights: 13_476_831_232, kvBytesPerSequence: 2_147_483_648)  // 30
  /// ```
  ///
  /// - Parameters:
  ///   - memory: the device's memory in bytes, at least 1.
  ///   - weights: bytes of weights, at least 0.
  ///   - kvBytesPerSequence: KV bytes of one sequence at its full length,
  ///     at least 1.
  ///   - reserve: bytes held back for activations, the CUDA context and
  ///     fragmentation; default 0.
  /// - Returns: the batch, at least 0.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for a memory or
  ///   per-sequence size below 1, ``EstimateError/outOfRange(name:value:range:)``
  ///   for a negative weight or reserve size.
  public static func largestBatch(
    memory: Int, weights: Int, kvBytesPerSequence: Int, reserve: Int = 0
  ) throws(EstimateError) -> Int {
    guard memory >= 1 else { throw .notPositive(name: "memory", value: memory) }
    guard kvBytesPerSequence >= 1 else { throw .notPositive(name: "KV bytes per sequence", value: kvBytesPerSequence) }
    for (name, value) in [("weights", weights), ("reserve", reserve)] where value < 0 {
      throw .outOfRange(name: name, value: Double(value), range: "[0, ∞)")
    }
    // Subtract one at a time, stopping at 0, so that no step can overflow.
    guard weights < memory else { return 0 }
    let afterWeights = memory - weights
    guard reserve < afterWeights else { return 0 }
    return (afterWeights - reserve) / kvBytesPerSequence
  }
}
