import Tensors

// Element-wise functions and their derivatives. Each rule reuses the
// forward result where the derivative is written in terms of it
// (exp, tanh, sigmoid), which is what makes those functions cheap to train.

extension Variable {
  /// eˣ; derivative eˣ (the output itself).
  public func exp() -> Variable {
    let output = value.exp()
    return Variable(output, operation: "exp", inputs: [self]) { grad in [grad * output] }
  }

  /// Natural logarithm; derivative 1/x.
  public func log() -> Variable {
    let x = value
    return Variable(x.log(), operation: "log", inputs: [self]) { grad in [grad / x] }
  }

  /// Square root; derivative 1 / (2√x).
  public func sqrt() -> Variable {
    let output = value.sqrt()
    return Variable(output, operation: "sqrt", inputs: [self]) { grad in [grad / (output * 2)] }
  }

  /// xᵖ for a constant p; derivative p·xᵖ⁻¹.
  public func pow(_ exponent: Double) -> Variable {
    let x = value
    return Variable(x.pow(exponent), operation: "pow", inputs: [self]) { grad in
      [grad * x.pow(exponent - 1) * exponent]
    }
  }

  /// |x|; derivative sign(x), taken as 0 at 0 (a subgradient, as PyTorch does).
  public func abs() -> Variable {
    let x = value
    return Variable(x.abs(), operation: "abs", inputs: [self]) { grad in
      let sign = Tensor.where(x .> 0, Tensor.ones(x.shape, dtype: x.dtype), Tensor.zeros(x.shape, dtype: x.dtype))
        - Tensor.where(x .< 0, Tensor.ones(x.shape, dtype: x.dtype), Tensor.zeros(x.shape, dtype: x.dtype))
      return [grad * sign]
    }
  }

  /// tanh; derivative 1 − tanh².
  public func tanh() -> Variable {
    let output = value.tanh()
    return Variable(output, operation: "tanh", inputs: [self]) { grad in [grad * (1.0 - output * output)] }
  }

  /// The logistic function 1 / (1 + e⁻ˣ); derivative σ(1 − σ).
  public func sigmoid() -> Variable {
    let output = value.sigmoid()
    return Variable(output, operation: "sigmoid", inputs: [self]) { grad in [grad * output * (1.0 - output)] }
  }

  /// max(0, x); derivative 1 where x > 0, else 0 (0 at 0, as PyTorch).
  public func relu() -> Variable {
    let x = value
    return Variable(x.relu(), operation: "relu", inputs: [self]) { grad in
      [x.reluGradient(grad)]
    }
  }

  /// log Σ exp over `axis`, stable; derivative softmax along the axis.
  public func logSumExp(axis: Int, keepDims: Bool = false) -> Variable {
    let x = value
    let resolved = axis < 0 ? axis + x.rank : axis
    let output = x.logSumExp(axes: [resolved], keepDims: true)
    let result = keepDims ? output : output.squeezed([resolved])
    return Variable(result, operation: "logsumexp", inputs: [self]) { grad in
      let kept = keepDims ? grad : grad.unsqueezed(at: resolved)
      return [kept * (x - output).exp()]
    }
  }

  /// log softmax along `axis`, stable. With s = softmax(x), the gradient of
  /// yᵢ = xᵢ − logΣexp(x) is gᵢ − sᵢ·Σⱼ gⱼ.
  public func logSoftmax(axis: Int = -1) -> Variable {
    let output = value.logSoftmax(axis: axis)
    return Variable(output, operation: "logsoftmax", inputs: [self]) { grad in
      [grad - output.exp() * grad.sum(axis: axis, keepDims: true)]
    }
  }

  /// softmax along `axis`. With s the output, the gradient is
  /// s ⊙ (g − Σⱼ gⱼ sⱼ).
  public func softmax(axis: Int = -1) -> Variable {
    let output = value.softmax(axis: axis)
    return Variable(output, operation: "softmax", inputs: [self]) { grad in
      [output * (grad - (grad * output).sum(axis: axis, keepDims: true))]
    }
  }
}
