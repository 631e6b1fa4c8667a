/// A two-sided confidence interval for a population mean.
public struct MeanInterval: Sendable, Equatable {
  /// The sample mean `x̄`.
  public var mean: Double
  /// The standard error `s / √n`, with `s` the sample standard deviation
  /// (divisor `n − 1`).
  public var standardError: Double
  /// The lower bound.
  public var lower: Double
  /// The upper bound.
  public var upper: Double
  /// The confidence level `1 − α`.
  public var level: Double
}

/// Student's t-interval for the mean of `values`:
/// `x̄ ± t_{1−α/2, n−1} · s / √n` (Student 1908), exact for normal data and a
/// good approximation for a mean of many independent values (scipy's
/// `stats.t.interval(level, n − 1, loc: x̄, scale: sem)`).
///
/// ```swift
/// tInterval([2.1, 1.9, 2.4, 2.0]).lower   // ≈ 1.7563
/// ```
///
/// - Parameters:
///   - values: at least two finite values.
///   - level: the confidence level, in (0, 1); 0.95 by default.
public func tInterval(_ values: [Double], level: Double = 0.95) -> MeanInterval {
  precondition(values.count >= 2, "a t-interval needs at least two values, got \(values.count)")
  precondition(level > 0 && level < 1, "level \(level) is outside (0, 1)")
  let n = Double(values.count)
  let mean = values.reduce(0, +) / n
  // Two passes: the sum of squared deviations from the computed mean, plus
  // the correction term of Chan, Golub and LeVeque (1983) for its rounding.
  var squares = 0.0
  var deviations = 0.0
  for value in values {
    squares += (value - mean) * (value - mean)
    deviations += value - mean
  }
  let variance = (squares - deviations * deviations / n) / (n - 1)
  let standardError = (variance / n).squareRoot()
  let critical = studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
  return MeanInterval(
    mean: mean, standardError: standardError, lower: mean - critical * standardError,
    upper: mean + critical * standardError, level: level)
}
