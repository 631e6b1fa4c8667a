/// The optimizer whose state is kept per parameter during training.
///
/// The states are fp32 in every precision: SGD keeps none, SGD with momentum
/// one buffer (4 B), Adam and AdamW two moments m and v (8 B). Mixed
/// precision adds the fp32 master copy of the weights (4 B), so mixed Adam
/// keeps 12 B per parameter of optimizer state and, with 2 B weights and 2 B
/// gradients, 16 B of model states per parameter: the "16Ψ" of ZeRO
/// (Rajbhandari et al. 2020, "ZeRO: Memory Optimizations Toward Training
/// Trillion Parameter Models", section 3.1).
///
/// | optimizer | fp32 | mixed |
/// |---|---|---|
/// | `sgd` | 0 B | 4 B |
/// | `momentum` | 4 B | 8 B |
/// | `adam`, `adamw` | 8 B | 12 B |
///
/// The raw values are the command-line spellings.
public enum OptimizerKind: String, Sendable, Hashable, CaseIterable {
  /// Plain stochastic gradient descent: no state.
  case sgd
  /// SGD with (heavy-ball or Nesterov) momentum: one velocity buffer.
  case momentum
  /// Adam (Kingma and Ba 2015): first and second moment estimates.
  case adam
  /// AdamW (Loshchilov and Hutter 2019): Adam's state; weight decay is
  /// applied to the weights and needs no extra buffer.
  case adamw

  /// fp32 buffers the optimizer itself keeps per parameter, in bytes: 0, 4
  /// or 8.
  public var fp32StateBytesPerParameter: Int {
    switch self {
    case .sgd: 0
    case .momentum: 4
    case .adam, .adamw: 8
    }
  }

  /// Optimizer bytes per parameter in `precision`: the fp32 states, plus a
  /// 4-byte fp32 master copy of the weights in mixed precision.
  ///
  /// - Parameter precision: the training precision.
  /// - Returns: 0, 4 or 8 in fp32; 4, 8 or 12 in mixed precision.
  public func stateBytesPerParameter(precision: TrainingPrecision) -> Int {
    fp32StateBytesPerParameter + (precision.isMixed ? 4 : 0)
  }

  /// Model-state bytes per parameter (weights + gradients + optimizer) in
  /// `precision`; 16 for mixed-precision Adam, as in ZeRO.
  ///
  /// - Parameter precision: the training precision.
  /// - Returns: 8, 12 or 16 in fp32; 8, 12 or 16 in mixed precision.
  public func modelStateBytesPerParameter(precision: TrainingPrecision) -> Int {
    precision.weightBytesPerParameter + precision.gradientBytesPerParameter
      + stateBytesPerParameter(precision: precision)
  }
}
