import ArgumentParser
import Tensors

/// `groundwork bench`: what this machine achieves with the kernel: matmul
/// GFLOP/s, element-wise and reduction GB/s, and the roofline verdict of
/// each, for the profiling and kernel-fusion lessons.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure this machine: matmul GFLOP/s, element-wise and reduction GB/s, roofline verdicts.")

  @Flag(help: "Print one JSON object per line: {\"op\", \"dtype\", \"size\", \"seconds\", \"gflops\", \"gbps\"}.")
  var json = false

  @Flag(help: "Small sizes only (matmul up to 256, 1e6 elements): seconds instead of a minute.")
  var quick = false

  func run() throws {
    let results =
      quick
      ? Benchmark.run(matmulSizes: [128, 256], elementCounts: [1_000_000], repetitions: 3)
      : Benchmark.run()
    if json {
      for result in results { print(result.jsonLine) }
    } else {
      print(Benchmark.table(results))
    }
  }
}
