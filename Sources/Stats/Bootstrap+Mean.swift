import Tensors

/// The bootstrap interval of the mean: the same resamples, replicates and
/// bounds as `bootstrapInterval(sample, …) { $0.reduce(0, +) / Double($0.count) }`,
/// computed without building the resamples.
///
/// Each replicate sums its `n` draws in the order they are drawn, exactly as
/// the generic form sums a materialised resample, so the replicates are
/// bit-for-bit the same. The jackknife needs no recomputation: the mean
/// without value `i` is `(S − x_i) / (n − 1)`, so BCa costs `O(n)` extra
/// instead of `O(n²)`.
///
/// - Parameters:
///   - sample: the data, not empty.
///   - resamples: `B ≥ 1`; 2000 by default.
///   - level: the confidence level, in (0, 1); 0.95 by default.
///   - method: percentile (default) or BCa.
///   - seed: the SplitMix64 seed; 0 by default.
public func bootstrapMeanInterval(
  _ sample: [Double],
  resamples: Int = 2000,
  level: Double = 0.95,
  method: BootstrapMethod = .percentile,
  seed: UInt64 = 0
) -> BootstrapInterval {
  precondition(!sample.isEmpty, "the bootstrap needs at least one value")
  precondition(resamples >= 1, "resamples must be at least 1, got \(resamples)")
  precondition(level > 0 && level < 1, "level \(level) is outside (0, 1)")
  let n = sample.count
  let count = Double(n)
  let total = sample.reduce(0, +)
  var generator = SplitMix64(seed: seed)
  var replicates = [Double](repeating: 0, count: resamples)
  sample.withUnsafeBufferPointer { values in
    for b in 0..<resamples {
      var sum = 0.0
      for _ in 0..<n { sum += values[uniformIndex(below: n, using: &generator)] }
      replicates[b] = sum / count
    }
  }
  return bootstrapInterval(
    estimate: total / count, replicates: replicates, level: level, method: method, seed: seed
  ) {
    guard n >= 2 else { return 0 }
    let leaveOneOut = sample.map { (total - $0) / (count - 1) }
    let mean = leaveOneOut.reduce(0, +) / count
    var squares = 0.0
    var cubes = 0.0
    for value in leaveOneOut {
      let d = mean - value
      squares += d * d
      cubes += d * d * d
    }
    return squares == 0 ? 0 : cubes / (6 * squares * squares.squareRoot())
  }
}
