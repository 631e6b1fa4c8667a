extension Tensor {
  /// The gradient of `relu()` at `self`, given the gradient of its output:
  /// `upstream` where `self > 0`, and +0 elsewhere (at 0, below it, and at
  /// NaN, as `where(self .> 0, upstream, 0)` gives).
  ///
  /// One pass and one new tensor, where the `where` spelling makes a mask
  /// and a tensor of zeros first (PyTorch fuses this as
  /// `threshold_backward` for the same reason): every ReLU of a network
  /// runs it once per backward pass.
  ///
  /// - Parameter upstream: The gradient of the ReLU's output; same shape
  ///   and dtype as `self`.
  /// - Returns: A new row-major tensor of `self`'s shape.
  public func reluGradient(_ upstream: Tensor) -> Tensor {
    precondition(
      upstream.shape == shape && upstream.dtype == dtype,
      "reluGradient: upstream \(upstream.dtype) \(upstream.shape) for an input of \(dtype) \(shape)")
    return profiled("reluGradient", flops: count, bytesRead: elementBytes + upstream.elementBytes) {
      switch dtype {
      case .float32: Self.broadcastingMap(self, upstream, shape: shape, ReluGradient<Float>())
      case .float64: Self.broadcastingMap(self, upstream, shape: shape, ReluGradient<Double>())
      case .float16: Self.broadcastingMap(self, upstream, shape: shape, ReluGradient<Float16>())
      case .bfloat16: Self.broadcastingMap(self, upstream, shape: shape, ReluGradient<BFloat16>())
      case .int32: Self.where(self .> 0, upstream, Tensor.zeros(shape, dtype: dtype))
      case .bool: preconditionFailure("reluGradient: bool tensor; convert with converted(to:) first")
      }
    }
  }
}

/// `g` where `x > 0`, else +0: the kernel of `reluGradient`.
struct ReluGradient<S: FloatingStorage>: BinaryKernel {
  @inline(__always) func callAsFunction(_ x: S, _ g: S) -> S {
    x.widened > 0 ? g : S(rounding: 0)
  }
}
