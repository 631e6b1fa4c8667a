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
  // BEGIN SOLUTION: round x to the nearest bfloat16, ties to even
  // Rounding a NaN's bits could clear its payload and leave infinity.
  if x.isNaN { return x }
  let bits = x.bitPattern
  // Adding 0x7FFF rounds every dropped part above 0x8000 up; adding the
  // lowest kept bit as well pushes exact ties up only when that bit is 1,
  // which lands on an even neighbour. A carry into the exponent is right,
  // up to overflowing to infinity.
  let lowestKept = (bits >> 16) & 1
  let rounded = bits &+ 0x7FFF &+ lowestKept
  return Float(bitPattern: rounded & 0xFFFF_0000)
  // END SOLUTION
}
