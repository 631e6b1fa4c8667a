import Grading
import Testing

/// The profiling lesson's graders: a correct implementation written from the
/// lesson passes for every seed, the misconception each grader aims at fails
/// with a message that names it, and a constant answer fails.
@Suite("Matmul roofline grader")
struct MatmulRooflineGraderTests {
  typealias Implementation = (Int, Int, Int, Int, Double, Double) -> (intensity: Double, bound: String)

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try MatmulRooflineGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// The intensity 2mnk / bytes of A, B and C; `bound` picks the bound from the two times.
  static func roofline(bound: @escaping @Sendable (Double, Double) -> String) -> Implementation {
    { m, n, k, bytesPerElement, peak, bandwidth in
      let flops = 2 * Double(m) * Double(n) * Double(k)
      let bytes = Double((m * k + k * n + m * n) * bytesPerElement)
      return (flops / bytes, bound(flops / peak, bytes / bandwidth))
    }
  }

  @Test("the roofline from the lesson passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    let correct = Self.roofline { compute, memory in compute >= memory ? "compute" : "memory" }
    #expect(try verdicts(correct, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("calling every matrix product compute-bound is named")
  func alwaysCompute() throws {
    let results = try verdicts(Self.roofline { _, _ in "compute" })
    #expect(results[0] == .passed)
    #expect(results[1] != .passed)
    #expect(failureMessages(results).contains { $0.contains("this product is memory-bound") })
  }

  @Test("a constant answer fails")
  func constant() throws {
    #expect(try !verdicts { _, _, _, _, _, _ in (intensity: 100, bound: "compute") }.allSatisfy { $0 == .passed })
  }
}

@Suite("Model FLOPs utilization grader")
struct ModelFlopsUtilizationGraderTests {
  typealias Implementation = (Int, Double, Int, Double, Bool) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try ModelFlopsUtilizationGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("6·N per token passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    let correct: Implementation = { parameters, tokensPerSecond, devices, peak, _ in
      6 * Double(parameters) * tokensPerSecond / (Double(devices) * peak)
    }
    #expect(try verdicts(correct, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("counting 8·N with recomputation (HFU) is named")
  func hardwareFlops() throws {
    let results = try verdicts { parameters, tokensPerSecond, devices, peak, recomputes in
      (recomputes ? 8 : 6) * Double(parameters) * tokensPerSecond / (Double(devices) * peak)
    }
    #expect(results[0] == .passed)
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.contains("this counts 8·N per token") })
  }

  @Test("a constant utilization fails")
  func constant() throws {
    #expect(try !verdicts { _, _, _, _, _ in 0.5 }.allSatisfy { $0 == .passed })
  }
}

@Suite("Fusion bytes grader")
struct FusionBytesGraderTests {
  typealias Implementation = (Int, [Int], Int, Bool) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try FusionBytesGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// Tensors moved by the chain; `fusedReadsExtras` false reads only x when fused.
  static func traffic(fusedReadsExtras: Bool) -> Implementation {
    { elements, extraInputs, bytesPerElement, fused in
      let extras = extraInputs.reduce(0, +)
      let tensors: Int
      if fused {
        tensors = 1 + (fusedReadsExtras ? extras : 0) + 1
      } else {
        tensors = extraInputs.reduce(0) { $0 + 1 + $1 + 1 }
      }
      return tensors * elements * bytesPerElement
    }
  }

  @Test("counting reads and writes per the lesson passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    #expect(try verdicts(Self.traffic(fusedReadsExtras: true), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("a fused kernel that skips the extra operands is named")
  func fusedSkipsExtras() throws {
    let results = try verdicts(Self.traffic(fusedReadsExtras: false))
    #expect(results[1] == .passed)
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.contains("the extra operands (bias, residual, mask) still have to be read") })
  }

  @Test("a constant byte count fails")
  func constant() throws {
    #expect(try !verdicts { _, _, _, _ in 0 }.allSatisfy { $0 == .passed })
  }
}
