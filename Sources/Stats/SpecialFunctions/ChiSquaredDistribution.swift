import RealModule

/// The upper tail of the χ² distribution with one degree of freedom,
/// `P(χ²₁ > x) = P(|Z| > √x) = erfc(√(x / 2))` for a standard normal `Z`
/// (Abramowitz and Stegun 26.4.4 with ν = 1): the p-value of a statistic
/// that is χ²₁ under the null hypothesis, such as McNemar's.
///
/// - Parameter x: the statistic; values at or below 0 give 1.
public func chiSquaredOneDegreeSurvival(_ x: Double) -> Double {
  if x <= 0 { return 1 }
  return Double.erfc((x / 2).squareRoot())
}
