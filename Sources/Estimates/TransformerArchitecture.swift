/// How a transformer tells tokens apart by position.
public enum PositionEncoding: Sendable, Hashable {
  /// A learned table of `positions` vectors of width H added to the token
  /// embeddings (GPT-2, Radford et al. 2019): `positions·H` parameters.
  case learned(positions: Int)
  /// Rotary position embeddings (Su et al. 2021, "RoFormer"): queries and
  /// keys are rotated by an angle that depends on the position. The angles
  /// are computed, not learned: no parameters.
  case rotary
}

/// The feed-forward block of each transformer layer.
public enum FeedForward: Sendable, Hashable {
  /// Two matrices around an element-wise activation (GELU in GPT-2):
  /// `H·F + F·H` weights, plus `F + H` biases when the model has biases.
  /// GPT-2 uses F = 4H.
  case dense(inner: Int)
  /// A gated linear unit (SwiGLU, Shazeer 2020, "GLU Variants Improve
  /// Transformer"; used by Llama, Touvron et al. 2023): gate and up
  /// projections H → F, a down projection F → H, so `3·H·F` weights, plus
  /// `2F + H` biases when the model has biases. Llama-2-7B uses F = 11008.
  case gated(intermediate: Int)

  /// F, the width of the inner layer.
  public var innerWidth: Int {
    switch self {
    case .dense(let inner): inner
    case .gated(let intermediate): intermediate
    }
  }
}

/// The normalisation layers: two per transformer layer (before attention
/// and before the feed-forward block) and one after the last layer.
///
/// The raw values are the command-line spellings.
public enum Normalization: String, Sendable, Hashable, CaseIterable {
  /// LayerNorm (Ba et al. 2016): a scale and a shift per feature, `2H`
  /// parameters.
  case layerNorm = "layernorm"
  /// RMSNorm (Zhang and Sennrich 2019): a scale per feature, no shift, `H`
  /// parameters.
  case rmsNorm = "rmsnorm"

  /// Parameters of one normalisation layer over `hidden` features: 2H or H.
  public func parameters(hidden: Int) -> Int {
    switch self {
    case .layerNorm: 2 * hidden
    case .rmsNorm: hidden
    }
  }
}

/// The parameters of a decoder-only transformer, by module.
///
/// Every field is an exact count; ``total`` is their sum.
public struct ParameterBreakdown: Sendable, Hashable {
  /// The token embedding, `V·H`.
  public let tokenEmbedding: Int
  /// The learned position table, `S·H`, or 0 with rotary positions.
  public let positionEmbedding: Int
  /// Attention projections (Q, K, V, output) with their biases, all layers.
  public let attention: Int
  /// Feed-forward blocks with their biases, all layers.
  public let feedForward: Int
  /// Normalisation layers: two per layer and the final one.
  public let normalization: Int
  /// The output projection to the vocabulary, `V·H` when untied, 0 when it
  /// shares the token embedding's matrix.
  public let outputProjection: Int
  /// The sum of the fields above.
  public let total: Int
}

/// The shape of a decoder-only transformer's weights, general enough for
/// GPT-2 and for Llama-style models: learned or rotary positions, dense or
/// gated (SwiGLU) feed-forward blocks, multi-head or grouped-query
/// attention, LayerNorm or RMSNorm, with or without biases, tied or untied
/// output embeddings.
///
/// Per layer, with `d = H / A` the head width and `K` the key/value heads:
///
/// - attention: Q `H·H`, K and V `2·H·K·d`, output `H·H`; biases `2H + 2·K·d`;
/// - feed-forward: ``FeedForward``;
/// - two normalisation layers: ``Normalization``.
///
/// Outside the layers: token embedding `V·H`, learned positions `S·H` (if
/// any), the final normalisation, and an untied output projection `V·H`.
/// The output projection never has a bias (none of GPT-2, Llama 2 or
/// Llama 3 has one).
///
/// ```swift
/// TransformerArchitecture.llama2_7B.parameters.total    // 6_738_415_616
/// TransformerArchitecture.llama3_1_8B.parameters.total  // 8_030_261_248
/// TransformerArchitecture.gpt2Small.parameters.total    // 124_439_808
/// ```
///
/// Grouped-query attention is Ainslie et al. 2023, "GQA: Training
/// Generalized Multi-Query Transformer Models from Multi-Head Checkpoints";
/// K = A is multi-head attention, K = 1 multi-query attention (Shazeer 2019).
public struct TransformerArchitecture: Sendable, Hashable {
  /// Number of transformer layers, L.
  public let layers: Int
  /// Hidden (model) width, H.
  public let hidden: Int
  /// Query heads, A; divides H.
  public let heads: Int
  /// Key/value heads, K; divides A (A for multi-head attention).
  public let kvHeads: Int
  /// Vocabulary size, V.
  public let vocabulary: Int
  /// Learned or rotary positions.
  public let positions: PositionEncoding
  /// The feed-forward block.
  public let feedForward: FeedForward
  /// LayerNorm or RMSNorm.
  public let normalization: Normalization
  /// Whether the attention and feed-forward projections have biases (GPT-2
  /// yes, Llama no). Normalisation shifts are part of ``normalization``.
  public let biases: Bool
  /// Whether the output projection reuses the token embedding's matrix.
  public let tiedEmbeddings: Bool
  /// The parameter count by module, computed exactly when the value is made.
  public let parameters: ParameterBreakdown

