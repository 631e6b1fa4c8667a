/// How a bootstrap confidence interval is read off the resampled
/// statistics.
public enum BootstrapMethod: String, Sendable, CaseIterable {
  /// The `α/2` and `1 − α/2` quantiles of the replicates (Efron 1979).
  case percentile
  /// Bias-corrected and accelerated (Efron 1987): the replicates' quantiles
  /// at `Φ(ẑ₀ + (ẑ₀ + z)/(1 − â(ẑ₀ + z)))` for `z = z_{α/2}, z_{1−α/2}`,
  /// with `ẑ₀ = Φ⁻¹(#{θ*_b < θ̂} / B)` and the jackknife acceleration
  /// `â = Σ (θ̄₍.₎ − θ₍ᵢ₎)³ / (6 [Σ (θ̄₍.₎ − θ₍ᵢ₎)²]^{3/2})`.
  case bca
}

/// A bootstrap confidence interval and the replicates behind it.
public struct BootstrapInterval: Sendable, Equatable {
  /// The statistic on the original sample, `θ̂`.
  public var estimate: Double
  /// The lower bound.
  public var lower: Double
  /// The upper bound.
  public var upper: Double
  /// The standard deviation of the replicates (divisor `B − 1`), the
  /// bootstrap standard error.
  public var standardError: Double
  /// The confidence level `1 − α`.
  public var level: Double
  /// How the bounds were read off.
  public var method: BootstrapMethod
  /// The number of resamples `B`.
  public var resamples: Int
  /// The seed the resamples were drawn with (see `bootstrapInterval`).
  public var seed: UInt64
}

/// A bootstrap confidence interval for any statistic of one sample
/// (Efron and Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 13
/// and 14).
///
/// Resample `b` (0-based) draws its `n` indices with replacement from its
/// own stream, keyed by `(seed, b)`: a SplitMix64 stream whose state is the
/// Philox4x32-10 block of `RandomGenerator(seed: seed, stream: b)` at index
/// 0, read as 32-bit words turned into indices by Lemire's method (64-bit
/// words when `n ≥ 2³²`). The same seed gives the same interval in every
/// run, and `bootstrapMeanInterval` draws the same resamples on any number
/// of threads. (Until this layout, one SplitMix64 stream ran through all
/// resamples in order; the change altered every seeded interval once.)
/// Here the resamples are evaluated one after another on the calling
/// thread, since `statistic` need not be safe to call concurrently. Quantiles of the replicates use linear interpolation
/// (`quantileOfSorted`, numpy's default), as scipy's `stats.bootstrap` does.
/// See `BootstrapMethod` for the two constructions. BCa recomputes the
/// statistic on the `n` leave-one-out samples (the jackknife), so it costs
/// `n` extra evaluations. When every replicate lies on one side of `θ̂`,
/// `ẑ₀` is infinite and the BCa bounds are nan.
///
/// ```swift
/// let interval = bootstrapInterval(losses, resamples: 2000, method: .bca, seed: 7) { sample in
///   sample.reduce(0, +) / Double(sample.count)
/// }
/// ```
///
/// - Parameters:
///   - sample: the data, not empty.
///   - resamples: `B ≥ 1`; 2000 by default.
///   - level: the confidence level, in (0, 1); 0.95 by default.
///   - method: percentile (default) or BCa.
///   - seed: the seed of the resample streams; 0 by default.
///   - statistic: the statistic, a function of a sample of the original size
///     (or one less, for the jackknife).
public func bootstrapInterval(
  _ sample: [Double],
  resamples: Int = 2000,
  level: Double = 0.95,
  method: BootstrapMethod = .percentile,
  seed: UInt64 = 0,
  statistic: ([Double]) -> Double
) -> BootstrapInterval {
  precondition(!sample.isEmpty, "the bootstrap needs at least one value")
  precondition(resamples >= 1, "resamples must be at least 1, got \(resamples)")
  precondition(level > 0 && level < 1, "level \(level) is outside (0, 1)")
  let n = sample.count
  let estimate = statistic(sample)
  var resample = [Double](repeating: 0, count: n)
  var replicates = [Double](repeating: 0, count: resamples)
  for b in 0..<resamples {
    var stream = ResampleStream(seed: seed, resample: b, count: n)
    for i in 0..<n { resample[i] = sample[stream.next()] }
    replicates[b] = statistic(resample)
  }

  return bootstrapInterval(
    estimate: estimate, replicates: replicates, level: level, method: method, seed: seed
  ) { jackknifeAcceleration(sample, statistic: statistic) }
}

/// Reads the interval of `method` off the replicates; `acceleration` is
/// evaluated only for BCa.
func bootstrapInterval(
  estimate: Double, replicates: [Double], level: Double, method: BootstrapMethod, seed: UInt64,
  acceleration: () -> Double
) -> BootstrapInterval {
  let resamples = replicates.count
  let alpha = 1 - level
  var lowerLevel = alpha / 2
  var upperLevel = 1 - alpha / 2
  if method == .bca {
    let below = replicates.reduce(0) { $0 + ($1 < estimate ? 1 : 0) }
    let bias = standardNormalQuantile(Double(below) / Double(resamples))
    let a = acceleration()
    func adjusted(_ level: Double) -> Double {
      let z = standardNormalQuantile(level)
      return standardNormalCDF(bias + (bias + z) / (1 - a * (bias + z)))
    }
    lowerLevel = adjusted(lowerLevel)
    upperLevel = adjusted(upperLevel)
  }
  let sorted = replicates.sorted()
  func bound(_ p: Double) -> Double { p.isNaN ? .nan : quantileOfSorted(sorted, p) }
  return BootstrapInterval(
    estimate: estimate, lower: bound(lowerLevel), upper: bound(upperLevel),
    standardError: standardDeviation(replicates), level: level, method: method, resamples: resamples, seed: seed)
}

/// The jackknife estimate of BCa's acceleration (Efron 1987, eq. 6.6):
/// `Σ d_i³ / (6 (Σ d_i²)^{3/2})` with `d_i = θ̄₍.₎ − θ₍ᵢ₎`; 0 when every
/// leave-one-out statistic is the same.
func jackknifeAcceleration(_ sample: [Double], statistic: ([Double]) -> Double) -> Double {
  let n = sample.count
  guard n >= 2 else { return 0 }
  var leaveOneOut = [Double](repeating: 0, count: n)
  var reduced = Array(sample.dropFirst())
  for i in 0..<n {
    // `reduced` holds every value but sample[i], in order.
    if i > 0 { reduced[i - 1] = sample[i - 1] }
    leaveOneOut[i] = statistic(reduced)
  }
  let mean = leaveOneOut.reduce(0, +) / Double(n)
  var squares = 0.0
  var cubes = 0.0
  for value in leaveOneOut {
    let d = mean - value
    squares += d * d
    cubes += d * d * d
  }
  if squares == 0 { return 0 }
  return cubes / (6 * squares * squares.squareRoot())
}

/// The sample standard deviation (divisor `n − 1`), 0 for one value.
func standardDeviation(_ values: [Double]) -> Double {
  guard values.count >= 2 else { return 0 }
  let mean = values.reduce(0, +) / Double(values.count)
  let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
  return (squares / Double(values.count - 1)).squareRoot()
}
