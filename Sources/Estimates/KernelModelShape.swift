/// One of the two small models `groundwork memory measure` trains with
/// Groundwork's own autograd kernel, described by its sizes.
///
/// - ``Architecture/mlp``: `layers` hidden layers, each `Linear(H, H)` then
///   ReLU, and a last `Linear(H, H)`; the `batch · sequence` positions are
///   the rows. Parameters: `(L + 1) · (H² + H)`.
/// - ``Architecture/transformer``: `layers` pre-norm blocks (the kernel's
///   `TransformerBlock`: LayerNorm, causal self-attention with four
///   `H × H` projections and no biases, LayerNorm, `Linear(H, 4H)`, GELU,
///   `Linear(4H, H)`, two residual additions) over `batch` sequences of
///   `sequence` positions. Parameters: `L · (12·H² + 9·H)`, `4·H`
///   fewer per layer than GPT-2's `12·H² + 13·H`: the kernel's four
///   attention projections have no biases.
///
/// Both are trained on mean squared error against a random target of the
/// output's shape, with no embedding: the input is a random `[B, S, H]`
/// tensor (`[B·S, H]` for the MLP).
public struct KernelModelShape: Sendable, Hashable {
  /// The two models.
  public enum Architecture: String, Sendable, Hashable, CaseIterable {
    /// Linear and ReLU layers of one width.
    case mlp
    /// Pre-norm transformer blocks.
    case transformer
  }

  /// MLP or transformer.
  public let architecture: Architecture
  /// L: hidden layers (MLP) or blocks (transformer).
  public let layers: Int
  /// H: the width of every layer.
  public let hidden: Int
  /// A: attention heads (1 for the MLP, which has none).
  public let heads: Int
  /// S: positions per sequence.
  public let sequence: Int
  /// B: sequences per batch.
  public let batch: Int

  /// A model of `architecture`; `heads` is ignored (taken as 1) for the MLP.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for a size below
  ///   1, ``EstimateError/headsDoNotDivideHidden(heads:hidden:)``, or
  ///   ``EstimateError/overflow(quantity:)`` when the batch's element
  ///   count `B·S·4H` or a weight matrix's `4H²` exceeds `Int.max`.
  public init(
    architecture: Architecture, layers: Int, hidden: Int, heads: Int = 1, sequence: Int, batch: Int
  ) throws(EstimateError) {
    let givenHeads = architecture == .mlp ? 1 : heads
    for (name, value) in [
      ("layers", layers), ("hidden", hidden), ("heads", givenHeads), ("sequence", sequence), ("batch", batch),
    ] where value < 1 {
      throw .notPositive(name: name, value: value)
    }
    if hidden % givenHeads != 0 { throw .headsDoNotDivideHidden(heads: givenHeads, hidden: hidden) }
    // Every byte count this shape leads to (KernelTrainingMemory) is a sum
    // of these four products with smaller coefficients: L + 2 stages of at
    // most 80 activations of E values, L + 2 sets of at most 5 attention
    // scores, parameters of at most 13·H² per stage and their gradients,
    // the per-sequence weight gradients 4·B·H², all times 4 bytes. If the
    // bound fits, no later arithmetic can overflow.
    let quantity = "the model's memory in bytes"
    let stages = try checkedSum([layers, 2], quantity)
    _ = try checkedSum(
      [
        try checkedProduct([stages, batch, sequence, hidden, 512], quantity),
        try checkedProduct([stages, batch, givenHeads, sequence, sequence, 32], quantity),
        try checkedProduct([stages, hidden, hidden, 128], quantity),
        try checkedProduct([batch, hidden, hidden, 32], quantity),
      ], quantity)
    self.architecture = architecture
    self.layers = layers
    self.hidden = hidden
    self.heads = givenHeads
    self.sequence = sequence
    self.batch = batch
  }

  /// The number of parameters: `(L + 1)·(H² + H)` for the MLP,
  /// `L·(12·H² + 9·H)` for the transformer.
  public var parameters: Int {
    switch architecture {
    case .mlp: (layers + 1) * (hidden * hidden + hidden)
    case .transformer: layers * (12 * hidden * hidden + 9 * hidden)
    }
  }

  /// Rows of the batch, `B·S`: the MLP's examples, the transformer's tokens.
  var rows: Int { batch * sequence }

  /// Elements of one `[B, S, H]` activation.
  var elements: Int { batch * sequence * hidden }
}
