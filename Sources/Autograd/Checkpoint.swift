import Tensors

/// Gradient checkpointing (Chen et al. 2016): runs `body` without keeping
/// its intermediate activations, and runs it again during the backward pass
/// to get them back. Memory for the scope's activations drops to its
/// inputs and output; the price is one more forward pass of the scope.
///
/// ```swift
/// let y = checkpoint(x, parameters: block.parameters) { block($0) }
/// ```
///
/// - Parameters:
///   - input: the scope's input.
///   - parameters: the parameters `body` uses; they receive their
///     gradients when the scope is recomputed.
///   - body: a function of the input only (apart from `parameters`); it must
///     compute the same thing twice (seeded dropout, not a fresh draw).
public func checkpoint(_ input: Variable, parameters: [Variable], _ body: @escaping (Variable) -> Variable) -> Variable {
  let output = withoutGradients { body(input.detached()) }
  let tracked = GradientMode.isEnabled && (input.requiresGrad || parameters.contains { $0.requiresGrad })
  guard tracked else { return output }
  let value = output.value
  return Variable(value, operation: "checkpoint", inputs: [input] + parameters) { grad in
    // Recompute with a graph, then pass the upstream gradient through it:
    // the parameters accumulate their gradients here directly.
    let replayInput = Variable(input.value, requiresGrad: input.requiresGrad)
    let replayed = body(replayInput)
    (replayed * Variable(grad)).sum().backward()
    return [replayInput.grad] + parameters.map { _ in nil }
  }
}
