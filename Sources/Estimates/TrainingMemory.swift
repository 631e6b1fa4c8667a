/// The memory one training step needs, in bytes, by component: model states
/// (weights, gradients, optimizer states; ZeRO, Rajbhandari et al. 2020) and
/// activations (Korthikanti et al. 2022).
///
/// Per parameter, by ``TrainingPrecision`` and ``OptimizerKind``:
///
/// | | weights | gradients | optimizer (sgd / momentum / adam) |
/// |---|---|---|---|
/// | fp32 | 4 | 4 | 0 / 4 / 8 |
/// | mixed | 2 | 2 | 4 / 8 / 12 (fp32 master copy + fp32 states) |
///
/// so mixed-precision Adam needs 16 bytes per parameter: 7.5B parameters,
/// 120 GB. Activations are known only for a ``TransformerShape``; from a bare
/// parameter count they are `nil` and the total counts them as 0.
///
/// Not counted: temporary buffers, fragmentation, the CUDA context, and the
/// logits and loss, which can matter for large vocabularies.
///
/// ```swift
/// let memory = try TrainingMemory(parameters: 7_000_000_000, optimizer: .adam, precision: .fp16Mixed)
/// memory.total  // 112_000_000_000
/// ```
public struct TrainingMemory: Sendable, Hashable {
  /// The number of trained parameters, N.
  public let parameters: Int
  /// Working weights: 4N in fp32, 2N in mixed precision.
  public let weights: Int
  /// Gradients: 4N in fp32, 2N in mixed precision.
  public let gradients: Int
  /// Optimizer states, including the fp32 master weights of mixed precision:
  /// ``OptimizerKind/stateBytesPerParameter(precision:)`` times N.
  public let optimizerStates: Int
  /// Activations kept for the backward pass
  /// (``TransformerShape/activationBytes(checkpointing:precision:)``), or
  /// `nil` when only a parameter count is known.
  public let activations: Int?
  /// weights + gradients + optimizer states + activations (0 when `nil`).
  public let total: Int

  /// weights + gradients + optimizer states: what ZeRO calls model states.
  public var modelStates: Int { total - (activations ?? 0) }

  /// The model states of `parameters` parameters; activations are unknown.
  ///
  /// - Parameters:
  ///   - parameters: N, at least 1.
  ///   - optimizer: the optimizer.
  ///   - precision: the training precision.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when N < 1,
  ///   ``EstimateError/overflow(quantity:)`` when a byte count exceeds
  ///   `Int.max`.
  public init(parameters: Int, optimizer: OptimizerKind, precision: TrainingPrecision) throws(EstimateError) {
    try self.init(parameters: parameters, optimizer: optimizer, precision: precision, activations: nil)
  }

  /// The model states and activations of a GPT-style transformer.
  ///
  /// - Parameters:
  ///   - shape: the model and batch; its ``TransformerShape/parameterCount``
  ///     is N.
  ///   - optimizer: the optimizer.
  ///   - precision: the training precision.
  ///   - checkpointing: what the backward pass recomputes; default
  ///     ``ActivationCheckpointing/off``.
  /// - Throws: ``EstimateError/overflow(quantity:)`` when a byte count
  ///   exceeds `Int.max`.
  public init(
    shape: TransformerShape, optimizer: OptimizerKind, precision: TrainingPrecision,
    checkpointing: ActivationCheckpointing = .off
  ) throws(EstimateError) {
    try self.init(
      parameters: shape.parameterCount, optimizer: optimizer, precision: precision,
      activations: try shape.activationBytes(checkpointing: checkpointing, precision: precision))
  }

  private init(
    parameters: Int, optimizer: OptimizerKind, precision: TrainingPrecision, activations: Int?
  ) throws(EstimateError) {
    guard parameters >= 1 else { throw .notPositive(name: "parameters", value: parameters) }
    self.parameters = parameters
    self.weights = try checkedProduct(precision.weightBytesPerParameter, parameters, "the weight byte count")
    self.gradients = try checkedProduct(precision.gradientBytesPerParameter, parameters, "the gradient byte count")
    self.optimizerStates = try checkedProduct(
      optimizer.stateBytesPerParameter(precision: precision), parameters, "the optimizer byte count")
    self.activations = activations
    self.total = try checkedSum([weights, gradients, optimizerStates, activations ?? 0], "the total byte count")
  }
}
