/// The bootstrap interval of the mean: the same resamples, and the same
/// bounds up to rounding, as `bootstrapInterval(sample, …) { $0.reduce(0, +) / Double($0.count) }`,
/// computed without building the resamples and on several threads.
///
/// The resamples are the same draws from the same per-resample streams
/// (see `bootstrapInterval`). Because resample `b`'s stream depends on
/// `(seed, b)` alone, the resamples are split across `threads` and every
/// replicate, so the interval, is bit-identical for any thread count. Each
/// replicate's sum is accumulated in four interleaved partial sums (draws
/// `0, 4, 8, …` in the first, and so on), which lets the additions overlap
/// instead of waiting on one another; replicates may therefore differ from
/// the generic form's in the last bits, and so may the bounds. The
/// jackknife needs no recomputation: the mean without value `i` is
/// `(S − x_i) / (n − 1)`, so BCa costs `O(n)` extra instead of `O(n²)`.
///
/// - Parameters:
///   - sample: the data, not empty.
///   - resamples: `B ≥ 1`; 2000 by default.
///   - level: the confidence level, in (0, 1); 0.95 by default.
///   - method: percentile (default) or BCa.
///   - seed: the seed of the resample streams; 0 by default.
///   - threads: how many threads share the resamples, at least 1;
///     `defaultResampleThreads` by default. The result does not depend on it.
public func bootstrapMeanInterval(
  _ sample: [Double],
  resamples: Int = 2000,
  level: Double = 0.95,
  method: BootstrapMethod = .percentile,
  seed: UInt64 = 0,
  threads: Int = defaultResampleThreads
) -> BootstrapInterval {
  precondition(!sample.isEmpty, "the bootstrap needs at least one value")
  precondition(resamples >= 1, "resamples must be at least 1, got \(resamples)")
  precondition(level > 0 && level < 1, "level \(level) is outside (0, 1)")
  precondition(threads >= 1, "threads must be at least 1, got \(threads)")
  let n = sample.count
  let count = Double(n)
  let total = sample.reduce(0, +)
  var replicates = [Double](repeating: 0, count: resamples)
  fillConcurrently(&replicates, threads: threads) { b in
    resampledSum(sample, stream: ResampleStream(seed: seed, resample: b, count: n)) / count
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

/// The sum of `n = sample.count` values of `sample` at the indices drawn
/// from `stream`, in four interleaved partial sums.
func resampledSum(_ sample: [Double], stream: ResampleStream) -> Double {
  var stream = stream
  return sample.withUnsafeBufferPointer { values in
    let n = values.count
    let blocks = n / 4
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    for _ in 0..<blocks {
      let (i0, i1) = stream.nextPair()
      let (i2, i3) = stream.nextPair()
      s0 += values[i0]
      s1 += values[i1]
      s2 += values[i2]
      s3 += values[i3]
    }
    for _ in (4 * blocks)..<n { s0 += values[stream.next()] }
    return (s0 + s1) + (s2 + s3)
  }
}
