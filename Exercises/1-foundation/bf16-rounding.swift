import Groundwork

/// `x` rounded to the nearest bfloat16, returned as the `Float` with the
/// same value.
///
/// A bfloat16 is the top 16 bits of a Float32 bit pattern: sign, the same
/// 8 exponent bits, 7 of the 23 mantissa bits. Rounding looks at the 16
/// bits that are dropped: below 0x8000 round down, above round up, exactly
/// 0x8000 (a tie) round to the neighbour whose lowest kept bit is 0. A NaN
/// stays a NaN; values beyond the largest bfloat16 round to ±infinity.
func toBFloat16(_ x: Float) -> Float {
  fatalError("TODO: round x to the nearest bfloat16, ties to even")
}
