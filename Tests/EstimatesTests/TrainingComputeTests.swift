import Estimates
import Testing
import _TestSupport

@Suite("TrainingCompute: 6·N·D, Chinchilla, time to train, MFU")
struct TrainingComputeTests {
  @Test("Chinchilla, 70B parameters on 1.4T tokens: 5.88e23 FLOPs, 2ND forward and 4ND backward")
  func chinchilla() throws {
    let compute = try TrainingCompute(parameters: 70_000_000_000, tokens: 1_400_000_000_000)
    #expect(compute.totalFLOPs == 5.88e23)
    #expect(compute.forwardFLOPs == 1.96e23)
    #expect(compute.backwardFLOPs == 3.92e23)
    #expect(compute.forwardFLOPs + compute.backwardFLOPs == compute.totalFLOPs)
    #expect(compute.recomputedFLOPs == 7.84e23)
    // Chinchilla itself is the 20-tokens-per-parameter rule.
    #expect(try TrainingCompute.chinchillaTokens(parameters: 70_000_000_000) == 1_400_000_000_000)
  }

  @Test("GPT-3, 175B parameters on 300B tokens: 3.15e23 FLOPs ≈ 3,646 PF-days (Brown et al. 2020 table D.1: 3.14e23)")
  func gpt3() throws {
    let compute = try TrainingCompute(parameters: 175_000_000_000, tokens: 300_000_000_000)
    #expect(compute.totalFLOPs == 3.15e23)
    let petaflopDays = compute.totalFLOPs / (1e15 * secondsPerDay)
    expectClose(petaflopDays, 3646, absolute: 0.5)
    expectClose(compute.totalFLOPs / 3.14e23, 1, absolute: 0.005)
  }

  @Test("5.88e23 FLOPs on 1,024 A100s (312 TFLOPS bf16) at 40% MFU ≈ 53.3 days")
  func daysOnA100s() throws {
    let peak = try DeviceSpec.a100SXM80GB.peak(.bf16)
    #expect(peak == 312e12)
    let seconds = try trainingSeconds(flops: 5.88e23, devices: 1024, peak: peak, utilization: 0.4)
    expectClose(seconds / secondsPerDay, 53.3, absolute: 0.05)
    expectClose(seconds, 5.88e23 / (1024 * 312e12 * 0.4), absolute: 1e-6)
  }

  @Test("at Gopher's budget, 5.76e23 FLOPs, the 20-token rule gives Chinchilla's 70B and 1.4T within 1.1%")
  func computeOptimal() throws {
    let (parameters, tokens) = try TrainingCompute.chinchillaOptimal(flops: 5.76e23)
    expectClose(parameters / 70e9, 1, absolute: 0.011)
    expectClose(tokens / 1.4e12, 1, absolute: 0.011)
    expectClose(6 * parameters * tokens, 5.76e23, absolute: 1e9)
    #expect(tokens / parameters == 20)
  }

  @Test("MFU: 7B parameters at 3,000 tokens/s per A100 (312 TFLOPS) is 40.4%")
  func mfu() throws {
    let mfu = try modelFLOPsUtilization(parameters: 7_000_000_000, tokensPerSecond: 3000, devices: 1, peak: 312e12)
    expectClose(mfu, 0.404, absolute: 0.0005)
    let eight = try modelFLOPsUtilization(parameters: 7_000_000_000, tokensPerSecond: 24000, devices: 8, peak: 312e12)
    #expect(eight == mfu)
  }

  @Test("bad inputs are one-line errors")
  func errors() {
    #expect(throws: EstimateError.notPositive(name: "tokens", value: 0)) {
      try TrainingCompute(parameters: 1, tokens: 0)
    }
    #expect(throws: EstimateError.outOfRange(name: "utilization", value: 1.5, range: "(0, 1]")) {
      try trainingSeconds(flops: 1e20, devices: 8, peak: 312e12, utilization: 1.5)
    }
    #expect(throws: EstimateError.outOfRange(name: "utilization", value: 0, range: "(0, 1]")) {
      try trainingSeconds(flops: 1e20, devices: 8, peak: 312e12, utilization: 0)
    }
    #expect(throws: EstimateError.notPositive(name: "devices", value: 0)) {
      try trainingSeconds(flops: 1e20, devices: 0, peak: 312e12, utilization: 0.5)
    }
    #expect(throws: EstimateError.overflow(quantity: "the Chinchilla token count")) {
      try TrainingCompute.chinchillaTokens(parameters: Int.max / 10)
    }
    #expect(!EstimateError.outOfRange(name: "mfu", value: 2, range: "(0, 1]").description.contains("\n"))
  }
}
