import Groundwork

/// Grades the learner's model-state bytes for training (Lessons/1-foundation,
/// the memory lesson): weights, gradients and optimizer states, ZeRO's
/// accounting (16 bytes per parameter for mixed-precision Adam).
///
/// Reference: `Estimates.TrainingMemory(parameters:optimizer:precision:)`
/// `.total`. Tolerance: exact.
///
/// Every optimizer is tried in every precision, on GPT-2 small's
/// 124,439,808 parameters, 7B, 70B and seeded sizes. Named mistakes: Adam
/// with one moment, mixed precision without the fp32 master copy, Bekman's
/// 18 bytes (fp32 gradients and both weight copies), the weights alone,
/// gradients left out, 8-bit Adam counted as Adam, and the optimizer's
/// state left out.
public struct ModelStateBytesGrader: Grader {
  public static let name = "memory.model-states"
  public static let entryPoints = [
    EntryPoint(
      "modelStateBytes",
      [.init("parameters", "Int"), .init("optimizer", "String"), .init("mixedPrecision", "Bool")],
      returns: "Int")
  ]
  public static let forbiddenSymbols = [
    "TrainingMemory", "stateBytesPerParameter", "modelStateBytesPerParameter", "ownStateBytesPerParameter",
    "weightBytesPerParameter", "gradientBytesPerParameter",
  ]

  /// The learner's function.
  let implementation: (Int, String, Bool) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, String, Bool) -> Int).self)
  }

  /// One setting.
  struct Setting: Sendable {
    var parameters: Int
    var optimizer: OptimizerKind
    var precision: TrainingPrecision

    var description: String {
      "parameters \(parameters), optimizer \"\(optimizer.rawValue)\", mixedPrecision \(precision.isMixed)"
    }

    var expected: Int {
      // Every size graded here is far below the overflow limit.
      (try? TrainingMemory(parameters: parameters, optimizer: optimizer, precision: precision).total) ?? -1
    }
  }

  static let optimizers: [OptimizerKind] = [.sgd, .momentum, .adam, .adamw, .adam8bit]
  static let precisions: [TrainingPrecision] = [.fp32, .bf16Mixed]

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    func every(_ parameters: Int) -> [Setting] {
      Self.precisions.flatMap { precision in
        Self.optimizers.map { Setting(parameters: parameters, optimizer: $0, precision: precision) }
      }
    }
    let seeded = (0..<40).map { _ in
      Setting(
        parameters: rng.nextInt(in: 1_000...200_000_000_000), optimizer: Self.optimizers[rng.nextInt(in: 0...4)],
        precision: Self.precisions[rng.nextInt(in: 0...1)])
    }
    return [
      compare("7B parameters, Adam, bf16 mixed precision", [Setting(parameters: 7_000_000_000, optimizer: .adam, precision: .bf16Mixed)], seed: seed),
      compare("7B parameters, Adam, fp32", [Setting(parameters: 7_000_000_000, optimizer: .adam, precision: .fp32)], seed: seed),
      compare("GPT-2 small, every optimizer in every precision", every(124_439_808), seed: seed),
      compare("70B parameters, every optimizer in every precision", every(70_000_000_000), seed: seed),
      compare("40 seeded sizes from 1,000 to 200B parameters", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ settings: [Setting], seed: UInt64) -> Check {
    let tried = settings.count == 1 ? settings[0].description : "\(settings.count) settings, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for setting in settings {
        let expected = setting.expected
        let got = implementation(setting.parameters, setting.optimizer.rawValue, setting.precision.isMixed)
        if got == expected { continue }
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.value(setting)
          return value == got && value != expected
        }
        let text = diagnosis?.message ?? "the byte count differs."
        return .failed(
          expected: "\(expected)", got: "\(got)", message: "At \(setting.description): \(text)",
          hint: diagnosis?.hint
            ?? "Per parameter: weights (4 fp32, 2 mixed) + gradients (the same) + the optimizer's own state (0, 4, 8 or 2) + 4 for the fp32 master copy in mixed precision.")
      }
      return .passed
    }
  }

  /// The answers common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case oneMoment, noMasterCopy, bekman, weightsOnly, noGradients, eightBitAsAdam, noOptimizer

    func value(_ s: Setting) -> Int {
      let mixed = s.precision.isMixed
      let weight = mixed ? 2 : 4
      let own: Int
      switch s.optimizer {
      case .sgd: own = 0
      case .momentum: own = 4
      case .adam, .adamw: own = self == .oneMoment ? 4 : 8
      case .adam8bit: own = self == .eightBitAsAdam ? 8 : 2
      }
      let master = mixed ? 4 : 0
      let perParameter: Int
      switch self {
      case .oneMoment, .eightBitAsAdam: perParameter = 2 * weight + own + master
      case .noMasterCopy: perParameter = 2 * weight + own
      case .bekman: perParameter = mixed ? 2 + 4 + 4 + own : 8 + own
      case .weightsOnly: perParameter = weight
      case .noGradients: perParameter = weight + own + master
      case .noOptimizer: perParameter = 2 * weight
      }
      return perParameter * s.parameters
    }

    var message: String {
      switch self {
      case .oneMoment: "this counts one moment for Adam; Adam keeps two, m and v, 8 bytes per parameter in fp32."
      case .noMasterCopy:
        "this leaves out the fp32 master copy of the weights that mixed precision keeps for the optimizer (4 bytes per parameter)."
      case .bekman:
        "this is Bekman's 18-byte accounting (fp32 gradients, both weight copies); this exercise counts ZeRO's: 16-bit gradients."
      case .weightsOnly: "this is the weights alone."
      case .noGradients: "this leaves out the gradients."
      case .eightBitAsAdam: "this counts 8-bit Adam as full Adam; its two moments take 1 byte each."
      case .noOptimizer: "this is weights and gradients only, without the optimizer's state."
      }
    }

    var hint: String {
      switch self {
      case .oneMoment, .eightBitAsAdam, .noOptimizer:
        "Optimizer state per parameter: SGD 0, momentum 4, Adam and AdamW 8 (m and v in fp32), 8-bit Adam 2."
      case .noMasterCopy:
        "In mixed precision the optimizer updates an fp32 copy of the weights: add 4 bytes per parameter. Mixed Adam totals 16."
      case .bekman:
        "Count 16-bit weights (2) and 16-bit gradients (2) in mixed precision; the fp32 copy goes with the optimizer (4)."
      case .weightsOnly, .noGradients:
        "Training keeps weights, gradients and optimizer states: three terms per parameter."
      }
    }
  }
}
