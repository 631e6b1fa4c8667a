import Groundwork

/// Grades the learner's largest micro-batch that fits a GPU
/// (Lessons/1-foundation, the memory lesson): bf16 mixed-precision Adam
/// (16 bytes per parameter, ZeRO) plus Korthikanti et al.'s activations for
/// every layer, without recomputation, in a memory of `gpuGiB` × 2^30 bytes.
///
/// Reference: `Estimates.TrainingMemory(parameters:optimizer: .adam,
/// precision: .bf16Mixed).total` for the model states and
/// `TransformerShape.activationBytes(checkpointing: .off, precision:
/// .bf16Mixed)` at batch 1 for one sample's activations, which grow linearly
/// with the batch. Tolerance: exact.
///
/// Named mistakes: GB (10^9) for GiB, one layer's activations instead of
/// L layers', no fp32 master copy (12 bytes per parameter), weights and
/// gradients only (4 bytes), rounding up, and fp32 activations. A model
/// whose states alone do not fit must give 0.
public struct LargestMicroBatchGrader: Grader {
  public static let name = "memory.largest-batch"
  public static let entryPoints = [
    EntryPoint(
      "largestMicroBatch",
      [
        .init("gpuGiB", "Int"), .init("parameters", "Int"), .init("layers", "Int"), .init("sequence", "Int"),
        .init("hidden", "Int"), .init("heads", "Int"),
      ],
      returns: "Int")
  ]
  public static let forbiddenSymbols = ["TrainingMemory", "TransformerShape", "perLayerActivationBytes", "activationBytes"]

  /// The learner's function.
  let implementation: (Int, Int, Int, Int, Int, Int) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, Int, Int, Int, Int, Int) -> Int).self)
  }

  /// One GPU and model.
  struct Setting: Sendable {
    var gpuGiB: Int
    var parameters: Int
    var layers: Int
    var sequence: Int
    var hidden: Int
    var heads: Int

    var description: String {
      "gpuGiB \(gpuGiB), parameters \(parameters), layers \(layers), sequence \(sequence), hidden \(hidden), heads \(heads)"
    }

    /// Model-state bytes and one sample's activation bytes, from the kernel.
    var kernel: (states: Int, perSample: Int) {
      let states = (try? TrainingMemory(parameters: parameters, optimizer: .adam, precision: .bf16Mixed).total) ?? -1
      let shape = try? TransformerShape(
        layers: layers, hidden: hidden, heads: heads, sequence: sequence, vocabulary: 1, batch: 1)
      let perSample = (try? shape?.activationBytes(checkpointing: .off, precision: .bf16Mixed)) ?? -1
      return (states, perSample)
    }

    var expected: Int {
      let (states, perSample) = kernel
      let memory = gpuGiB << 30
      return memory >= states ? (memory - states) / perSample : 0
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let gpt2 = { (gpu: Int) in
      Setting(gpuGiB: gpu, parameters: 124_439_808, layers: 12, sequence: 1_024, hidden: 768, heads: 12)
    }
    let seeded = (0..<40).map { _ in
      let heads = [8, 12, 16, 32][rng.nextInt(in: 0...3)]
      let hidden = heads * 64 * rng.nextInt(in: 1...4)
      let layers = rng.nextInt(in: 4...48)
      let parameters = 12 * layers * hidden * hidden + 50_000 * hidden
      return Setting(
        gpuGiB: [16, 24, 40, 48, 80, 141][rng.nextInt(in: 0...5)], parameters: parameters, layers: layers,
        sequence: [512, 1_024, 2_048][rng.nextInt(in: 0...2)], hidden: hidden, heads: heads)
    }
    return [
      compare("GPT-2 small on an 80 GiB GPU, sequence 1024", [gpt2(80)], seed: seed),
      compare("GPT-2 small on 16, 24 and 40 GiB", [gpt2(16), gpt2(24), gpt2(40)], seed: seed),
      compare(
        "a 6.6B model on 80 GiB: the model states alone do not fit",
        [Setting(gpuGiB: 80, parameters: 6_592_012_288, layers: 32, sequence: 4_096, hidden: 4_096, heads: 32)],
        seed: seed),
      compare(
        "a 1.3B model on 80 GiB at sequence 2048",
        [Setting(gpuGiB: 80, parameters: 1_315_575_808, layers: 24, sequence: 2_048, hidden: 2_048, heads: 16)],
        seed: seed),
      compare("40 seeded models and GPUs", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ settings: [Setting], seed: UInt64) -> Check {
    let tried = settings.count == 1 ? settings[0].description : "\(settings.count) settings, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for setting in settings {
        let expected = setting.expected
        let got = implementation(
          setting.gpuGiB, setting.parameters, setting.layers, setting.sequence, setting.hidden, setting.heads)
        if got == expected { continue }
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.value(setting)
          return value == got && value != expected
        }
        let text = diagnosis?.message ?? "the micro-batch differs."
        return .failed(
          expected: "\(expected)", got: "\(got)", message: "At \(setting.description): \(text)",
          hint: diagnosis?.hint
            ?? "Memory is gpuGiB · 2^30 bytes; subtract 16 bytes per parameter; divide what is left by L · (34·s·h + 5·a·s²) and round down.")
      }
      return .passed
    }
  }

  /// The answers common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case gigabytes, oneLayer, noMasterCopy, weightsAndGradients, roundedUp, fp32Activations

    func value(_ s: Setting) -> Int {
      let perLayer = 34 * s.sequence * s.hidden + 5 * s.heads * s.sequence * s.sequence
      var memory = s.gpuGiB << 30
      var perParameter = 16
      var perSample = s.layers * perLayer
      switch self {
      case .gigabytes: memory = s.gpuGiB * 1_000_000_000
      case .oneLayer: perSample = perLayer
      case .noMasterCopy: perParameter = 12
      case .weightsAndGradients: perParameter = 4
      case .roundedUp: break
      case .fp32Activations: perSample *= 2
      }
      let states = perParameter * s.parameters
      guard memory >= states else { return 0 }
      let left = memory - states
      return self == .roundedUp ? (left + perSample - 1) / perSample : left / perSample
    }

    var message: String {
      switch self {
      case .gigabytes: "this uses GB (10^9 bytes); the GPU's memory is given in GiB, 2^30 bytes each."
      case .oneLayer: "this counts the activations of one layer; every one of the L layers keeps its own."
      case .noMasterCopy: "this counts 12 bytes per parameter, without the fp32 master copy of mixed precision."
      case .weightsAndGradients: "this counts only weights and gradients, 4 bytes per parameter, not Adam's states."
      case .roundedUp: "this rounds up: a micro-batch one larger than this does not fit."
      case .fp32Activations: "this doubles the activations as for fp32; here they are 16-bit (bf16)."
      }
    }

    var hint: String {
      switch self {
      case .gigabytes: "gpuGiB << 30, or gpuGiB * 1_073_741_824."
      case .oneLayer: "One sample's activations are L · (34·s·h + 5·a·s²) bytes."
      case .noMasterCopy, .weightsAndGradients:
        "Mixed-precision Adam keeps 16 bytes per parameter: 2 weights, 2 gradients, 12 for the fp32 master copy, m and v."
      case .roundedUp: "Use integer division, which rounds down."
      case .fp32Activations: "The 34 and the 5 already count 16-bit values."
      }
    }
  }
}
