import Tensors

/// A few training steps of a small model, run under the memory tracker so
/// that every byte a training step holds is counted by what it is for.
///
/// The probe is the measured half of `groundwork memory measure`: it builds
/// an MLP or a stack of transformer blocks, trains it on one random batch
/// for a few steps, and reads the tracker's report. Every storage is tagged
/// where it is made:
///
/// - the parameters are `.parameter` (the layers tag them), their gradients
///   `.gradient` (`backward()` tags a leaf's gradient), the optimizer's
///   buffers `.optimizerState` (the optimizers tag them);
/// - everything the forward pass allocates is `.activation`, including the
///   recomputation a checkpointed block does during the backward pass (the
///   checkpointed closure sets the tag itself, because it runs inside
///   `backward()`);
/// - everything else the backward pass and the optimizer allocate
///   (gradients of intermediate values, scratch results) is `.temporary`;
/// - the random batch, inputs and targets, is `TrainingMemoryProbe.batchTag`.
///
/// ```swift
/// let probe = TrainingMemoryProbe(
///   architecture: .transformer, layers: 2, hidden: 32, heads: 4, sequence: 16, batch: 2, optimizer: .adam)
/// let measured = probe.run()
/// measured.optimizerStates  // 8 bytes per parameter for Adam
/// ```
public struct TrainingMemoryProbe: Sendable {
  /// The model the probe trains.
  public enum Architecture: String, Sendable, CaseIterable {
    /// `layers` hidden layers of `hidden` units, each Linear then ReLU,
    /// and a last Linear back to `hidden` outputs; every one of the
    /// `batch · sequence` positions is one row.
    case mlp
    /// `layers` pre-norm `TransformerBlock`s of width `hidden` with
    /// `heads` heads over `batch` sequences of `sequence` positions.
    case transformer
  }

  /// The optimizers the probe can train with, PyTorch's defaults otherwise.
  public enum OptimizerChoice: String, Sendable, CaseIterable {
    /// `SGD` without momentum: no state.
    case sgd
    /// `SGD` with momentum 0.9: one velocity buffer per parameter.
    case momentum
    /// `Adam`: two moments per parameter.
    case adam
    /// `Adam.adamW` (weight decay 0.01): two moments per parameter.
    case adamw
  }

  /// The tag of the batch's storage (inputs and targets).
  public static let batchTag = MemoryTag("batch")

  /// MLP or transformer.
  public var architecture: Architecture
  /// Hidden layers (MLP) or transformer blocks.
  public var layers: Int
  /// Width of every layer (the transformer's model dimension).
  public var hidden: Int
  /// Attention heads (transformer only; must divide `hidden`).
  public var heads: Int
  /// Positions per sequence.
  public var sequence: Int
  /// Sequences per batch.
  public var batch: Int
  /// How the parameters are updated.
  public var optimizer: OptimizerChoice
  /// Whether each hidden layer (MLP) or block (transformer) is wrapped in
  /// `checkpoint`, keeping only its input and output.
  public var checkpointing: Bool
  /// Training steps; at least 2, so that the last step starts with the
  /// optimizer's state already allocated, as every later step does.
  public var steps: Int
  /// Seeds the weights and the batch.
  public var seed: UInt64

  /// A probe of `architecture`; `heads` is ignored for the MLP.
  public init(
    architecture: Architecture, layers: Int, hidden: Int, heads: Int = 1, sequence: Int, batch: Int,
    optimizer: OptimizerChoice, checkpointing: Bool = false, steps: Int = 3, seed: UInt64 = 0
  ) {
    precondition(layers >= 1 && hidden >= 1 && sequence >= 1 && batch >= 1, "probe sizes must be positive")
    precondition(architecture == .mlp || (heads >= 1 && hidden % heads == 0), "\(heads) heads do not divide \(hidden)")
    precondition(steps >= 2, "a probe needs at least 2 steps, got \(steps)")
    self.architecture = architecture
    self.layers = layers
    self.hidden = hidden
    self.heads = heads
    self.sequence = sequence
    self.batch = batch
    self.optimizer = optimizer
    self.checkpointing = checkpointing
    self.steps = steps
    self.seed = seed
  }

