import Tensors

extension Variable {
  /// The sum of all elements (a scalar): every element's gradient is the
  /// output's gradient.
  public func sum() -> Variable {
    let shape = self.shape
    return Variable(value.sum(), operation: "sum", inputs: [self]) { grad in [broadcast(grad, to: shape)] }
  }

  /// The mean of all elements: like `sum`, divided by the count.
  public func mean() -> Variable {
    let shape = self.shape
    let count = Double(value.count)
    return Variable(value.mean(), operation: "mean", inputs: [self]) { grad in
      [broadcast(grad, to: shape) / count]
    }
  }

  /// The sum along `axis` (negative counts from the end).
  public func sum(axis: Int, keepDims: Bool = false) -> Variable {
    let shape = self.shape
    let resolved = axis < 0 ? axis + shape.count : axis
    return Variable(value.sum(axis: axis, keepDims: keepDims), operation: "sum", inputs: [self]) { grad in
      var kept = shape
      kept[resolved] = 1
      return [broadcast(grad.reshaped(kept), to: shape)]
    }
  }

  /// The mean along `axis`.
  public func mean(axis: Int, keepDims: Bool = false) -> Variable {
    let resolved = axis < 0 ? axis + shape.count : axis
    return sum(axis: axis, keepDims: keepDims) / Double(shape[resolved])
  }
}
