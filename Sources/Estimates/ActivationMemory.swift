/// Whether the backward pass recomputes activations instead of storing them,
/// as defined by Korthikanti et al. 2022, "Reducing Activation Recomputation
/// in Large Transformer Models".
///
/// The raw values are the command-line spellings; ``off`` is spelled `none`
/// (a case named `none` would be mistaken for `Optional.none` wherever the
/// value is optional).
public enum ActivationCheckpointing: String, Sendable, Hashable, CaseIterable {
  /// Store every activation: `s·b·h·(34 + 5·a·s/h)` bytes per layer.
  case off = "none"
  /// Recompute only the attention core (softmax, its dropout, the product
  /// with V), whose `5·a·s²·b` bytes grow with the square of the sequence:
  /// `34·s·b·h` bytes per layer.
  case selective
  /// Recompute each layer from its input, the only tensor kept: `2·s·b·h`
  /// bytes per layer.
  case full
}

extension TransformerShape {
  /// Bytes of activations one transformer layer keeps for the backward pass,
  /// with 16-bit activations, as counted by Korthikanti et al. 2022 (section
  /// 4, equations 1 and 2):
  ///
  /// - ``ActivationCheckpointing/off``: `s·b·h·(34 + 5·a·s/h)`;
  /// - ``ActivationCheckpointing/selective``: `34·s·b·h`;
  /// - ``ActivationCheckpointing/full``: `2·s·b·h`.
  ///
  /// `5·a·s/h` need not be a whole number (s = 100, a = 4, h = 96 gives
  /// 20.83…), but the product is: it is computed as `34·s·b·h + 5·a·s²·b`,
  /// in integers, with no rounding.
  ///
  /// ```swift
  /// // Korthikanti et al.'s GPT-3 175B configuration.
  /// let gpt3 = try TransformerShape(
  ///   layers: 96, hidden: 12288, heads: 96, sequence: 2048, vocabulary: 51200, batch: 1)
  /// try gpt3.perLayerActivationBytes(checkpointing: .off)  // 2_868_903_936 ≈ 2.67 GiB
  /// ```
  ///
  /// - Parameter checkpointing: what the backward pass recomputes.
  /// - Returns: bytes per layer, 16-bit.
  /// - Throws: ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public func perLayerActivationBytes(
    checkpointing: ActivationCheckpointing
  ) throws(EstimateError) -> Int {
    let quantity = "the activation byte count per layer"
    let sbh = try checkedProduct([sequence, batch, hidden], quantity)
    switch checkpointing {
    case .off:
      let attention = try checkedProduct([5, heads, sequence, sequence, batch], quantity)
      return try checkedSum([try checkedProduct(34, sbh, quantity), attention], quantity)
    case .selective:
      return try checkedProduct(34, sbh, quantity)
    case .full:
      return try checkedProduct(2, sbh, quantity)
    }
  }

  /// Bytes of activations all layers keep for the backward pass: the
  /// per-layer figure of ``perLayerActivationBytes(checkpointing:)`` times
  /// L, doubled when training in fp32.
  ///
  /// Like Korthikanti et al., this leaves out the embeddings' dropout, the
  /// final layer norm and the output logits, which do not grow with L.
  ///
  /// - Parameters:
  ///   - checkpointing: what the backward pass recomputes.
  ///   - precision: the training precision; fp32 doubles the 16-bit figure.
  /// - Returns: bytes for the whole model.
  /// - Throws: ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public func activationBytes(
    checkpointing: ActivationCheckpointing, precision: TrainingPrecision
  ) throws(EstimateError) -> Int {
    try checkedProduct(
      [try perLayerActivationBytes(checkpointing: checkpointing), layers, precision.activationFactor],
      "the activation byte count")
  }
}