  /// Builds the model, trains it for `steps` steps and returns what the
  /// tracker counted.
  public func run() -> TrainingMemoryMeasurement {
    let (trained, report) = withMemoryTracking { () -> (ProbeModel, any Optimizer, Tensor, Tensor) in
      var rng = SplitMix64(seed: seed)
      let shape = architecture == .mlp ? [batch * sequence, hidden] : [batch, sequence, hidden]
      let (input, target) = withMemoryTag(Self.batchTag) {
        (randomNormal(shape, rng: &rng), randomNormal(shape, rng: &rng))
      }
      let model = makeModel(rng: &rng)
      var optimizer = makeOptimizer(model.parameters)
      for _ in 0..<steps {
        optimizer.zeroGrad()
        trainingPass(model, input: Variable(input), target: target)
        withMemoryTag(.temporary) { optimizer.step() }
      }
      // Returned, so that they are still alive when the report is taken:
      // the last step's gradients and the states are what a next step
      // starts with.
      return (model, optimizer, input, target)
    }
    let live = { (tag: MemoryTag) in report.byTag[tag]?.liveBytes ?? 0 }
    return TrainingMemoryMeasurement(
      parameters: trained.0.parameterCount, weights: live(.parameter), gradients: live(.gradient),
      optimizerStates: live(.optimizerState), batch: live(Self.batchTag),
      activations: report.byTag[.activation]?.peakBytes ?? 0, peak: report.total.peakBytes)
  }

  /// One forward and backward pass. The graph, and with it every
  /// activation, is released when this returns, before the optimizer
  /// step: what PyTorch's `backward()` does when it frees the graph.
  private func trainingPass(_ model: ProbeModel, input: Variable, target: Tensor) {
    let loss = withMemoryTag(.activation) { Loss.meanSquaredError(model.forward(input), target) }
    withMemoryTag(.temporary) { loss.backward() }
  }

  private func makeModel(rng: inout SplitMix64) -> ProbeModel {
    let stages: [any Layer]
    let head: (any Layer)?
    switch architecture {
    case .mlp:
      var layers: [any Layer] = []
      for _ in 0..<self.layers {
        layers.append(Sequential([Linear(inputs: hidden, outputs: hidden, rng: &rng), Activation.relu]))
      }
      stages = layers
      head = Linear(inputs: hidden, outputs: hidden, rng: &rng)
    case .transformer:
      var blocks: [any Layer] = []
      for _ in 0..<layers { blocks.append(TransformerBlock(features: hidden, heads: heads, rng: &rng)) }
      stages = blocks
      head = nil
    }
    return ProbeModel(stages: stages, head: head, checkpointing: checkpointing)
  }

  private func makeOptimizer(_ parameters: [Variable]) -> any Optimizer {
    switch optimizer {
    case .sgd: SGD(parameters, learningRate: 1e-3)
    case .momentum: SGD(parameters, learningRate: 1e-3, momentum: 0.9)
    case .adam: Adam(parameters)
    case .adamw: Adam.adamW(parameters)
    }
  }

  private func randomNormal(_ shape: [Int], rng: inout SplitMix64) -> Tensor {
    Tensor((0..<shape.reduce(1, *)).map { _ in Float(rng.nextNormal()) }, shape: shape)
  }
}

/// The probe's model: stages that checkpointing wraps one by one, then an
/// optional head that it does not (the MLP's last Linear).
private final class ProbeModel {
  let stages: [any Layer]
  let head: (any Layer)?
  let checkpointing: Bool

  init(stages: [any Layer], head: (any Layer)?, checkpointing: Bool) {
    self.stages = stages
    self.head = head
    self.checkpointing = checkpointing
  }

  var parameters: [Variable] { (stages + (head.map { [$0] } ?? [])).flatMap(\.parameters) }
  var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  func forward(_ input: Variable) -> Variable {
    var x = input
    for stage in stages {
      if checkpointing {
        // The recomputation runs inside backward(), under the backward
        // pass's tag; setting the tag here counts it as what it is.
        x = checkpoint(x, parameters: stage.parameters) { input in withMemoryTag(.activation) { stage(input) } }
      } else {
        x = stage(x)
      }
    }
    return head.map { $0(x) } ?? x
  }
}

/// What the tracker counted over a `TrainingMemoryProbe` run, in bytes.
public struct TrainingMemoryMeasurement: Sendable, Equatable {
  /// Numbers in the model's parameters.
  public var parameters: Int
  /// Live `.parameter` bytes after the last step.
  public var weights: Int
  /// Live `.gradient` bytes after the last step: the parameters' gradients.
  public var gradients: Int
  /// Live `.optimizerState` bytes after the last step.
  public var optimizerStates: Int
  /// Live bytes of the batch (inputs and targets).
  public var batch: Int
  /// The most `.activation` bytes live at once: everything the forward pass
  /// keeps for the backward pass, plus, with checkpointing, one block's
  /// recomputation.
  public var activations: Int
  /// The most bytes live at once, all tags together, over the run. Every
  /// step after the first starts from the same memory (weights, states,
  /// batch), so this is the peak of one training step.
  public var peak: Int
}
