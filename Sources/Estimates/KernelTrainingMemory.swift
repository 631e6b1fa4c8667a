/// The memory of one fp32 training step of a ``KernelModelShape`` on
/// Groundwork's autograd kernel, in bytes, by component: the prediction
/// `groundwork memory measure` prints beside the memory tracker's count.
///
/// Weights, gradients and optimizer states follow ``OptimizerKind`` in
/// fp32 (4, 4 and 0, 4 or 8 bytes per parameter). The batch is the input
/// and the target, `2·B·S·H` fp32 values. Activations are counted op by op
/// from what the kernel keeps for the backward pass (see
/// `KernelActivationMemory.swift`): far more than Korthikanti et al.'s
/// fused-kernel figures, because every operation of a LayerNorm, a GELU or
/// an attention score keeps its output.
///
/// The step's peak is reached during the backward pass, while every
/// activation is still alive and the gradients are nearly complete:
/// weights + optimizer states + batch + the largest, over a few points of
/// the backward pass, of activations + gradients made so far + the scratch
/// tensors live there. The points, derived from each op's backward rule:
///
/// - the loss's backward, before any gradient exists: the gradient of
///   `(p − t)²`, its two products and their sum (4E), and the seed
///   gradient of the loss (one value);
/// - the MLP's first ReLU, the last layer undone before the first Linear:
///   the upstream gradient and the result (2E values, 3E in a checkpoint's
///   replay); all gradients but the first Linear's `H² + H` exist;
/// - the MLP's first Linear, at its weight gradient: every gradient now
///   exists, next to the upstream gradient (E); the gradient of the batch
///   itself is never made, as the batch needs none;
/// - the transformer's first block, in its GELU's backward at `x·x`: x's
///   gradient so far, the gradient of `x·x`, the two products and their
///   sum (each `4E`), the residual stream's pending gradient (E): 21E; the
///   gradients of both LayerNorms, the attention and the up-projection
///   (`8·H² + 8·H`) are still to come;
/// - the transformer's first block, at its first LayerNorm's γ gradient,
///   the last step of the backward pass: every gradient now exists, next
///   to the LayerNorm's upstream gradient and its products with γ and with
///   the normalised input (E each; `·`'s rule makes both, though the
///   normalised batch needs no gradient), that product summed over the
///   batch on its way to γ's shape (`S·H`) and the loss's seed:
///   `3E + S·H + 1`. It wins for short sequences of wide models, where the
///   gradients outweigh the activations.
///
/// With checkpointing, the first stage is recomputed inside the backward
/// pass, which adds the recomputed output times the upstream gradient and
/// that gradient (2E and two scalars); its activations are those of the
/// first stage, which (for a transformer of two or more blocks) keeps
/// `2E + 6N` less than the last.
///
/// The optimizer step is the last candidate: the graph and its activations
/// are freed by then, every gradient is complete, and the update of the
/// largest parameter tensor (`H²` values in the MLP, `4·H²` in a block's
/// MLP) holds scratch of its own: none for SGD, which updates the weights
/// in place, the new velocity for momentum, five tensors for Adam (the two new moments, m̂, v̂ and the update's
/// terms) and six for AdamW (the decayed weights too), plus a 0-d
/// constant; counted from what the kernel's `SGD` and `Adam` build. It
/// wins for wide, shallow models on small batches, where the weights
/// outweigh the activations.
///
/// Left out: the allocator's own overhead.
///
/// ```swift
/// let shape = try KernelModelShape(
///   architecture: .transformer, layers: 2, hidden: 32, heads: 4, sequence: 16, batch: 2)
/// let memory = try KernelTrainingMemory(shape: shape, optimizer: .adam, checkpointing: false)
/// memory.optimizerStates  // 201_216: 8 bytes for each of 25,152 parameters
/// ```
public struct KernelTrainingMemory: Sendable, Hashable {
  /// The model.
  public let shape: KernelModelShape
  /// The optimizer.
  public let optimizer: OptimizerKind
  /// Whether every hidden layer or block is checkpointed.
  public let checkpointing: Bool
  /// Numbers in the parameters.
  public let parameters: Int
  /// 4 bytes per parameter.
  public let weights: Int
  /// 4 bytes per parameter.
  public let gradients: Int
  /// 0 (sgd), 4 (momentum) or 8 (adam, adamw) bytes per parameter.
  public let optimizerStates: Int
  /// The input and the target: `2·B·S·H` fp32 values.
  public let batch: Int
  /// Activations live at the end of the forward pass.
  public let storedActivations: Int
  /// The most activation bytes live at once: the stored ones, plus one
  /// recomputed stage with checkpointing.
  public let activations: Int
  /// The most bytes live at once during a training step.
  public let peak: Int

