/// The optimizer whose state is kept per parameter during training.
///
/// The states are fp32 in every precision: SGD keeps none, SGD with momentum
/// one buffer (4 B), Adam and AdamW two moments m and v (8 B); 8-bit Adam
/// keeps m and v in one byte each (2 B, an approximation: see
/// ``adam8bit``). Mixed
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
/// | `adam-8bit` | 2 B | 6 B |
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
  /// Adam or AdamW with both moments stored in 8 bits (Dettmers, Lewis,
  /// Shleifer and Zettlemoyer 2022, "8-bit Optimizers via Block-wise
  /// Quantization", ICLR 2022; `bitsandbytes`' `Adam8bit`/`AdamW8bit`).
  ///
  /// Counted as 2 bytes per parameter, a stated approximation: the paper
  /// also keeps one fp32 normalisation constant per block of 2048 values
  /// of each moment (2 · 4 / 2048 ≈ 0.004 B per parameter, left out), and
  /// small tensors (`bitsandbytes` default: under 4096 elements) stay in
  /// 32-bit Adam.
  case adam8bit = "adam-8bit"

  /// Bytes the optimizer itself keeps per parameter, before any master
  /// copy: 0 (SGD), 4 (one fp32 momentum buffer), 8 (fp32 m and v), or 2
  /// (8-bit m and v).
  public var ownStateBytesPerParameter: Int {
    switch self {
    case .sgd: 0
    case .momentum: 4
    case .adam, .adamw: 8
    case .adam8bit: 2
    }
  }

  /// Optimizer bytes per parameter in `precision`: the optimizer's own
  /// states, plus a 4-byte fp32 master copy of the weights in mixed
  /// precision.
  ///
  /// - Parameter precision: the training precision.
  /// - Returns: 0, 4, 8 or 2 in fp32; 4, 8, 12 or 6 in mixed precision.
  public func stateBytesPerParameter(precision: TrainingPrecision) -> Int {
    ownStateBytesPerParameter + (precision.isMixed ? 4 : 0)
  }

  /// Model-state bytes per parameter (weights + gradients + optimizer) in
  /// `precision`; 16 for mixed-precision Adam, as in ZeRO.
  ///
  /// - Parameter precision: the training precision.
  /// - Returns: 8, 12, 16 or 10 in fp32; 8, 12, 16 or 10 in mixed
  ///   precision.
  public func modelStateBytesPerParameter(precision: TrainingPrecision) -> Int {
    precision.weightBytesPerParameter + precision.gradientBytesPerParameter
      + stateBytesPerParameter(precision: precision)
  }
}
