import Groundwork

/// The smallest loss scale S = 2^k (k ≥ 0) at which at most
/// `maxUnderflowFraction` of the non-zero `gradients` round to zero when
/// g · S is stored in Float16; 0 when at that scale some g · S overflows
/// to infinity, since no power of two then avoids both.
///
/// The products g · S are exact in Float (S is a power of two), so the only
/// rounding is the one into Float16.
func smallestSafeScale(gradients: [Float], maxUnderflowFraction: Double) -> Float {
  // BEGIN SOLUTION: search the powers of two, rounding each product to Float16
  let nonZero = gradients.filter { $0 != 0 }
  var scale: Float = 1
  while true {
    let underflows = nonZero.filter { Float16($0 * scale) == 0 }.count
    if Double(underflows) <= maxUnderflowFraction * Double(nonZero.count) {
      let overflows = nonZero.contains { !Float16($0 * scale).isFinite }
      return overflows ? 0 : scale
    }
    scale *= 2
  }
  // END SOLUTION
}
