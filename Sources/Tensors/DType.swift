/// The element type of a tensor, chosen at run time.
///
/// A `Tensor` carries its dtype as a value rather than as a generic
/// parameter, the way NumPy and PyTorch do: one `Tensor` type can hold
/// numbers of any precision, and code that does not care about precision
/// does not have to be generic. Kernels switch on the dtype once, at the
/// top, and run a loop specialised for the matching Swift scalar type.
///
/// Every `switch` over `DType` in this module is exhaustive on purpose, so
/// that adding a case makes the compiler point at every kernel that must
/// learn about it.
///
/// ## 16-bit floating point
///
/// `float16` and `bfloat16` are storage formats: each tensor operation
/// reads its 16-bit inputs exactly as `Float`, computes in `Float`, and
/// rounds the result to the nearest 16-bit value, ties to even. For `+`,
/// `−`, `×`, `÷` and `sqrt` that is exactly the correctly rounded 16-bit
/// result (rounding twice is harmless when the wider format has at least
/// 2p + 2 significand bits: 24 ≥ 2·11 + 2 and 24 ≥ 2·8 + 2). Reductions
/// over 16-bit tensors accumulate in `Double` and round once at the end.
/// Matrix products convert to `float32`, multiply with BLAS and round back,
/// as CBLAS has no half-precision routines.
public enum DType: Sendable, Hashable, CaseIterable {
  /// IEEE 754 binary32: 24-bit significand, about 7 decimal digits,
  /// machine epsilon 2⁻²³ ≈ 1.19e-7. The default, as in PyTorch.
  case float32
  /// IEEE 754 binary64: 53-bit significand, about 16 decimal digits,
  /// machine epsilon 2⁻⁵² ≈ 2.22e-16. NumPy's default.
  case float64
  /// IEEE 754 binary16 (Swift's `Float16`): 11-bit significand, 5-bit
  /// exponent; largest finite value 65504, machine epsilon 2⁻¹⁰ ≈ 9.8e-4,
  /// smallest subnormal 2⁻²⁴ ≈ 6e-8.
  case float16
  /// Brain floating point (`BFloat16`): Float32's 8-bit exponent with an
  /// 8-bit significand; machine epsilon 2⁻⁷ = 0.0078125, the range of
  /// `float32`.
  case bfloat16
  /// Two's-complement 32-bit integers. `+`, `−`, `×` wrap on overflow, as
  /// in NumPy and PyTorch; `/` truncates toward zero, as in Swift.
  case int32
  /// Booleans, one byte each: the result of comparisons, the mask of
  /// `where`, the draws of `bernoulli`.
  case bool

  /// The number of bytes one element occupies in storage.
  public var byteSize: Int {
    switch self {
    case .float32: MemoryLayout<Float>.size
    case .float64: MemoryLayout<Double>.size
    case .float16: MemoryLayout<Float16>.size
    case .bfloat16: MemoryLayout<BFloat16>.size
    case .int32: MemoryLayout<Int32>.size
    case .bool: MemoryLayout<Bool>.size
    }
  }

  /// Whether the dtype holds floating-point numbers (the four float
  /// formats), which math functions such as `exp` require.
  public var isFloatingPoint: Bool {
    switch self {
    case .float32, .float64, .float16, .bfloat16: true
    case .int32, .bool: false
    }
  }

  /// The Swift type whose values are stored for this dtype. Storage checks
  /// typed access against it, so reading `float32` bytes as `Double` traps
  /// instead of returning garbage.
  var storedType: Any.Type {
    switch self {
    case .float32: Float.self
    case .float64: Double.self
    case .float16: Float16.self
    case .bfloat16: BFloat16.self
    case .int32: Int32.self
    case .bool: Bool.self
    }
  }
}

extension DType: CustomStringConvertible {
  /// The NumPy/PyTorch name of the dtype: `"float32"`, `"bfloat16"`, `"bool"`, ….
  public var description: String {
    switch self {
    case .float32: "float32"
    case .float64: "float64"
    case .float16: "float16"
    case .bfloat16: "bfloat16"
    case .int32: "int32"
    case .bool: "bool"
    }
  }
}