  /// The estimate for `shape` trained with `optimizer`.
  ///
  /// - Parameters:
  ///   - shape: the model.
  ///   - optimizer: `sgd`, `momentum`, `adam` or `adamw` (the kernel has no
  ///     8-bit Adam; `adam-8bit` is a programmer error).
  ///   - checkpointing: whether every hidden layer (MLP) or block
  ///     (transformer) is wrapped in the kernel's `checkpoint`.
  /// - Throws: ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public init(shape: KernelModelShape, optimizer: OptimizerKind, checkpointing: Bool) throws(EstimateError) {
    precondition(optimizer != .adam8bit, "the kernel has no 8-bit Adam")
    self.shape = shape
    self.optimizer = optimizer
    self.checkpointing = checkpointing
    let quantity = "the training step's byte count"
    // KernelModelShape's initialiser checked a bound on every count below;
    // the checked operations are a second guard, not the first.
    parameters = shape.parameters
    weights = try checkedProduct(4, parameters, quantity)
    gradients = weights
    optimizerStates = try checkedProduct(optimizer.ownStateBytesPerParameter, parameters, quantity)
    let e = shape.elements
    batch = try checkedProduct(8, e, quantity)
    storedActivations = try checkedProduct(4, shape.storedActivationElements(checkpointing: checkpointing), quantity)
    activations = try checkedProduct(4, shape.peakActivationElements(checkpointing: checkpointing), quantity)

    let (h, hh) = (shape.hidden, shape.hidden * shape.hidden)
    // Activations while the first stage is undone.
    let firstStageActivations =
      activations - (checkpointing && shape.layers > 1 ? 4 * shape.firstStageSavings : 0)
    // What recomputing a checkpointed stage adds to its scratch.
    let replay = checkpointing ? 4 * (2 * e + 2) : 0
    var points: [Int] = [storedActivations + 4 * (4 * e + 1)]  // the loss's backward
    switch shape.architecture {
    case .mlp:
      // In a replay the ReLU's upstream gradient is one more tensor: the
      // product with the checkpoint's gradient that the replayed graph's
      // backward pass makes, beside the two `replay` counts.
      points.append(firstStageActivations + gradients - 4 * (hh + h) + 4 * ((checkpointing ? 3 : 2) * e + 1) + replay)
      points.append(firstStageActivations + gradients + 4 * (e + 1) + replay)
    case .transformer:
      points.append(firstStageActivations + gradients - 4 * (8 * hh + 8 * h) + 4 * (21 * e + 1) + replay)
      points.append(firstStageActivations + gradients + 4 * (3 * e + shape.sequence * h + 1) + replay)
    }
    let largestParameter = shape.architecture == .mlp ? hh : 4 * hh
    points.append(gradients + Self.updateScratch(optimizer, elements: largestParameter))
    peak = try checkedSum([weights, optimizerStates, batch, points.max()!], quantity)
  }

  /// Bytes the kernel's optimizer holds beyond the model states while it
  /// updates one fp32 parameter tensor of `elements` values.
  private static func updateScratch(_ optimizer: OptimizerKind, elements: Int) -> Int {
    switch optimizer {
    case .sgd: 0
    case .momentum: 4 * elements
    case .adam: 4 * (5 * elements + 1)
    case .adamw, .adam8bit: 4 * (6 * elements + 1)
    }
  }
}
