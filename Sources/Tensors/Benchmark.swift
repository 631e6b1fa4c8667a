/// One measurement of `Benchmark`: an operation at one size, timed.
public struct BenchmarkResult: Sendable, Equatable {
  /// The operation: `"matmul"`, `"add"`, `"mul"`, `"exp"`, `"sum"`.
  public var op: String
  /// The element type.
  public var dtype: DType
  /// The size: n for an n×n matmul, the element count otherwise.
  public var size: Int
  /// The best (smallest) wall time of the repetitions, in seconds.
  public var seconds: Double
  /// Floating-point operations of one run (2n³ for matmul).
  public var flops: Int
  /// Bytes of operands and result of one run.
  public var bytes: Int

  /// Achieved GFLOP/s.
  public var gigaflopsPerSecond: Double { Double(flops) / seconds / 1e9 }
  /// Achieved GB/s.
  public var gigabytesPerSecond: Double { Double(bytes) / seconds / 1e9 }
  /// FLOPs per byte.
  public var arithmeticIntensity: Double { Double(flops) / Double(bytes) }

  /// One JSON object on one line:
  /// `{"op":"matmul","dtype":"float32","size":512,"seconds":…,"gflops":…,"gbps":…}`.
  public var jsonLine: String {
    "{\"op\":\"\(op)\",\"dtype\":\"\(dtype)\",\"size\":\(size),\"seconds\":\(seconds),"
      + "\"gflops\":\(gigaflopsPerSecond),\"gbps\":\(gigabytesPerSecond)}"
  }
}

/// The roofline model of this machine as the benchmark measured it: the
/// best GFLOP/s of any run (the compute roof) and the best GB/s of any
/// memory-bound run (the bandwidth roof).
///
/// An operation of arithmetic intensity I (FLOPs per byte) can reach at
/// most min(peak FLOP/s, I × peak bandwidth): below the ridge point
/// I = peak FLOP/s ÷ bandwidth it is memory-bound, above it compute-bound
/// (Williams, Waterman and Patterson, "Roofline", CACM 2009).
public struct Roofline: Sendable, Equatable {
  /// The compute roof, GFLOP/s.
  public var peakGigaflops: Double
  /// The bandwidth roof, GB/s.
  public var peakGigabytes: Double

  /// The roofs taken from a set of results: the best matmul GFLOP/s and the
  /// best GB/s among the other operations.
  public init(_ results: [BenchmarkResult]) {
    peakGigaflops = results.filter { $0.op == "matmul" }.map(\.gigaflopsPerSecond).max() ?? 0
    peakGigabytes = results.filter { $0.op != "matmul" }.map(\.gigabytesPerSecond).max() ?? 0
  }

  /// The intensity where the two roofs meet, FLOPs per byte.
  public var ridgePoint: Double { peakGigabytes == 0 ? 0 : peakGigaflops / peakGigabytes }

  /// The attainable GFLOP/s at `intensity`.
  public func attainable(intensity: Double) -> Double {
    Swift.min(peakGigaflops, intensity * peakGigabytes)
  }

  /// "memory-bound" or "compute-bound", and how close to the roof the
  /// result came: `"memory-bound, 83% of roof"`.
  public func verdict(for result: BenchmarkResult) -> String {
    let bound = result.arithmeticIntensity < ridgePoint ? "memory-bound" : "compute-bound"
    let roof = attainable(intensity: result.arithmeticIntensity)
    let percent = roof == 0 ? 0 : Int((100 * result.gigaflopsPerSecond / roof).rounded())
    return "\(bound), \(percent)% of roof"
  }
}

/// The measurements behind `groundwork bench`: matmul GFLOP/s, element-wise
/// and reduction GB/s on this machine, with a roofline verdict per row.
///
/// Each case is run once to warm up (allocations, page faults, BLAS thread
/// start) and then `repetitions` times; the best time is kept, as the
/// least disturbed by other work on the machine.
public enum Benchmark {
  /// The matmul sizes of the full run (n × n by n × n).
  public static let matmulSizes = [128, 256, 512, 1024, 2048]
  /// The element counts of the element-wise and reduction runs.
  public static let elementCounts = [1_000_000, 10_000_000]

