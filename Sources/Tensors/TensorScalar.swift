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
}

extension Float: FloatingStorage {
  static var dtype: DType { .float32 }
  static var zero: Float { 0 }
  init(converting value: Double) { self.init(value) }
  var doubleValue: Double { Double(self) }
  init(rounding value: Float) { self = value }
  var widened: Float { self }
}

extension Double: FloatingStorage {
  static var dtype: DType { .float64 }
  static var zero: Double { 0 }
  init(converting value: Double) { self = value }
  var doubleValue: Double { self }
  init(rounding value: Double) { self = value }
  var widened: Double { self }
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
