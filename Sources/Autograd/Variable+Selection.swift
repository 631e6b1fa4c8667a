import Tensors

extension Variable {
  /// `a` where `condition` is true and `b` elsewhere (broadcasting); the
  /// gradient goes to the branch that was chosen, element by element.
  public static func `where`(_ condition: Tensor, _ a: Variable, _ b: Variable) -> Variable {
    let (shapeA, shapeB) = (a.shape, b.shape)
    return Variable(Tensor.where(condition, a.value, b.value), operation: "where", inputs: [a, b]) { grad in
      let zeros = Tensor.zeros(grad.shape, dtype: grad.dtype)
      return [
        reduceToShape(Tensor.where(condition, grad, zeros), shapeA),
        reduceToShape(Tensor.where(condition, zeros, grad), shapeB),
      ]
    }
  }

  /// The maximum along `axis`. The gradient is shared equally by the
  /// elements that attain it (like PyTorch's `amax`), so a tie does not
  /// send the whole gradient to an arbitrary one of them.
  public func max(axis: Int, keepDims: Bool = false) -> Variable {
    extremum(axis: axis, keepDims: keepDims, operation: "max") { $0.max(axis: $1, keepDims: true) }
  }

  /// The minimum along `axis`, with the gradient shared among ties.
  public func min(axis: Int, keepDims: Bool = false) -> Variable {
    extremum(axis: axis, keepDims: keepDims, operation: "min") { $0.min(axis: $1, keepDims: true) }
  }

  private func extremum(
    axis: Int, keepDims: Bool, operation: String, _ reduce: (Tensor, Int) -> Tensor
  ) -> Variable {
    let x = value
    let resolved = axis < 0 ? axis + x.rank : axis
    let kept = reduce(x, resolved)
    let result = keepDims ? kept : kept.squeezed([resolved])
    return Variable(result, operation: operation, inputs: [self]) { grad in
      let ones = Tensor.ones(x.shape, dtype: x.dtype)
      let isExtreme = Tensor.where(x .== kept, ones, Tensor.zeros(x.shape, dtype: x.dtype))
      let ties = isExtreme.sum(axis: resolved, keepDims: true)
      let upstream = keepDims ? grad : grad.unsqueezed(at: resolved)
      return [isExtreme * upstream / ties]
    }
  }

  /// Removes axes of length 1 (all of them when `axes` is nil).
  public func squeezed(_ axes: [Int]? = nil) -> Variable {
    let original = shape
    return Variable(value.squeezed(axes), operation: "squeeze", inputs: [self]) { grad in [grad.reshaped(original)] }
  }

  /// Repeats axes of length 1 up to `shape` (a broadcast view); the gradient
  /// sums over the repetitions.
  public func expanded(to shape: [Int]) -> Variable {
    let original = self.shape
    return Variable(value.expanded(to: shape), operation: "expand", inputs: [self]) { grad in
      [reduceToShape(grad, original)]
    }
  }

  /// Values clamped to [lower, upper]; the gradient passes where the value
  /// was inside the range and is 0 where it was clamped.
  public func clamped(min lower: Double? = nil, max upper: Double? = nil) -> Variable {
    let x = value
    return Variable(x.clamped(min: lower, max: upper), operation: "clamp", inputs: [self]) { grad in
      var inside = Tensor.ones(x.shape, dtype: .bool)
      if let lower { inside = Tensor.where(x .>= lower, inside, Tensor.zeros(x.shape, dtype: .bool)) }
      if let upper { inside = Tensor.where(x .<= upper, inside, Tensor.zeros(x.shape, dtype: .bool)) }
      return [Tensor.where(inside, grad, Tensor.zeros(x.shape, dtype: grad.dtype))]
    }
  }
}
