import RealModule

/// A Swift type that tensor storage holds: one per `DType`.
///
/// Every value converts to and from `Double`, which is exact for all six
/// stored types in that direction (`Double` holds every `Float`, `Float16`,
/// `BFloat16` and `Int32` exactly), and which conversions, readout and the
/// reference implementations use as the common currency.
protocol TensorScalar: Sendable {
  /// The dtype whose storage holds this type.
  static var dtype: DType { get }
  /// The value new storage is filled with.
  static var zero: Self { get }
  /// `value` converted to this type: rounded to nearest, ties to even, for
  /// the float types; truncated toward zero for `Int32`; `value != 0` for
  /// `Bool`.
  init(converting value: Double)
  /// The value as a `Double`, exactly (`Bool`: 0 or 1).
  var doubleValue: Double { get }
}

/// A stored floating-point type, with the type each operation computes in.
///
/// `Float` and `Double` compute in themselves. The 16-bit types compute in
/// `Float` and round once per tensor operation (see `DType`).
protocol FloatingStorage: TensorScalar {
  /// The type arithmetic and math functions run in.
  associatedtype Compute: Real & BinaryFloatingPoint & Sendable
  /// `value` rounded to this type, ties to even.
  init(rounding value: Compute)
  /// The value in the compute type, exactly.
  var widened: Compute { get }
  /// eˣ as `Tensor.exp()` computes it for this dtype: through `exp4`, the
  /// vectorised float32 exp, for the types that compute in `Float`, and
  /// through the C library for `Double`.
  static func exponential(_ x: Self) -> Self
  /// `z[i] = exponential(x[i])` for `count` contiguous elements, with the
  /// same bits as the scalar form element by element.
  static func exponential(_ x: UnsafePointer<Self>, _ z: UnsafeMutablePointer<Self>, count: Int)
}

extension FloatingStorage where Compute == Float {
  /// eˣ through `exp4`, rounded once to this type.
  @inline(__always)
  static func exponential(_ x: Self) -> Self { Self(rounding: exp4(x.widened)) }

  /// Four elements at a time: widened into one vector, `exp4`, rounded
  /// back; the last 1 to 3 padded.
  static func exponential(_ x: UnsafePointer<Self>, _ z: UnsafeMutablePointer<Self>, count: Int) {
    var i = 0
    while i < count {
      let lanes = Swift.min(4, count - i)
      var v = SIMD4<Float>(repeating: 0)
      for lane in 0..<lanes { v[lane] = x[i + lane].widened }
      let y = exp4(v)
      for lane in 0..<lanes { z[i + lane] = Self(rounding: y[lane]) }
      i += 4
    }
  }
}

extension Float: FloatingStorage {
  static var dtype: DType { .float32 }
  static var zero: Float { 0 }
  init(converting value: Double) { self.init(value) }
  var doubleValue: Double { Double(self) }
  init(rounding value: Float) { self = value }
  var widened: Float { self }
  @inline(__always) static func exponential(_ x: Float) -> Float { exp4(x) }
  static func exponential(_ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, count: Int) {
    exp4(x, z, count: count)
  }
}

extension Double: FloatingStorage {
  static var dtype: DType { .float64 }
  static var zero: Double { 0 }
  init(converting value: Double) { self = value }
  var doubleValue: Double { self }
  init(rounding value: Double) { self = value }
  var widened: Double { self }
  @inline(__always) static func exponential(_ x: Double) -> Double { Double.exp(x) }
  static func exponential(_ x: UnsafePointer<Double>, _ z: UnsafeMutablePointer<Double>, count: Int) {
    for t in 0..<count { z[t] = Double.exp(x[t]) }
  }
}

extension Float16: FloatingStorage {
  static var dtype: DType { .float16 }
  static var zero: Float16 { 0 }
  init(converting value: Double) { self.init(value) }
  var doubleValue: Double { Double(self) }
  init(rounding value: Float) { self.init(value) }
  var widened: Float { Float(self) }
}

extension BFloat16: FloatingStorage {
  static var dtype: DType { .bfloat16 }
  static var zero: BFloat16 { BFloat16(bitPattern: 0) }
  init(converting value: Double) { self.init(value) }
  var doubleValue: Double { Double(self) }
  init(rounding value: Float) { self.init(value) }
  var widened: Float { Float(self) }
}

extension Int32: TensorScalar {
  static var dtype: DType { .int32 }
  static var zero: Int32 { 0 }
  init(converting value: Double) {
    precondition(
      !value.isNaN && value > -2_147_483_649 && value < 2_147_483_648,
      "conversion to int32: \(value) is NaN or outside the int32 range"
    )
    self.init(value.rounded(.towardZero))
  }
  var doubleValue: Double { Double(self) }
}

extension Bool: TensorScalar {
  static var dtype: DType { .bool }
  static var zero: Bool { false }
  /// Nonzero values (NaN included, as in NumPy) are `true`.
  init(converting value: Double) { self = value != 0 }
  var doubleValue: Double { self ? 1 : 0 }
}
