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
/// Under ZeRO (``ZeROSharding``) every byte count is per device: the
/// partitioned components are divided by the number of devices.
///
/// Not counted: temporary buffers, fragmentation, the CUDA context, and the
/// logits and loss, which can matter for large vocabularies.
///
/// ```swift
/// let memory = try TrainingMemory(parameters: 7_000_000_000, optimizer: .adam, precision: .fp16Mixed)
/// memory.total  // 112_000_000_000
/// let stage2 = try TrainingMemory(
///   parameters: 7_500_000_000, optimizer: .adam, precision: .fp16Mixed,
///   sharding: ZeROSharding(stage: .gradients, devices: 64))
/// stage2.total  // 16_640_625_000, ZeRO's 16.6 GB
/// ```
public struct TrainingMemory: Sendable, Hashable {
  /// The number of trained parameters, N (of the whole model, also under
  /// ZeRO).
  public let parameters: Int
  /// How the model states are partitioned; ``ZeROSharding/unsharded`` unless
  /// given.
  public let sharding: ZeROSharding
  /// Working weights: 4N in fp32, 2N in mixed precision; divided by N_d
  /// under ZeRO stage 3.
  public let weights: Int
  /// Gradients: 4N in fp32, 2N in mixed precision; divided by N_d under
  /// ZeRO stages 2 and 3.
  public let gradients: Int
  /// Optimizer states, including the fp32 master weights of mixed precision:
  /// ``OptimizerKind/stateBytesPerParameter(precision:)`` times N; divided
  /// by N_d under ZeRO stages 1 to 3.
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
  ///   - sharding: the ZeRO stage and device count; default none.
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when N < 1,
  ///   ``EstimateError/overflow(quantity:)`` when a byte count exceeds
  ///   `Int.max`.
  public init(
    parameters: Int, optimizer: OptimizerKind, precision: TrainingPrecision, sharding: ZeROSharding = .unsharded
  ) throws(EstimateError) {
    try self.init(
      parameters: parameters, optimizer: optimizer, precision: precision, sharding: sharding, activations: nil)
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
  ///   - sharding: the ZeRO stage and device count; default none. The
  ///     activations are those of one device's micro-batch.
  /// - Throws: ``EstimateError/overflow(quantity:)`` when a byte count
  ///   exceeds `Int.max`.
  public init(
    shape: TransformerShape, optimizer: OptimizerKind, precision: TrainingPrecision,
    checkpointing: ActivationCheckpointing = .off, sharding: ZeROSharding = .unsharded
  ) throws(EstimateError) {
    try self.init(
      parameters: shape.parameterCount, optimizer: optimizer, precision: precision, sharding: sharding,
      activations: try shape.activationBytes(checkpointing: checkpointing, precision: precision))
  }

  private init(
    parameters: Int, optimizer: OptimizerKind, precision: TrainingPrecision, sharding: ZeROSharding,
    activations: Int?
  ) throws(EstimateError) {
    guard parameters >= 1 else { throw .notPositive(name: "parameters", value: parameters) }
    self.parameters = parameters
    self.sharding = sharding
    let stage = sharding.stage
    self.weights = sharding.share(
      try checkedProduct(precision.weightBytesPerParameter, parameters, "the weight byte count"),
      partitioned: stage.partitionsWeights)
    self.gradients = sharding.share(
      try checkedProduct(precision.gradientBytesPerParameter, parameters, "the gradient byte count"),
      partitioned: stage.partitionsGradients)
    self.optimizerStates = sharding.share(
      try checkedProduct(optimizer.stateBytesPerParameter(precision: precision), parameters, "the optimizer byte count"),
      partitioned: stage.partitionsOptimizerStates)
    self.activations = activations
    self.total = try checkedSum([weights, gradients, optimizerStates, activations ?? 0], "the total byte count")
  }
}
