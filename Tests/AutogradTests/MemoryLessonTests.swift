import Autograd
import Estimates
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/10-memory.md, recomputed by
/// the kernel.
@Suite("The memory lesson's numbers")
struct MemoryLessonTests {
  /// The lesson's snippet: an MLP 784 → 256 → 10 trained one step with Adam
  /// on a batch of 64, inside the memory tracker.
  static func oneStep() -> MemoryReport {
    var rng = SplitMix64(seed: 0)
    let (_, report) = withMemoryTracking {
      let model = multilayerPerceptron(sizes: [784, 256, 10], rng: &rng)
      var adam = Adam(model.parameters, learningRate: 1e-3)
      let pixels = (0..<64 * 784).map { _ in rng.nextDouble(in: -1..<1) }
      let images = Variable(Tensor(pixels, shape: [64, 784]).converted(to: .float32))
      let labels = (0..<64).map { $0 % 10 }
      let loss = Loss.crossEntropy(logits: model(images), targets: labels)
      loss.backward()
      adam.step()
      return (model, adam)
    }
    return report
  }

  @Test("the tracker's report for one Adam step")
  func tracker() {
    let report = Self.oneStep()
    print(report)
    let parameters = 784 * 256 + 256 + 256 * 10 + 10
    #expect(parameters == 203_530)
    #expect(report.byTag[.parameter]?.liveBytes == 4 * parameters)
    #expect(report.byTag[.gradient]?.liveBytes == 4 * parameters)
    #expect(report.byTag[.optimizerState]?.liveBytes == 8 * parameters)
    // The rest of the printed table.
    #expect(report.total.liveBytes == 3_256_480 && report.total.peakBytes == 7_584_860)
    #expect(report.total.allocations == 115 && report.total.releases == 99)
    #expect(report.byTag[.parameter]?.peakBytes == 1_627_216 && report.byTag[.parameter]?.releases == 4)
    #expect(report.byTag[.gradient]?.peakBytes == 814_120)
    #expect(report.byTag[.untagged]?.peakBytes == 4_350_988 && report.byTag[.untagged]?.allocations == 115)
    #expect(report.byTag[.untagged]?.releases == 95 && report.byTag[.untagged]?.liveBytes == 0)
    // Nearly two copies of the weights at the peak; 2.33 times the states.
    #expect(1_627_216 - 814_120 == 813_096)
    #expect((Double(7_584_860) / 3_256_480 * 100).rounded() == 233)
  }

  @Test("the estimate for the same model, and the lesson's other figures")
  func estimates() throws {
    let small = try TrainingMemory(parameters: 203_530, optimizer: .adam, precision: .fp32)
    #expect(small.weights == 814_120 && small.gradients == 814_120)
    #expect(small.optimizerStates == 1_628_240 && small.total == 3_256_480)
    let sevenB = try TrainingMemory(parameters: 7_000_000_000, optimizer: .adam, precision: .bf16Mixed)
    #expect(sevenB.weights == 14_000_000_000 && sevenB.optimizerStates == 84_000_000_000)
    #expect(sevenB.total == 112_000_000_000)
    #expect((gibibytes(sevenB.total) * 10).rounded() == 1_043)
    let llama = try TransformerShape(
      layers: 32, hidden: 4_096, heads: 32, sequence: 4_096, vocabulary: 32_000, batch: 1)
    #expect(try llama.perLayerActivationBytes(checkpointing: .off) == 3_254_779_904)
    let mixed = try TrainingMemory(shape: llama, optimizer: .adam, precision: .bf16Mixed)
    #expect(mixed.activations == 104_152_956_928 && mixed.total == 209_625_153_536)
    #expect(llama.parameterCount == 6_592_012_288 && 16 * llama.parameterCount == 105_472_196_608)
    #expect(try llama.activationBytes(checkpointing: .full, precision: .bf16Mixed) == 1_073_741_824)
    let gpt3 = try TransformerShape(
      layers: 96, hidden: 12_288, heads: 96, sequence: 2_048, vocabulary: 51_200, batch: 1)
    #expect(try gpt3.perLayerActivationBytes(checkpointing: .off) == 2_868_903_936)
    #expect(gibibytes(try gpt3.perLayerActivationBytes(checkpointing: .off)) == 2.671875)
    #expect(gibibytes(try gpt3.activationBytes(checkpointing: .off, precision: .bf16Mixed)) == 256.5)
    // GPT-2 small: one sample's activations, its model states.
    let gpt2 = try TransformerShape(layers: 12, hidden: 768, heads: 12, sequence: 1_024, vocabulary: 50_257, batch: 1)
    #expect(try gpt2.activationBytes(checkpointing: .off, precision: .bf16Mixed) == 1_075_838_976)
    #expect(16 * 124_439_808 == 1_991_036_928)
    // ZeRO: 7.5B parameters on 64 GPUs.
    let stages = try ZeROStage.allCases.map { stage in
      try TrainingMemory(
        parameters: 7_500_000_000, optimizer: .adam, precision: .fp16Mixed,
        sharding: ZeROSharding(stage: stage, devices: 64)
      ).total
    }
    #expect(stages == [120_000_000_000, 31_406_250_000, 16_640_625_000, 1_875_000_000])
  }
}