  /// Width of one attention head, `d = H / A`.
  public var headDimension: Int { hidden / heads }

  /// Makes an architecture after checking it.
  ///
  /// - Parameters:
  ///   - layers: L, at least 1.
  ///   - hidden: H, at least 1.
  ///   - heads: A, at least 1, dividing H.
  ///   - kvHeads: K, at least 1, dividing A; `nil` means A (multi-head).
  ///   - vocabulary: V, at least 1.
  ///   - positions: learned (with at least one position) or rotary.
  ///   - feedForward: dense or gated, with an inner width of at least 1.
  ///   - normalization: LayerNorm or RMSNorm.
  ///   - biases: whether projections have biases.
  ///   - tiedEmbeddings: whether the output projection is the token
  ///     embedding.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for the first
  ///   dimension below 1, ``EstimateError/headsDoNotDivideHidden(heads:hidden:)``,
  ///   ``EstimateError/kvHeadsDoNotDivideHeads(kvHeads:heads:)``, or
  ///   ``EstimateError/overflow(quantity:)`` when a count exceeds `Int.max`.
  public init(
    layers: Int, hidden: Int, heads: Int, kvHeads: Int? = nil, vocabulary: Int,
    positions: PositionEncoding, feedForward: FeedForward, normalization: Normalization,
    biases: Bool, tiedEmbeddings: Bool
  ) throws(EstimateError) {
    let kvHeads = kvHeads ?? heads
    var dimensions = [
      ("layers", layers), ("hidden", hidden), ("heads", heads), ("kv-heads", kvHeads), ("vocabulary", vocabulary),
      ("intermediate", feedForward.innerWidth),
    ]
    if case .learned(let count) = positions { dimensions.append(("positions", count)) }
    for (name, value) in dimensions where value < 1 {
      throw .notPositive(name: name, value: value)
    }
    guard hidden % heads == 0 else { throw .headsDoNotDivideHidden(heads: heads, hidden: hidden) }
    guard heads % kvHeads == 0 else { throw .kvHeadsDoNotDivideHeads(kvHeads: kvHeads, heads: heads) }
    self.layers = layers
    self.hidden = hidden
    self.heads = heads
    self.kvHeads = kvHeads
    self.vocabulary = vocabulary
    self.positions = positions
    self.feedForward = feedForward
    self.normalization = normalization
    self.biases = biases
    self.tiedEmbeddings = tiedEmbeddings
    self.parameters = try Self.count(
      layers: layers, hidden: hidden, kvWidth: kvHeads * (hidden / heads), vocabulary: vocabulary,
      positions: positions, feedForward: feedForward, normalization: normalization, biases: biases,
      tiedEmbeddings: tiedEmbeddings)
  }