  /// Runs every case: matmul in float32 and float64 at each size, then
  /// add, mul, exp and sum in float32 at each element count.
  ///
  /// - Parameters:
  ///   - matmulSizes: Override for quick runs.
  ///   - elementCounts: Override for quick runs.
  ///   - repetitions: Timed runs per case.
  public static func run(
    matmulSizes: [Int] = matmulSizes, elementCounts: [Int] = elementCounts, repetitions: Int = 5
  ) -> [BenchmarkResult] {
    var results: [BenchmarkResult] = []
    var rng = RandomGenerator(seed: 2024)
    for dtype in [DType.float32, .float64] {
      for n in matmulSizes {
        let a = rng.uniform([n, n], dtype: dtype)
        let b = rng.uniform([n, n], dtype: dtype)
        let seconds = time(repetitions) { _ = matmul(a, b) }
        results.append(BenchmarkResult(
          op: "matmul", dtype: dtype, size: n, seconds: seconds,
          flops: 2 * n * n * n, bytes: 3 * n * n * dtype.byteSize))
      }
    }
    for count in elementCounts {
      let a = rng.uniform([count], in: 0.5..<1.5)
      let b = rng.uniform([count], in: 0.5..<1.5)
      let size = DType.float32.byteSize
      let cases: [(String, Int, Int, () -> Void)] = [
        ("add", count, 3 * count * size, { _ = a + b }),
        ("mul", count, 3 * count * size, { _ = a * b }),
        ("exp", count, 2 * count * size, { _ = a.exp() }),
        ("sum", count, count * size, { _ = a.sum() }),
      ]
      for (op, flops, bytes, body) in cases {
        let seconds = time(repetitions, body)
        results.append(BenchmarkResult(op: op, dtype: .float32, size: count, seconds: seconds, flops: flops, bytes: bytes))
      }
    }
    return results
  }

  /// The BLAS library behind `matmul` as it runs in this process: its
  /// build configuration, the CPU kernels it chose and its thread count,
  /// so that a benchmark can say what it compared.
  public static var blasConfiguration: String { BLAS.configuration }

  /// The results as a table, one row per case, with the roofline verdict
  /// computed from the same results.
  public static func table(_ results: [BenchmarkResult]) -> String {
    let roofline = Roofline(results)
    let header = ["op", "dtype", "size", "ms", "GFLOP/s", "GB/s", "FLOP/B", "verdict"]
    let format = { (value: Double, decimals: Int) in ScalarFormat(style: .fixed(decimals: decimals)).string(for: value) }
    let rows = results.map { r in
      [
        r.op, r.dtype.description, String(r.size), format(r.seconds * 1e3, 3),
        format(r.gigaflopsPerSecond, 1), format(r.gigabytesPerSecond, 1),
        format(r.arithmeticIntensity, 2), roofline.verdict(for: r),
      ]
    }
    let table = [header] + rows
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    let lines = table.map { row in
      row.indices.map { column in
        let fill = String(repeating: " ", count: widths[column] - row[column].count)
        return column < 2 || column == row.count - 1 ? row[column] + fill : fill + row[column]
      }.joined(separator: "  ")
    }
    let summary = "roofs: \(format(roofline.peakGigaflops, 1)) GFLOP/s, \(format(roofline.peakGigabytes, 1)) GB/s; "
      + "ridge point \(format(roofline.ridgePoint, 2)) FLOP/B"
    return (lines + [summary]).joined(separator: "\n")
  }

  /// The best time per call of `body`, over `repetitions` timed batches,
  /// after one warm-up run.
  ///
  /// A batch repeats `body` often enough to last about two milliseconds
  /// (once, for anything slower), so that a sub-microsecond operation on a
  /// small tensor is timed over thousands of calls rather than within the
  /// clock's own resolution and overhead.
  static func time(_ repetitions: Int, _ body: () -> Void) -> Double {
    body()
    let once = seconds(body)
    let calls = once >= 2e-3 ? 1 : Int(2e-3 / Swift.max(once, 1e-9)) + 1
    var best = Double.infinity
    for _ in 0..<Swift.max(1, repetitions) {
      best = Swift.min(best, seconds { for _ in 0..<calls { body() } } / Double(calls))
    }
    return best
  }

  /// The wall time of one run of `body`, in seconds.
  private static func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    body()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }
}
