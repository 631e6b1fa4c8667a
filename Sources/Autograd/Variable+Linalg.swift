import Tensors

extension Variable {
  /// The matrix product of 2-d values. For C = A·B with upstream gradient
  /// G: dA = G·Bᵀ and dB = Aᵀ·G (the shapes say which side each goes on).
  public func matmul(_ other: Variable) -> Variable {
    let (a, b) = (value, other.value)
    return Variable(Tensors.matmul(a, b), operation: "matmul", inputs: [self, other]) { grad in
      [Tensors.matmul(grad, b.transposed()), Tensors.matmul(a.transposed(), grad)]
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

  /// The transpose of a 2-d value; its gradient is the transposed gradient.
  public func transposed() -> Variable {
    Variable(value.transposed(), operation: "transpose", inputs: [self]) { grad in [grad.transposed()] }
  }
}

/// The matrix product of two variables; see `Variable.matmul(_:)`.
public func matmul(_ a: Variable, _ b: Variable) -> Variable {
  a.matmul(b)
}
