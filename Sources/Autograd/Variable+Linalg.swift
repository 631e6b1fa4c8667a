import Tensors

extension Variable {
  /// The matrix product, batched over leading axes with broadcasting (both
  /// operands of rank ≥ 2). For C = A·B with upstream gradient G:
  /// dA = G·Bᵀ and dB = Aᵀ·G, each summed back over the batch axes that
  /// broadcasting added (a weight [k, n] shared by a batch [b, m, k]
  /// receives the sum of the batch's gradients).
  public func matmul(_ other: Variable) -> Variable {
    precondition(shape.count >= 2 && other.shape.count >= 2, "matmul of variables needs rank ≥ 2: \(shape) × \(other.shape)")
    let (a, b) = (value, other.value)
    let (shapeA, shapeB) = (shape, other.shape)
    // An input that needs no gradient (a batch of data, a frozen weight)
    // gets none: for the first layer of a network that is a whole matmul
    // saved, as large as the forward one.
    let (needsA, needsB) = (requiresGrad, other.requiresGrad)
    return Variable(Tensors.matmul(a, b), operation: "matmul", inputs: [self, other]) { grad in
      [
        needsA ? reduceToShape(Tensors.matmul(grad, b.transposed(-1, -2)), shapeA) : nil,
        needsB
          ? (shapeB.count == 2 ? sharedMatrixGradient(a, grad) : nil)
            ?? reduceToShape(Tensors.matmul(a.transposed(-1, -2), grad), shapeB) : nil,
      ]
    }
  }

  /// `self · weight + bias` for a batch of rows `[N, in]`, a weight
  /// `[in, out]` and a bias `[out]`: a linear layer as one operation
  /// (PyTorch's `F.linear`, with the weight stored the other way round).
  ///
  /// The same values and gradients as `matmul(weight) + bias`, as one
  /// node that keeps one [N, out] tensor instead of two:
  /// d/dx = g·Wᵀ, d/dW = xᵀ·g, d/db = Σ over rows of g.
  public func linear(weight: Variable, bias: Variable) -> Variable {
    precondition(
      shape.count == 2 && weight.shape.count == 2 && bias.shape == [weight.shape[1]],
      "linear needs x [N, in], W [in, out] and b [out]: \(shape), \(weight.shape), \(bias.shape)")
    let (x, w) = (value, weight.value)
    let (needsX, needsW, needsB) = (requiresGrad, weight.requiresGrad, bias.requiresGrad)
    let (inputShape, biasShape) = (shape, bias.shape)
    return Variable(Tensors.matmul(x, w, adding: bias.value), operation: "linear", inputs: [self, weight, bias]) {
      grad in
      [
        needsX ? reduceToShape(Tensors.matmul(grad, w.transposed()), inputShape) : nil,
        needsW ? Tensors.matmul(x.transposed(), grad) : nil,
        needsB ? reduceToShape(grad, biasShape) : nil,
      ]
    }
  }

  /// The same values in another shape (same count): the gradient is
  /// reshaped back.
  public func reshaped(_ shape: [Int]) -> Variable {
    let original = self.shape
    return Variable(value.reshaped(shape), operation: "reshape", inputs: [self]) { grad in
      [grad.reshaped(original)]
    }
  }

  /// Swaps two axes (the last two by default); the gradient swaps them back.
  public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Variable {
    Variable(value.transposed(axis0, axis1), operation: "transpose", inputs: [self]) { grad in
      [grad.transposed(axis0, axis1)]
    }
  }

  /// Reorders the axes; the gradient goes through the inverse permutation.
  public func permuted(_ axes: [Int]) -> Variable {
    var inverse = [Int](repeating: 0, count: axes.count)
    for (position, axis) in axes.enumerated() { inverse[axis < 0 ? axis + axes.count : axis] = position }
    return Variable(value.permuted(axes), operation: "permute", inputs: [self]) { grad in [grad.permuted(inverse)] }
  }

  /// The rows `indices` of a 2-d value (an embedding lookup). The backward
  /// pass adds each row's gradient into the rows it came from, so a token
  /// that appears twice receives both gradients.
  public func rows(_ indices: [Int]) -> Variable {
    precondition(shape.count == 2, "rows(_:) needs a 2-d value, got \(shape)")
    let (count, width) = (shape[0], shape[1])
    let table = value.scalars(as: Double.self)
    var gathered: [Double] = []
    gathered.reserveCapacity(indices.count * width)
    for index in indices {
      precondition((0..<count).contains(index), "row \(index) is outside 0..<\(count)")
      gathered += table[(index * width)..<((index + 1) * width)]
    }
    let dtype = value.dtype
    return Variable(
      Tensor(gathered, shape: [indices.count, width]).converted(to: dtype), operation: "rows", inputs: [self]
    ) { grad in
      let upstream = grad.scalars(as: Double.self)
      var summed = [Double](repeating: 0, count: count * width)
      for (row, index) in indices.enumerated() {
        for column in 0..<width { summed[index * width + column] += upstream[row * width + column] }
      }
      return [Tensor(summed, shape: [count, width]).converted(to: dtype)]
    }
  }
}

/// The matrix product of two variables; see `Variable.matmul(_:)`.
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
  a.matmul(b)
}

/// The gradient of a single matrix B [k, n] shared by a batch A
/// [..., m, k] (a layer's weight applied to a batch of sequences): Aᵀ·G
/// summed over the batch, computed as one product of the batch's rows
/// stacked, [k, batch·m] · [batch·m, n]. The batched form would first make
/// one k × n product per matrix of the batch and then add them up, a
/// transient as large as batch copies of the weight. Nil when A is a
/// single matrix, or when either operand would have to be copied to be
/// stacked (the batched form reads strided views in place).
func sharedMatrixGradient(_ a: Tensor, _ grad: Tensor) -> Tensor? {
  guard a.rank > 2, grad.rank == a.rank, a.isContiguous, grad.isContiguous else { return nil }
  let (k, n) = (a.shape[a.rank - 1], grad.shape[grad.rank - 1])
  return Tensors.matmul(a.reshaped([-1, k]).transposed(), grad.reshaped([-1, n]))
}
