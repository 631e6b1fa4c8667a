import Synchronization
import Tensors

/// A node of the computation graph: a tensor value, the operation that made
/// it from its inputs, and, after `backward()`, the gradient of the final
/// scalar with respect to it.
///
/// Reverse-mode differentiation in three ideas, the way micrograd teaches it:
/// 1. every operation records its inputs and a closure that turns the
///    gradient of its output into gradients of its inputs (the chain rule
///    for that one operation);
/// 2. `backward()` visits the graph in reverse topological order, so a
///    node's gradient is complete before it is passed on;
/// 3. gradients that reach a node along several paths add up.
///
/// Variables are reference types because the graph is shared: `y = x * x`
/// has one `x` that receives gradient twice. A graph belongs to the thread
/// that built it.
///
/// The mutable properties skip the runtime's exclusivity check
/// (`@exclusivity(unchecked)`): a graph is used by one thread at a time,
/// and on a small network the check on every access was a measurable
/// share of each operation.
public final class Variable {
  /// The value computed in the forward pass.
  @exclusivity(unchecked) public internal(set) var value: Tensor
  /// d(final scalar)/d(this value), filled by `backward()`; nil before, or
  /// for a variable that does not require a gradient.
  @exclusivity(unchecked) public internal(set) var grad: Tensor?
  /// Whether gradients flow to this variable (parameters and everything
  /// computed from them do; constants and detached values do not).
  public let requiresGrad: Bool
  /// A name for graph printouts, e.g. "block0.attn.wq".
  public var name: String?
  /// The operation that produced this variable ("leaf" for inputs).
  public let operation: String

  let inputs: [Variable]
  /// Maps the gradient of this output to one gradient per input (nil for an
  /// input that needs none).
  let backwardRule: ((Tensor) -> [Tensor?])?
  /// The number of the last graph walk that reached this node: a walk
  /// marks what it has seen here instead of hashing every node into a set.
  @exclusivity(unchecked) var lastWalk: UInt64 = 0

  /// A leaf: an input or a parameter.
  ///
  /// - Parameters:
  ///   - value: the tensor.
  ///   - requiresGrad: whether to compute a gradient for it.
  ///   - name: a name for printouts.
  public init(_ value: Tensor, requiresGrad: Bool = false, name: String? = nil) {
    self.value = value
    self.requiresGrad = requiresGrad
    self.name = name
    self.operation = "leaf"
    self.inputs = []
    self.backwardRule = nil
  }

  /// The result of an operation. Outside `withoutGradients` it requires a
  /// gradient when any input does; then `rule` is kept for `backward()`.
  init(_ value: Tensor, operation: String, inputs: [Variable], rule: @escaping (Tensor) -> [Tensor?]) {
    self.value = value
    self.operation = operation
    let tracked = GradientMode.isEnabled && inputs.contains { $0.requiresGrad }
    self.requiresGrad = tracked
    self.inputs = tracked ? inputs : []
    self.backwardRule = tracked ? rule : nil
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// The same value cut from the graph: no gradient flows through it.
  public func detached() -> Variable {
    Variable(value, requiresGrad: false, name: name)
  }

  /// Forgets the gradient, before the next backward pass.
  public func zeroGrad() {
    grad = nil
  }

  /// Computes the gradient of this scalar with respect to every variable
  /// it depends on that requires one, adding to gradients already there
  /// (call `zeroGrad()` between steps, as with PyTorch).
  public func backward() {
    precondition(value.count == 1, "backward() needs a scalar; this value has shape \(value.shape)")
    guard requiresGrad else { return }
    let order = topologicalOrder()
    accumulate(Tensor.ones(value.shape, dtype: value.dtype))
    for node in order.reversed() {
      guard let rule = node.backwardRule, let outputGrad = node.grad else { continue }
      for (input, inputGrad) in zip(node.inputs, rule(outputGrad)) {
        guard input.requiresGrad, let inputGrad else { continue }
        input.accumulate(inputGrad)
      }
      // An intermediate's gradient is not needed once passed on; keeping
      // only the leaves' matches what training needs and frees memory.
      if !node.inputs.isEmpty && node !== self { node.grad = nil }
    }
  }

  func accumulate(_ gradient: Tensor) {
    precondition(
      gradient.shape == value.shape,
      "gradient of shape \(gradient.shape) for a value of shape \(value.shape) (\(operation))")
    let total = grad.map { $0 + gradient } ?? gradient
    // A leaf's gradient lives until the optimizer step; an intermediate's
    // is freed as soon as it is passed on, like any activation.
    grad = inputs.isEmpty ? total.tagged(.gradient) : total
  }

  /// Every node this one depends on, inputs before the nodes that use
  /// them; iterative so that a deep graph cannot overflow the stack.
  func topologicalOrder() -> [Variable] {
    // A number no earlier walk used, so that every node starts unvisited
    // (a walk nested in another one, as checkpointing makes, gets its own).
    let walk = Self.walkCount.add(1, ordering: .relaxed).newValue
    // Room for a small network's graph from the start: growing both
    // arrays one doubling at a time cost more than the walk itself.
    var order: [Variable] = []
    order.reserveCapacity(32)
    var stack: [(Variable, Bool)] = [(self, false)]
    stack.reserveCapacity(32)
    while let (node, expanded) = stack.popLast() {
      if expanded {
        order.append(node)
        continue
      }
      guard node.lastWalk != walk else { continue }
      node.lastWalk = walk
      stack.append((node, true))
      for input in node.inputs where input.lastWalk != walk {
        stack.append((input, false))
      }
    }
    return order
  }

  /// Graph walks started so far, in this process.
  private static let walkCount = Atomic<UInt64>(0)
}

/// Whether operations record the graph. Off inside `withoutGradients`, for
/// evaluation and optimizer steps, where recording would only cost memory.
public enum GradientMode {
  @TaskLocal static var enabledValue = true

  /// Whether `withoutGradients` has ever run in this process. Until it has,
  /// recording is on everywhere, and every operation on a variable can skip
  /// the task-local lookup (a measurable share of an operation on a small
  /// tensor). Set before the first binding and never cleared, so a task
  /// that inherited a binding always looks it up.
  static let everDisabled = Atomic(false)

  /// Whether operations currently record the graph.
  public static var isEnabled: Bool {
    everDisabled.load(ordering: .relaxed) ? enabledValue : true
  }
}

/// Runs `body` without recording the graph (PyTorch's `torch.no_grad()`).
public func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
  GradientMode.everDisabled.store(true, ordering: .relaxed)
  return try GradientMode.$enabledValue.withValue(false, operation: body)
}
