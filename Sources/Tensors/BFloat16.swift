/// The "brain floating-point" format: a 16-bit float with Float32's 8-bit
/// exponent and an 8-bit significand (7 stored bits), so the range of
/// `Float` (up to about 3.4e38) with about 2–3 decimal digits.
///
/// Google Brain introduced it for training; it is the upper half of a
/// `Float`'s bit pattern, which makes conversion cheap and means it
/// overflows where `Float` does, unlike `Float16` (max 65504). The value is
/// stored as its `bitPattern`; arithmetic is done in `Float` and rounded
/// back (see `Tensor`'s discussion of 16-bit dtypes).
///
/// ```swift
/// BFloat16(Float.pi).bitPattern   // 0x4049, the value 3.140625
/// Float(BFloat16(1 + 1 / 256))    // 1.0: a tie, rounded to even
/// ```
public struct BFloat16: Sendable, Hashable {
  /// The 16 bits: sign, 8 exponent bits, 7 significand bits, the same
  /// layout as the upper half of a `Float`.
  public var bitPattern: UInt16

  /// The value whose bits are `bitPattern`.
  public init(bitPattern: UInt16) {
    self.bitPattern = bitPattern
  }

  /// `value` rounded to the nearest `BFloat16`, ties to even.
  ///
  /// Rounding works on the bit pattern: add `0x7FFF` plus the lowest kept
  /// bit to the `Float`'s bits and drop the low 16. A carry out of the
  /// significand bumps the exponent, which is exactly right, up to
  /// overflowing the largest finite values to infinity. Subnormals round the
  /// same way. NaN stays NaN (sign kept, made quiet, so that rounding
  /// cannot carry a NaN's payload into infinity).
  public init(_ value: Float) {
    let bits = value.bitPattern
    if value.isNaN {
      bitPattern = UInt16(truncatingIfNeeded: bits >> 16) | 0x0040
      return
    }
    let lowestKept = (bits >> 16) & 1
    bitPattern = UInt16(truncatingIfNeeded: (bits &+ 0x7FFF &+ lowestKept) >> 16)
  }

  /// `value` rounded to the nearest `BFloat16`, ties to even, with a single
  /// rounding.
  ///
  /// Going through `Float(value)` would round twice, and a `Double` just
  /// above a `BFloat16` tie can land exactly on the tie in `Float` and then
  /// round to even, the wrong way. So the first step rounds toward zero and
  /// marks inexactness in the lowest bit ("round to odd"); with 24 bits of
  /// `Float` against 8 of `BFloat16`, the second rounding is then correct.
  public init(_ value: Double) {
    if value.isNaN || value.isInfinite {
      self.init(Float(value))
      return
    }
    var truncated = Float(value)
    if Double(truncated).magnitude > value.magnitude {
      truncated = value < 0 ? truncated.nextUp : truncated.nextDown
    }
    if Double(truncated) != value {
      truncated = Float(bitPattern: truncated.bitPattern | 1)
    }
    self.init(truncated)
  }

  /// Whether the value is NaN: all exponent bits set and a nonzero
  /// significand.
  public var isNaN: Bool { bitPattern & 0x7F80 == 0x7F80 && bitPattern & 0x007F != 0 }
}

extension Float {
  /// The exact value of a `BFloat16`: its bits become the upper half of a
  /// `Float`'s.
  public init(_ value: BFloat16) {
    self.init(bitPattern: UInt32(value.bitPattern) << 16)
  }
}

extension Double {
  /// The exact value of a `BFloat16`.
  public init(_ value: BFloat16) {
    self.init(Float(value))
  }
}

extension BFloat16: CustomStringConvertible {
  /// The value as its `Float` prints it: `3.140625`.
  public var description: String { Float(self).description }
}
