import Groundwork

/// The limits of an IEEE-style binary floating-point format with
/// `exponentBits` exponent bits (E) and `mantissaBits` stored mantissa bits
/// (M), whose all-ones exponent is reserved for infinities and NaNs. With
/// the bias b = 2^(E−1) − 1:
///
/// - largest finite value: (2 − 2^−M) × 2^(2^E − 2 − b)
/// - smallest normal value: 2^(1 − b)
/// - smallest subnormal value: 2^(1 − b − M)
/// - machine epsilon, the gap between 1 and the next value: 2^−M
///
/// For E = 11 and M = 52 these are the limits of Double itself, so no
/// intermediate may go beyond them.
func formatLimits(exponentBits: Int, mantissaBits: Int) -> (largest: Double, smallestNormal: Double, smallestSubnormal: Double, epsilon: Double) {
  // BEGIN SOLUTION: compute the four limits from the bit fields
  // 2^k built directly from its exponent: exact, and never through 2^1024.
  func twoToThe(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }
  let bias = (1 << (exponentBits - 1)) - 1
  let largestExponent = (1 << exponentBits) - 2 - bias
  return (
    largest: (2 - twoToThe(-mantissaBits)) * twoToThe(largestExponent),
    smallestNormal: twoToThe(1 - bias),
    smallestSubnormal: twoToThe(1 - bias - mantissaBits),
    epsilon: twoToThe(-mantissaBits)
  )
  // END SOLUTION
}
