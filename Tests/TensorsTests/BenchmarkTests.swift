import Testing
@testable import Tensors

@Suite struct BenchmarkTests {
  @Test func quickRunHasEveryCaseAndValidNumbers() {
    let results = Benchmark.run(matmulSizes: [16], elementCounts: [1000], repetitions: 1)
    #expect(results.map(\.op) == ["matmul", "matmul", "add", "mul", "exp", "sum"])
    #expect(results[0].flops == 2 * 16 * 16 * 16)
    #expect(results[1].dtype == .float64)
    #expect(results[2].bytes == 3 * 1000 * 4)
    #expect(results.allSatisfy { $0.seconds > 0 && $0.gigaflopsPerSecond > 0 })
    let table = Benchmark.table(results)
    #expect(table.split(separator: "\n").count == results.count + 2)
    #expect(table.contains("bound"))
  }

  @Test func jsonLineHasTheDocumentedKeys() {
    let r = BenchmarkResult(op: "add", dtype: .float32, size: 10, seconds: 0.5, flops: 10, bytes: 120)
    #expect(r.jsonLine == #"{"op":"add","dtype":"float32","size":10,"seconds":0.5,"gflops":2e-08,"gbps":2.4e-07}"#)
  }

  @Test func rooflineVerdictByHand() {
    // Roofs 100 GFLOP/s and 10 GB/s: the ridge is at 10 FLOP/B.
    let mm = BenchmarkResult(op: "matmul", dtype: .float32, size: 1, seconds: 1, flops: 100_000_000_000, bytes: 1_000_000_000)
    let add = BenchmarkResult(op: "add", dtype: .float32, size: 1, seconds: 1, flops: 1_000_000_000, bytes: 10_000_000_000)
    let roofline = Roofline([mm, add])
    #expect(roofline.peakGigaflops == 100)
    #expect(roofline.peakGigabytes == 10)
    #expect(roofline.ridgePoint == 10)
    #expect(roofline.verdict(for: add) == "memory-bound, 100% of roof")
    #expect(roofline.verdict(for: mm) == "compute-bound, 100% of roof")
    let slow = BenchmarkResult(op: "exp", dtype: .float32, size: 1, seconds: 2, flops: 1_000_000_000, bytes: 10_000_000_000)
    #expect(roofline.verdict(for: slow) == "memory-bound, 50% of roof")
  }
}
