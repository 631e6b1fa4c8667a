/// The number format a model trains in, which sets the bytes per parameter
/// of weights and gradients and the size of activations.
///
/// | precision | weights | gradients | activations |
/// |---|---|---|---|
/// | `fp32` | 4 B | 4 B | 2 × the 16-bit estimate |
/// | `fp16-mixed`, `bf16-mixed` | 2 B | 2 B | the 16-bit estimate |
///
/// Mixed precision (Micikevicius et al. 2018) also keeps an fp32 master copy
/// of the weights with the optimizer; that copy is counted in
/// ``OptimizerKind/stateBytesPerParameter(precision:)``, as ZeRO
/// (Rajbhandari et al. 2020) counts it. The raw values are the command-line
/// spellings.
public enum TrainingPrecision: String, Sendable, Hashable, CaseIterable {
  /// Everything in 32-bit floats.
  case fp32
  /// IEEE half-precision weights, gradients and activations, fp32 master
  /// weights and optimizer states.
  case fp16Mixed = "fp16-mixed"
  /// bfloat16 weights, gradients and activations, fp32 master weights and
  /// optimizer states. The same byte counts as ``fp16Mixed``.
  case bf16Mixed = "bf16-mixed"

  /// Whether training keeps 16-bit working copies beside fp32 master weights.
  public var isMixed: Bool { self != .fp32 }

  /// Bytes of one working weight: 4 in fp32, 2 in mixed precision.
  public var weightBytesPerParameter: Int { isMixed ? 2 : 4 }

  /// Bytes of one gradient: 4 in fp32, 2 in mixed precision.
  public var gradientBytesPerParameter: Int { isMixed ? 2 : 4 }

  /// How many times the 16-bit activation estimate of Korthikanti et al.
  /// 2022 this precision stores: 2 for fp32, 1 for mixed precision.
  public var activationFactor: Int { isMixed ? 1 : 2 }
}
