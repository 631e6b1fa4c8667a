/// The element-wise comparisons. Each returns a `bool` tensor.
enum ComparisonOperator: String, Sendable {
  case less = ".<"
  case lessOrEqual = ".<="
  case greater = ".>"
  case greaterOrEqual = ".>="
  case equal = ".=="
  case notEqual = ".!="
}

// The dotted operators are the standard library's pointwise comparison
// operators (declared there for SIMD vectors); `<` and `==` keep their
// meaning of comparing whole values, which a tensor does not define.
extension Tensor {
  /// Element-wise `lhs[i] < rhs[i]` as a `bool` tensor, with NumPy
  /// broadcasting (see `+`). Both operands must have the same dtype.
  ///
  /// Floating-point comparisons follow IEEE 754: every comparison with a
  /// NaN is false, except `.!=`, which is true; `-0.0 .== 0.0` is true.
  /// `bool` elements order as `false < true`.
  public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, .less) }

  /// Element-wise `lhs[i] <= rhs[i]` (see `.<`).
  public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, .lessOrEqual) }

  /// Element-wise `lhs[i] > rhs[i]` (see `.<`).
  public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, .greater) }

  /// Element-wise `lhs[i] >= rhs[i]` (see `.<`).
  public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, .greaterOrEqual) }

  /// Element-wise `lhs[i] == rhs[i]` (see `.<`; NaN is unequal to itself).
  public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, .equal) }

  /// Element-wise `lhs[i] != rhs[i]` (see `.<`; true wherever a NaN is involved).
  public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(lhs, rhs, .notEqual) }

  /// Every element compared with `rhs`, which is first converted to the
  /// tensor's dtype (see `+(Tensor, Double)`).
  public static func .< (lhs: Tensor, rhs: Double) -> Tensor { lhs .< Tensor(scalar: rhs, dtype: lhs.dtype) }

  /// Every element compared with `rhs` (see `.<(Tensor, Double)`).
  public static func .<= (lhs: Tensor, rhs: Double) -> Tensor { lhs .<= Tensor(scalar: rhs, dtype: lhs.dtype) }

  /// Every element compared with `rhs` (see `.<(Tensor, Double)`).
  public static func .> (lhs: Tensor, rhs: Double) -> Tensor { lhs .> Tensor(scalar: rhs, dtype: lhs.dtype) }

  /// Every element compared with `rhs` (see `.<(Tensor, Double)`).
  public static func .>= (lhs: Tensor, rhs: Double) -> Tensor { lhs .>= Tensor(scalar: rhs, dtype: lhs.dtype) }

  /// Every element compared with `rhs` (see `.<(Tensor, Double)`).
  public static func .== (lhs: Tensor, rhs: Double) -> Tensor { lhs .== Tensor(scalar: rhs, dtype: lhs.dtype) }

  /// Every element compared with `rhs` (see `.<(Tensor, Double)`).
  public static func .!= (lhs: Tensor, rhs: Double) -> Tensor { lhs .!= Tensor(scalar: rhs, dtype: lhs.dtype) }

  /// Checks dtypes and shapes, then compares in a type where `<` is exact:
  /// the stored type itself, `Float` for `bfloat16`, `Int32` for `bool`.
  static func compare(_ lhs: Tensor, _ rhs: Tensor, _ op: ComparisonOperator) -> Tensor {
    let shape = checkedBroadcastShape(lhs, rhs, op: op.rawValue)
    return profiled(op.rawValue, flops: elementCount(of: shape), bytesRead: lhs.elementBytes + rhs.elementBytes) {
      compare(lhs, rhs, shape: shape, op)
    }
  }

  private static func compare(_ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ op: ComparisonOperator) -> Tensor {
    switch lhs.dtype {
    case .float32: return compare(lhs, rhs, shape: shape, op) { (x: Float) in x }
    case .float64: return compare(lhs, rhs, shape: shape, op) { (x: Double) in x }
    case .float16: return compare(lhs, rhs, shape: shape, op) { (x: Float16) in x }
    case .bfloat16: return compare(lhs, rhs, shape: shape, op) { (x: BFloat16) in Float(x) }
    case .int32: return compare(lhs, rhs, shape: shape, op) { (x: Int32) in x }
    case .bool: return compare(lhs, rhs, shape: shape, op) { (x: Bool) -> Int32 in x ? 1 : 0 }
    }
  }

  private static func compare<S: TensorScalar, K: Comparable>(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ op: ComparisonOperator, _ key: (S) -> K
  ) -> Tensor {
    switch op {
    case .less: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in key(a) < key(b) }
    case .lessOrEqual: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in key(a) <= key(b) }
    case .greater: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in key(a) > key(b) }
    case .greaterOrEqual: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in key(a) >= key(b) }
    case .equal: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in key(a) == key(b) }
    case .notEqual: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in key(a) != key(b) }
    }
  }
}
