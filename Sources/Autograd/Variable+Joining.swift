import Tensors

extension Variable {
  /// The elements `range` along `axis` (a view). The gradient is the
  /// upstream gradient padded with zeros back to the full length.
  public func sliced(axis: Int, _ range: Range<Int>) -> Variable {
    let resolved = axis < 0 ? axis + shape.count : axis
    let full = shape
    var indices = [TensorIndex](repeating: .all, count: full.count)
    indices[resolved] = .range(range)
    return Variable(value.sliced(indices), operation: "slice", inputs: [self]) { grad in
      var pieces: [Tensor] = []
      var before = full
      before[resolved] = range.lowerBound
      var after = full
      after[resolved] = full[resolved] - range.upperBound
      if range.lowerBound > 0 { pieces.append(Tensor.zeros(before, dtype: grad.dtype)) }
      pieces.append(grad)
      if after[resolved] > 0 { pieces.append(Tensor.zeros(after, dtype: grad.dtype)) }
      return [pieces.count == 1 ? grad : Tensor.concatenated(pieces, axis: resolved)]
    }
  }

  /// Variables joined along `axis`; each receives its slice of the gradient.
  public static func concatenated(_ parts: [Variable], axis: Int) -> Variable {
    precondition(!parts.isEmpty, "concatenated: no variables")
    let resolved = axis < 0 ? axis + parts[0].shape.count : axis
    let lengths = parts.map { $0.shape[resolved] }
    return Variable(Tensor.concatenated(parts.map(\.value), axis: resolved), operation: "concat", inputs: parts) {
      grad in
      var start = 0
      return lengths.map { length in
        var indices = [TensorIndex](repeating: .all, count: grad.rank)
        indices[resolved] = .range(start..<(start + length))
        start += length
        return grad.sliced(indices).contiguous()
      }
    }
  }

  /// Variables of one shape stacked along a new axis.
  public static func stacked(_ parts: [Variable], axis: Int = 0) -> Variable {
    let resolved = axis < 0 ? axis + parts[0].shape.count + 1 : axis
    return concatenated(parts.map { $0.unsqueezed(at: resolved) }, axis: resolved)
  }

  /// A new axis of length 1 at `axis`.
  public func unsqueezed(at axis: Int) -> Variable {
    let original = shape
    return Variable(value.unsqueezed(at: axis), operation: "unsqueeze", inputs: [self]) { grad in
      [grad.reshaped(original)]
    }
  }

  /// The GELU activation in its tanh form (Hendrycks and Gimpel 2016, as
  /// GPT-2 uses it): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), built from
  /// differentiable pieces so its gradient needs no rule of its own.
  public func gelu() -> Variable {
    let inner = (self + self * self * self * 0.044715) * (2 / Double.pi).squareRoot()
    return self * (inner.tanh() + 1.0) * 0.5
  }
}
