/// The dimensions of a GPT-style decoder-only transformer and the batch it
/// trains on: what a parameter count and an activation estimate need.
///
/// The parameter count follows GPT-2's layout (Radford et al. 2019): learned
/// position embeddings, pre-norm blocks with biases, a final layer norm and
/// an output projection tied to the token embedding. Per block that is
///
/// - attention: QKV `H·3H + 3H`, output projection `H·H + H`;
/// - MLP with a 4H inner layer: `H·4H + 4H` and `4H·H + H`;
/// - two layer norms: `2·2H`;
///
/// which sums to `12H² + 13H`. Outside the blocks: token embedding `V·H`,
/// position embedding `S·H`, final layer norm `2H`. So
///
///     N = 12·L·H² + 13·L·H + V·H + S·H + 2·H
///
/// ```swift
/// let gpt2 = try TransformerShape(
///   layers: 12, hidden: 768, heads: 12, sequence: 1024, vocabulary: 50257, batch: 1)
/// gpt2.parameterCount  // 124_439_808, the Hugging Face `gpt2` checkpoint
/// ```
///
/// Heads and batch do not change the count; they enter the activation
/// estimate (see ``activationBytes(checkpointing:precision:)``).
public struct TransformerShape: Sendable, Hashable {
  /// Number of transformer blocks, L.
  public let layers: Int
  /// Hidden (model) dimension, H.
  public let hidden: Int
  /// Attention heads per block, A; divides H.
  public let heads: Int
  /// Sequence length (context) in tokens, S; also the number of learned
  /// positions.
  public let sequence: Int
  /// Vocabulary size, V.
  public let vocabulary: Int
  /// Micro-batch size in sequences, B.
  public let batch: Int
  /// `12·L·H² + 13·L·H + V·H + S·H + 2·H`, computed exactly when the shape
  /// is made.
  public let parameterCount: Int

  /// Makes a shape after checking it.
  ///
  /// - Parameters:
  ///   - layers: L, at least 1.
  ///   - hidden: H, at least 1.
  ///   - heads: A, at least 1 and a divisor of `hidden`.
  ///   - sequence: S, at least 1.
  ///   - vocabulary: V, at least 1.
  ///   - batch: B, at least 1.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for the first
  ///   dimension below 1 (in the order of the parameters),
  ///   ``EstimateError/headsDoNotDivideHidden(heads:hidden:)``, or
  ///   ``EstimateError/overflow(quantity:)`` when the parameter count exceeds
  ///   `Int.max`.
  public init(
    layers: Int, hidden: Int, heads: Int, sequence: Int, vocabulary: Int, batch: Int
  ) throws(EstimateError) {
    for (name, value) in [
      ("layers", layers), ("hidden", hidden), ("heads", heads), ("sequence", sequence),
      ("vocabulary", vocabulary), ("batch", batch),
    ] where value < 1 {
      throw .notPositive(name: name, value: value)
    }
    guard hidden % heads == 0 else { throw .headsDoNotDivideHidden(heads: heads, hidden: hidden) }
    self.layers = layers
    self.hidden = hidden
    self.heads = heads
    self.sequence = sequence
    self.vocabulary = vocabulary
    self.batch = batch
    let quantity = "the parameter count"
    self.parameterCount = try checkedSum(
      [
        try checkedProduct([12, layers, hidden, hidden], quantity),
        try checkedProduct([13, layers, hidden], quantity),
        try checkedProduct(vocabulary, hidden, quantity),
        try checkedProduct(sequence, hidden, quantity),
        try checkedProduct(2, hidden, quantity),
      ], quantity)
  }
}
