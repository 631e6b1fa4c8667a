/// A number format for stored tensors (weights, the KV cache) and for the
/// arithmetic a device's peak rate is quoted in.
///
/// | format | bits | bytes per value |
/// |---|---|---|
/// | `fp32` | 32 | 4 |
/// | `tf32` | 32 (stored as fp32) | 4 |
/// | `fp16`, `bf16` | 16 | 2 |
/// | `fp8` | 8 | 1 |
/// | `int8` | 8 | 1 |
/// | `int4` | 4 | 0.5 |
///
/// Bytes per parameter FP32 4, BF16/FP16 2, INT8 1, INT4 0.5 as in Bekman,
/// "Machine Learning Engineering Open Book", inference chapter. TF32 is a
/// tensor-core input format (NVIDIA A100 whitepaper): tensors stay fp32 in
/// memory and only the multiplier rounds them to a 10-bit mantissa.
/// Quantised formats here count the values alone; their scales (e.g. one
/// fp16 scale per group of 64 or 128 weights, 0.25 or 0.125 extra bits per
/// weight) are not included.
///
/// The raw values are the command-line spellings.
public enum NumberFormat: String, Sendable, Hashable, CaseIterable {
  /// IEEE single precision.
  case fp32
  /// NVIDIA TensorFloat-32: fp32 in memory, 10-bit mantissa in the tensor
  /// cores.
  case tf32
  /// IEEE half precision.
  case fp16
  /// bfloat16: fp32's 8-bit exponent, a 7-bit mantissa.
  case bf16
  /// 8-bit floating point (E4M3 or E5M2, Micikevicius et al. 2022).
  case fp8
  /// 8-bit integers.
  case int8
  /// 4-bit integers, two per byte.
  case int4

  /// Bits one value occupies in memory: 32, 16, 8 or 4.
  public var bits: Int {
    switch self {
    case .fp32, .tf32: 32
    case .fp16, .bf16: 16
    case .fp8, .int8: 8
    case .int4: 4
    }
  }

  /// Whether tensors are stored in this format (every format but `tf32`,
  /// which is stored as fp32).
  public var isStorageFormat: Bool { self != .tf32 }

  /// Bytes of `count` values in this format, `⌈count · bits / 8⌉` (an odd
  /// number of int4 values takes a last half-filled byte).
  ///
  /// - Parameters:
  ///   - count: how many values, at least 0.
  ///   - quantity: what the count is, named in an overflow error.
  /// - Returns: the byte count.
  /// - Throws: ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public func bytes(of count: Int, _ quantity: String = "the byte count") throws(EstimateError) -> Int {
    // count / 8 · bits + ⌈(count % 8) · bits / 8⌉ never forms count · bits,
    // which can overflow where the answer does not.
    let whole = try checkedProduct(count / 8, bits, quantity)
    return try checkedSum([whole, ((count % 8) * bits + 7) / 8], quantity)
  }
}
