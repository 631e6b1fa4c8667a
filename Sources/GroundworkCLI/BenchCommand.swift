import ArgumentParser
import Foundation
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

  @Option(parsing: .upToNextOption, help: "The n of the n×n matmuls, instead of the default sizes.")
  var matmulSizes: [Int] = []

  @Option(parsing: .upToNextOption, help: "The element counts of add, mul, exp and sum, instead of the defaults.")
  var elementCounts: [Int] = []

  @Option(help: "Timed batches per case; the best is kept.")
  var repetitions: Int?

  func validate() throws {
    if (matmulSizes + elementCounts).contains(where: { $0 < 1 }) {
      throw ValidationError("Sizes must be positive integers.")
    }
    if let repetitions, repetitions < 1 {
      throw ValidationError("--repetitions must be at least 1, got \(repetitions).")
    }
  }

  func run() throws {
    let sizes = matmulSizes.isEmpty ? (quick ? [128, 256] : Benchmark.matmulSizes) : matmulSizes
    let counts = elementCounts.isEmpty ? (quick ? [1_000_000] : Benchmark.elementCounts) : elementCounts
    let results = Benchmark.run(
      matmulSizes: sizes, elementCounts: counts, repetitions: repetitions ?? (quick ? 3 : 5))
    if json {
      // The BLAS line goes to standard error so that standard output stays
      // one JSON object per line.
      FileHandle.standardError.write(Data("groundwork: \(Benchmark.blasConfiguration)\n".utf8))
      for result in results { print(result.jsonLine) }
    } else {
      print(Benchmark.table(results))
      print("BLAS: \(Benchmark.blasConfiguration)")
    }
  }
}
