// eˣ for float32, four lanes at a time, in plain Swift SIMD: what
// `Tensor.exp()` runs for float32 (and, through float32, for float16 and
// bfloat16). The C library's `expf` costs a call per element; this is the
// same idea as NumPy's SIMD exp, a range reduction and a polynomial with
// no branches, so that every lane does the same work.
//
// Method (Cody and Waite's range reduction, as in Cephes' `expf`):
//
//   eˣ = 2ⁿ · eʳ,  n = round(x / ln 2),  r = x − n · ln 2,  |r| ≤ ln 2 / 2
//
// * n: x · log₂e plus 1.5 · 2²³ rounds to the nearest integer in the
//   addition itself (the sum lies in [2²³, 2²⁴), where floats are the
//   integers), so no rounding instruction (SSE2 has none) and no
//   conversion are needed, and the sum's low bits hold n as an integer.
// * r: ln 2 is split into a high part with 15 significant bits, so that
//   n · ln2Hi is exact for every n used (−150 ≤ n ≤ 128) and x − n · ln2Hi is
//   exact (Sterbenz), and a low part that carries the rest.
// * eʳ ≈ 1 + r + r² · q(r), q of degree 4 fitted (minimax for the
//   relative error of eʳ: about 3e-9, 0.03 ULP, on |r| ≤ 0.3466) and
//   rounded to float32. The 1 is added last, so that the rounding errors
//   of the smaller terms count little against the result. (Forming 1 + r
//   exactly and carrying r's own rounding error along makes four times
//   fewer results 1 ULP off, but costs about 15% more time.)
// * 2ⁿ is built from its exponent bits in two factors 2^⌊n/2⌋ · 2^(n−⌊n/2⌋),
//   both normal floats for every n used. The first product is
//   exact, so the second is the only rounding: results in the subnormal
//   range are rounded once, like normal ones, and an overflow is +∞.
// * Inputs are clamped to [−104, 89] first (so that n stays small and ±∞
//   need no case of their own); e⁻¹⁰⁴ rounds to 0 and e⁸⁹ overflows, as
//   for every input beyond them. A NaN passes the clamp and every
//   floating-point step, so the result is NaN (the integer steps turn it
//   into a scale factor that is a power of 2, ±0 or ±∞, never a number
//   that could hide it).
//
// Accuracy: every float32 input was checked against eˣ computed in
// Double and rounded to float32 (bench/exp-accuracy runs that check over
// all 2³² inputs; VectorExpTests repeats it on a dense sample and the
// edges on every test run): the result is never
// more than 1 ULP from the correctly rounded one. Of the 520,184,780
// inputs whose result is not 0, 1 or ∞, 18,166,660 (3.5%) are 1 ULP off
// and the rest correctly rounded. (NumPy's AVX2 float32 exp, checked the
// same way, is up to 3 ULP off, and 40% of those inputs are not correctly
// rounded.)
//
// Only IEEE additions, multiplications and bit operations are used, in a
// fixed order (Swift does not fuse or reorder floating-point operations),
// so a lane's result depends on its input alone: the same on every
// thread, at every position in a vector, and for the scalar entry point.

/// The constants of `exp4`, as float32 values.
enum VectorExpConstants {
  /// log₂e, rounded to float32.
  static let log2e: Float = 1.44269502
  /// 1.5 · 2²³: adding it rounds a value of magnitude below 2²² to an integer.
  static let roundingMagic: Float = 12_582_912
  /// ln 2 to 15 significant bits (0x3F317200): n · ln2Hi is exact for |n| < 512.
  static let ln2Hi: Float = 0.693_145_751_953_125
  /// ln 2 − ln2Hi, rounded to float32.
  static let ln2Lo: Float = 1.428_606_765_330_187e-6
  /// q(r) ≈ (eʳ − 1 − r) / r², coefficients of r⁰ … r⁴.
  static let q0: Float = 0.499_999_934_486_8
  static let q1: Float = 0.166_665_206_448_2
  static let q2: Float = 0.041_668_387_890_00
  static let q3: Float = 0.008_368_715_287_398
  static let q4: Float = 0.001_381_460_207_048
  /// Inputs are clamped to [lowest, highest] before the reduction.
  static let lowest: Float = -104
  static let highest: Float = 89
}

/// eˣ in each of four float32 lanes (see the notes at the top of this file).
@inline(__always)
func exp4(_ x: SIMD4<Float>) -> SIMD4<Float> {
  typealias C = VectorExpConstants
  var v = x.replacing(with: C.highest, where: x .> C.highest)
  v.replace(with: C.lowest, where: v .< C.lowest)

  // n = round(v · log₂e), as a float and as an integer.
  let shifted = v * C.log2e + C.roundingMagic
  let n = shifted - C.roundingMagic
  let nBits = unsafeBitCast(shifted, to: SIMD4<Int32>.self) &- C.roundingMagic.bitPattern.int32

  // r = v − n · ln 2, the first subtraction exact; eʳ ≈ 1 + r + r² · q(r).
  let r = (v - n * C.ln2Hi) - n * C.ln2Lo
  let r2 = r * r
  var q = r * C.q4 + C.q3
  q = q * r + C.q2
  q = q * r + C.q1
  q = q * r + C.q0
  let p = (r + r2 * q) + 1

  // p · 2ⁿ as p · 2^n1 · 2^n2, the first product exact.
  let n1 = nBits &>> 1
  let n2 = nBits &- n1
  let scale1 = unsafeBitCast((n1 &+ 127) &<< 23, to: SIMD4<Float>.self)
  let scale2 = unsafeBitCast((n2 &+ 127) &<< 23, to: SIMD4<Float>.self)
  return (p * scale1) * scale2
}

/// eˣ for one float32, through the same lane code as the vector loop, so
/// that the result is bit-identical to that of `x` inside a tensor.
@inline(__always)
func exp4(_ x: Float) -> Float {
  exp4(SIMD4(repeating: x))[0]
}

/// `z[i] = eˣ⁽ⁱ⁾` for `count` float32 values, four at a time; the last
/// 1 to 3 values go through a padded vector. `x` and `z` may be the same
/// buffer.
func exp4(_ x: UnsafePointer<Float>, _ z: UnsafeMutablePointer<Float>, count: Int) {
  var i = 0
  while i + 4 <= count {
    let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Float>.self)
    UnsafeMutableRawPointer(z + i).storeBytes(of: exp4(v), as: SIMD4<Float>.self)
    i += 4
  }
  if i < count {
    var v = SIMD4<Float>(repeating: 0)
    for lane in 0..<(count - i) { v[lane] = x[i + lane] }
    let y = exp4(v)
    for lane in 0..<(count - i) { z[i + lane] = y[lane] }
  }
}

extension UInt32 {
  /// The same bits as an `Int32`.
  fileprivate var int32: Int32 { Int32(bitPattern: self) }
}