  private static func count(
    layers: Int, hidden h: Int, kvWidth: Int, vocabulary: Int, positions: PositionEncoding,
    feedForward: FeedForward, normalization: Normalization, biases: Bool, tiedEmbeddings: Bool
  ) throws(EstimateError) -> ParameterBreakdown {
    let quantity = "the parameter count"
    // Q and output are H × H; K and V are H × (K·d) each.
    let attentionWeights = try checkedSum(
      [try checkedProduct([2, h, h], quantity), try checkedProduct([2, h, kvWidth], quantity)], quantity)
    let attentionBiases = biases ? try checkedSum([2 * h, 2 * kvWidth], quantity) : 0
    let feedForwardPerLayer: Int
    switch feedForward {
    case .dense(let f):
      feedForwardPerLayer = try checkedSum(
        [try checkedProduct([2, h, f], quantity), biases ? try checkedSum([f, h], quantity) : 0], quantity)
    case .gated(let f):
      feedForwardPerLayer = try checkedSum(
        [try checkedProduct([3, h, f], quantity), biases ? try checkedSum([2 * f, h], quantity) : 0], quantity)
    }
    let norm = normalization.parameters(hidden: h)
    let embedding = try checkedProduct(vocabulary, h, quantity)
    let positionTable: Int
    switch positions {
    case .learned(let count): positionTable = try checkedProduct(count, h, quantity)
    case .rotary: positionTable = 0
    }
    let attention = try checkedProduct(layers, try checkedSum([attentionWeights, attentionBiases], quantity), quantity)
    let feedForwardTotal = try checkedProduct(layers, feedForwardPerLayer, quantity)
    let normalizationTotal = try checkedProduct(try checkedSum([2 * layers, 1], quantity), norm, quantity)
    let output = tiedEmbeddings ? 0 : embedding
    return ParameterBreakdown(
      tokenEmbedding: embedding, positionEmbedding: positionTable, attention: attention,
      feedForward: feedForwardTotal, normalization: normalizationTotal, outputProjection: output,
      total: try checkedSum([embedding, positionTable, attention, feedForwardTotal, normalizationTotal, output], quantity))
  }
}

extension TransformerArchitecture {
  /// GPT-2 small (Radford et al. 2019; Hugging Face `gpt2`, config.json:
  /// n_layer 12, n_embd 768, n_head 12, n_positions 1024, vocab_size
  /// 50257): learned positions, GELU feed-forward of width 4H, LayerNorm,
  /// biases, tied output embedding. 124,439,808 parameters.
  public static let gpt2Small = try! TransformerArchitecture(
    layers: 12, hidden: 768, heads: 12, vocabulary: 50257, positions: .learned(positions: 1024),
    feedForward: .dense(inner: 3072), normalization: .layerNorm, biases: true, tiedEmbeddings: true)

  /// Llama-2-7B (Touvron et al. 2023, "Llama 2"; Hugging Face
  /// `meta-llama/Llama-2-7b-hf`, config.json: num_hidden_layers 32,
  /// hidden_size 4096, num_attention_heads 32, num_key_value_heads 32,
  /// intermediate_size 11008, vocab_size 32000, tie_word_embeddings false):
  /// rotary positions, SwiGLU, RMSNorm, no biases. 6,738,415,616 parameters.
  public static let llama2_7B = try! TransformerArchitecture(
    layers: 32, hidden: 4096, heads: 32, kvHeads: 32, vocabulary: 32000, positions: .rotary,
    feedForward: .gated(intermediate: 11008), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)

  /// Llama-3.1-8B (Grattafiori et al. 2024, "The Llama 3 Herd of Models",
  /// table 3; Hugging Face `meta-llama/Llama-3.1-8B`, config.json:
  /// num_hidden_layers 32, hidden_size 4096, num_attention_heads 32,
  /// num_key_value_heads 8, intermediate_size 14336, vocab_size 128256,
  /// tie_word_embeddings false): grouped-query attention with 8 key/value
  /// heads, rotary positions, SwiGLU, RMSNorm, no biases. 8,030,261,248
  /// parameters.
  public static let llama3_1_8B = try! TransformerArchitecture(
    layers: 32, hidden: 4096, heads: 32, kvHeads: 8, vocabulary: 128256, positions: .rotary,
    feedForward: .gated(intermediate: 14336), normalization: .rmsNorm, biases: false, tiedEmbeddings: false)
}

extension TransformerShape {
  /// The same model as a ``TransformerArchitecture``: GPT-2's layout with
  /// ``sequence`` learned positions, so that
  /// `shape.architecture.parameters.total == shape.parameterCount`.
  public var architecture: TransformerArchitecture {
    // The shape was checked when it was made and its count did not
    // overflow; the architecture counts the same terms.
    try! TransformerArchitecture(
      layers: layers, hidden: hidden, heads: heads, vocabulary: vocabulary,
      positions: .learned(positions: sequence), feedForward: .dense(inner: 4 * hidden),
      normalization: .layerNorm, biases: true, tiedEmbeddings: true)
  }
}
