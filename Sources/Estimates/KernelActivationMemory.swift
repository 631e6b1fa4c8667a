// What the kernel's autograd keeps for the backward pass, op by op.
//
// Korthikanti et al. count the tensors a fused, 16-bit Megatron layer saves.
// Groundwork's autograd is a teaching kernel and keeps far more: every
// operation makes a graph node, and a node holds its output until the graph
// is released after the backward pass. So the activations of a forward pass
// are the outputs of all its operations (views such as reshape of a
// contiguous tensor, permute and transpose allocate nothing), plus the few
// constants an operation makes (the causal mask). In fp32 elements, with
// E = B·S·H, N = B·S rows and H the width:
//
//   Linear with bias        one fused node (x·W + b in one product)       E
//   ReLU                    output                                        E
//   LayerNorm (composite)   mean: sum N, ÷H N; x − mean E; (·)² E;
//                           mean N, N; + ε N; √ N; ÷ E; · γ E; + β E     5E + 6N
//   attention               Q, K, V 3E; Q·Kᵀ, ÷√D, + mask, softmax
//                           4·B·A·S²; the mask S²; A·V E; its reshape
//                           after the permute copies E (a view when S
//                           or A is 1: the permute then moves only an
//                           axis of length 1); W_o E                      6E + 4·B·A·S² + S²
//   Linear(H, 4H) + bias    4E;  GELU (tanh form, nine element-wise
//                           ops on 4E each) 36E;  Linear(4H, H) E
//   two residual additions  2E
//   one transformer block   59E + 12N + 4·B·A·S² + S² (58E when S or A is 1)
//   mean squared error      prediction − target E, (·)² E, mean 1         2E + 1
//
// One exception: a node whose inputs all need no gradient records no
// graph, so its inputs are freed at once. The first block's first
// LayerNorm reads the batch, which needs none: its statistics and
// x − mean (2E + 6N) are freed, only the normalised output onwards is kept.
// (The MLP's first Linear multiplies by a weight, which needs a gradient,
// so nothing is lost there.)
//
// With checkpointing, each hidden layer (MLP) or block (transformer) runs
// without a graph and keeps only its output, E; the MLP's last Linear and
// the loss are not checkpointed. During the backward pass each checkpointed
// stage is run again with a graph, one at a time, so the activation peak is
// what is stored plus one stage's full set: the last stage's, recomputed
// first while everything stored is still alive.

extension KernelModelShape {
  /// Elements one hidden layer (MLP) or block (transformer) keeps for the
  /// backward pass when its input needs a gradient: `2E` (Linear E, ReLU
  /// E) or `59E + 12N + 4·B·A·S² + S²` (58E for one position or one
  /// head).
  var stageActivationElements: Int {
    switch architecture {
    case .mlp: 2 * elements
    case .transformer: 58 * elements + headMergeCopy + 12 * rows + 4 * batch * heads * sequence * sequence + sequence * sequence
    }
  }

  /// The copy attention makes when it merges the heads back into [B, S, H]:
  /// E, except for one position or one head, where the permuted tensor is
  /// already contiguous and the reshape is a view.
  var headMergeCopy: Int {
    sequence > 1 && heads > 1 ? elements : 0
  }

  /// Elements the first stage does not keep because its input, the batch,
  /// needs no gradient: the first LayerNorm's `2E + 6N` (none for the MLP).
  var firstStageSavings: Int {
    architecture == .transformer ? 2 * elements + 6 * rows : 0
  }

  /// Elements kept after the stages: the MLP's last Linear (E) and the
  /// loss (2E + 1).
  var headActivationElements: Int {
    (architecture == .mlp ? elements : 0) + 2 * elements + 1
  }

  /// Elements of activations live at the end of the forward pass.
  ///
  /// - Parameter checkpointing: whether every stage is checkpointed.
  func storedActivationElements(checkpointing: Bool) -> Int {
    if checkpointing { return layers * elements + headActivationElements }
    return layers * stageActivationElements - firstStageSavings + headActivationElements
  }

  /// Elements one recomputed stage adds during the backward pass: the
  /// last stage's full set (the first one's, without its savings, when
  /// there is only one).
  var recomputedStageElements: Int {
    stageActivationElements - (layers == 1 ? firstStageSavings : 0)
  }

  /// The most activation elements live at once over a training step.
  ///
  /// - Parameter checkpointing: whether every stage is checkpointed.
  func peakActivationElements(checkpointing: Bool) -> Int {
    storedActivationElements(checkpointing: checkpointing) + (checkpointing ? recomputedStageElements : 0)
  }
}
