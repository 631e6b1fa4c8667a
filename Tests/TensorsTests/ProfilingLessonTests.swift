import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/12-profiling.md, recomputed
/// by the kernel.
@Suite("The profiling lesson's numbers")
struct ProfilingLessonTests {
  /// GELU's tanh form, one kernel operation per step, as an unfused
  /// framework runs it: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
  static func gelu(_ x: Tensor) -> Tensor {
    let cube = x * x * x
    let inner = (x + cube * 0.044715) * 0.7978845608028654
    return x * (inner.tanh() + 1) * 0.5
  }

  @Test("the profiler's bytes for an unfused GELU over a million floats")
  func unfusedGelu() {
    var rng = RandomGenerator(seed: 1)
    let x = rng.uniform([1_000_000], in: -3..<3)
    let (_, report) = profile { _ = Self.gelu(x) }
    let moved = { (name: String) in report[name].map { $0.bytesRead + $0.bytesWritten } }
    // Each tensor-tensor product reads 8 MB and writes 4 MB; each operation
    // with a scalar reads 4 MB and the 4-byte scalar and writes 4 MB.
    #expect(report["*"]?.calls == 6 && moved("*") == 60_000_012)
    #expect(report["+"]?.calls == 2 && moved("+") == 20_000_004)
    #expect(report["tanh"]?.calls == 1 && moved("tanh") == 8_000_000)
    #expect(report.ops.reduce(0) { $0 + $1.bytesRead + $1.bytesWritten } == 88_000_016)
    #expect(report.ops.reduce(0) { $0 + $1.flops } == 9_000_000)
    // Fused: read x once, write the result once, 11 times less.
    #expect(88_000_016 / (2 * 4 * 1_000_000) == 11)
  }
}
