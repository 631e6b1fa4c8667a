/// Which model states ZeRO partitions across the data-parallel devices
/// (Rajbhandari, Rasley, Ruwase and He 2020, "ZeRO: Memory Optimizations
/// Toward Training Trillion Parameter Models", SC 2020, section 5 and
/// figure 1).
///
/// With Ψ parameters, K bytes of optimizer state per parameter and N_d
/// devices, per device (mixed precision: 2 B weights, 2 B gradients):
///
/// | stage | paper | per device | Ψ = 7.5B, K = 12, N_d = 64 |
/// |---|---|---|---|
/// | 0 | baseline | (2 + 2 + K)·Ψ | 120 GB |
/// | 1 | P_os | 2Ψ + 2Ψ + K·Ψ/N_d | 31.4 GB |
/// | 2 | P_os+g | 2Ψ + (2 + K)·Ψ/N_d | 16.6 GB |
/// | 3 | P_os+g+p | (2 + 2 + K)·Ψ/N_d | 1.9 GB |
///
/// The raw values are the stage numbers, as written on the command line.
/// (Stage 0 is ``off``, not `none`, which would read as `Optional.none`
/// wherever a stage is optional.)
public enum ZeROStage: Int, Sendable, Hashable, CaseIterable {
  /// Stage 0, plain data parallelism: every device holds every state.
  case off = 0
  /// P_os: optimizer states (with the fp32 master copy) partitioned.
  case optimizerStates = 1
  /// P_os+g: optimizer states and gradients partitioned.
  case gradients = 2
  /// P_os+g+p: optimizer states, gradients and weights partitioned.
  case parameters = 3

  /// Whether the optimizer states are partitioned (stages 1–3).
  public var partitionsOptimizerStates: Bool { rawValue >= 1 }
  /// Whether the gradients are partitioned (stages 2–3).
  public var partitionsGradients: Bool { rawValue >= 2 }
  /// Whether the weights are partitioned (stage 3).
  public var partitionsWeights: Bool { rawValue >= 3 }
}

/// A ZeRO stage over a number of data-parallel devices: how
/// ``TrainingMemory`` divides the model states.
///
/// A partitioned component takes `⌈bytes / N_d⌉` on each device: the
/// largest shard, where the bytes do not divide evenly. Activations are not
/// partitioned: under data parallelism each device runs its own
/// micro-batch. Not counted: the buffers stage 3 uses to gather one
/// layer's weights at a time, and communication buckets.
public struct ZeROSharding: Sendable, Hashable {
  /// The stage.
  public let stage: ZeROStage
  /// N_d, the number of data-parallel devices, at least 1.
  public let devices: Int

  /// No partitioning on one device: what a single device needs.
  public static let unsharded = ZeROSharding(checkedStage: .off, devices: 1)

  /// A stage over `devices` devices.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when `devices`
  ///   is below 1.
  public init(stage: ZeROStage, devices: Int) throws(EstimateError) {
    guard devices >= 1 else { throw .notPositive(name: "devices", value: devices) }
    self.init(checkedStage: stage, devices: devices)
  }

  private init(checkedStage: ZeROStage, devices: Int) {
    self.stage = checkedStage
    self.devices = devices
  }

  /// `bytes` on one device: `⌈bytes / N_d⌉` when `partitioned`, else all.
  func share(_ bytes: Int, partitioned: Bool) -> Int {
    guard partitioned, devices > 1 else { return bytes }
    return bytes / devices + (bytes % devices == 0 ? 0 : 1)
  }
}
