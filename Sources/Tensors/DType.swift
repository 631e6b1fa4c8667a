/// The element type of a tensor, chosen at run time.
///
/// A `Tensor` carries its dtype as a value rather than as a generic
/// parameter, the way NumPy and PyTorch do: one `Tensor` type can hold
/// single- or double-precision numbers, and code that does not care about
/// precision does not have to be generic. Kernels switch on the dtype once,
/// at the top, and run a loop specialised for the matching Swift scalar type.
///
/// Every `switch` over `DType` in this module is exhaustive on purpose, so
/// that adding a case (integer, boolean or half-precision types) makes the
/// compiler point at every kernel that must learn about it.
public enum DType: Sendable, Hashable, CaseIterable {
  /// IEEE 754 binary32: 24-bit significand, about 7 decimal digits,
  /// machine epsilon 2⁻²³ ≈ 1.19e-7. The default, as in PyTorch.
  case float32
  /// IEEE 754 binary64: 53-bit significand, about 16 decimal digits,
  /// machine epsilon 2⁻⁵² ≈ 2.22e-16. NumPy's default.
  case float64

  /// The number of bytes one element occupies in storage.
  public var byteSize: Int {
    switch self {
    case .float32: MemoryLayout<Float>.size
    case .float64: MemoryLayout<Double>.size
    }
  }

  /// The Swift type whose values are stored for this dtype. Storage checks
  /// typed access against it, so reading `float32` bytes as `Double` traps
  /// instead of returning garbage.
  var storedType: Any.Type {
    switch self {
    case .float32: Float.self
    case .float64: Double.self
    }
  }
}

extension DType: CustomStringConvertible {
  /// The NumPy name of the dtype: `"float32"` or `"float64"`.
  public var description: String {
    switch self {
    case .float32: "float32"
    case .float64: "float64"
    }
  }
}
