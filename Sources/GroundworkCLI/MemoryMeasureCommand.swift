import ArgumentParser
import Autograd
import Estimates
import Foundation

/// `groundwork memory measure`: trains a small model with the kernel's
/// autograd for a few steps and prints, component by component, what the
/// estimate predicts beside what the memory tracker counted.
///
/// Options are read as text and checked here, as in `MemoryTrainingCommand`,
/// so that every bad value ends in one line on stderr and exit status 2.
struct MemoryMeasureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "measure",
    abstract: "Train a small model on the CPU kernel and compare measured memory with the estimate.",
    usage: """
      groundwork memory measure [--model mlp|transformer] [--layers L] [--hidden H] [--heads A] [--seq S] \
      [--batch B] [--optimizer O] [--precision fp32] [--checkpointing none|full] [--steps N] [--json]
      """,
    discussion: """
      Builds an MLP (L hidden layers of H units, Linear then ReLU, and a last Linear; \
      every one of the B·S positions is a row) or L pre-norm transformer blocks of \
      width H with A heads, trains it for a few steps on one random batch with mean \
      squared error, and reads the memory tracker: weights, gradients and optimizer \
      states must match the estimate to the byte, activations and the step's peak \
      within 10%. The activation estimate counts what each of the kernel's ops keeps \
      for the backward pass, not a fused kernel's figures (Korthikanti et al. 2022). \
      --checkpointing full wraps every layer or block in checkpoint and also measures \
      the run without it, to show what recomputation saves. Defaults: transformer, \
      L 4, H 64, A 4, S 32, B 4, adam, fp32, 3 steps.
      """
  )

  @Option(
    name: .customLong("model"), parsing: .unconditional,
    help: ArgumentHelp("mlp or transformer.", valueName: "M"))
  var model: String = "transformer"

  @OptionGroup var size: ModelSizeOptions
  @OptionGroup var tokens: SequenceBatchOptions
  @OptionGroup var setup: TrainingSetupOptions

  @Option(name: .customLong("steps"), parsing: .unconditional, help: ArgumentHelp("Training steps, 2 to 100.", valueName: "N"))
  var steps: String = "3"

  @OptionGroup var output: JSONOutputOption

  @Argument(parsing: .allUnrecognized, help: .private)
  var unrecognized: [String] = []

  /// The largest step the command agrees to train: it runs on this
  /// machine's CPU, and a mistyped size should fail at once, not swap.
  static let largestPeak = 2_000_000_000

  func run() throws {
    let request = try resolve()
    let comparison = MemoryMeasurement.run(request)
    if output.json {
      print(MemoryMeasureReport.json(comparison))
    } else {
      print(MemoryMeasureReport.table(comparison), terminator: "")
    }
  }

  /// The options, checked, with the estimate of the run they ask for.
  func resolve() throws -> MemoryMeasureRequest {
    try ToolboxInput.rejectUnrecognized(unrecognized, command: "memory measure")
    let architecture = try MemoryTrainingCommand.choice(model, flag: "--model", as: KernelModelShape.Architecture.self)
    let optimizerKind = try MemoryTrainingCommand.choice(setup.optimizer ?? "adam", flag: "--optimizer", as: OptimizerKind.self)
    if optimizerKind == .adam8bit {
      throw CLIError("--optimizer adam-8bit: the kernel has no 8-bit Adam; use sgd, momentum, adam or adamw")
    }
    let trainingPrecision = try MemoryTrainingCommand.choice(setup.precision ?? "fp32", flag: "--precision", as: TrainingPrecision.self)
    if trainingPrecision != .fp32 {
      throw CLIError("--precision \(trainingPrecision.rawValue.debugDescription): memory measure trains in fp32 only")
    }
    let recompute = try MemoryTrainingCommand.choice(
      setup.checkpointing ?? "none", flag: "--checkpointing", as: ActivationCheckpointing.self)
    if recompute == .selective {
      throw CLIError("--checkpointing selective: the kernel checkpoints whole layers; use none or full")
    }
    let stepCount = try ToolboxInput.integer(steps, flag: "--steps", minimum: 2)
    // Every step after the second repeats the second's memory exactly; more
    // only cost time (and the tracker's log, which keeps every event).
    guard stepCount <= 100 else { throw CLIError("--steps must be at most 100, not \(stepCount)") }
    let headCount = try ToolboxInput.integer(size.heads ?? "4", flag: "--heads")
    let layerCount = try ToolboxInput.integer(size.layers ?? "4", flag: "--layers")
    let width = try ToolboxInput.integer(size.hidden ?? "64", flag: "--hidden")
    let length = try ToolboxInput.integer(tokens.sequence ?? "32", flag: "--seq")
    let sequences = try ToolboxInput.integer(tokens.batch ?? "4", flag: "--batch")
    let shape: KernelModelShape
    do {
      shape = try KernelModelShape(
        architecture: architecture, layers: layerCount, hidden: width, heads: headCount, sequence: length,
        batch: sequences)
    } catch {
      throw CLIError(error.description)
    }
    let estimate: KernelTrainingMemory
    var baseline: KernelTrainingMemory?
    do {
      estimate = try KernelTrainingMemory(shape: shape, optimizer: optimizerKind, checkpointing: recompute == .full)
      if recompute == .full {
        baseline = try KernelTrainingMemory(shape: shape, optimizer: optimizerKind, checkpointing: false)
      }
    } catch {
      throw CLIError(error.description)
    }
    let largest = max(estimate.peak, baseline?.peak ?? 0)
    if largest > Self.largestPeak {
      throw CLIError(
        "this model needs about \(MemoryReport.grouped(largest)) bytes per step; memory measure trains "
          + "on the CPU and stops at \(MemoryReport.grouped(Self.largestPeak)): lower --hidden, --seq, --batch or --layers")
    }
    guard let probeOptimizer = TrainingMemoryProbe.OptimizerChoice(rawValue: optimizerKind.rawValue) else {
      preconditionFailure("every optimizer but adam-8bit has a probe counterpart")
    }
    return MemoryMeasureRequest(
      shape: shape, optimizer: optimizerKind, probeOptimizer: probeOptimizer, steps: stepCount, estimate: estimate,
      baselineEstimate: baseline)
  }
}
