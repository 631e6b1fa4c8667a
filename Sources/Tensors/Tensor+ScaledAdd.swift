extension Tensor {
  /// `self + other × factor` element-wise, with NumPy broadcasting, in one
  /// pass and one new tensor: the update `θ − η·g` of gradient descent is
  /// `θ.adding(g, scaledBy: -η)`.
  ///
  /// The result is bit for bit what `self + other * factor` gives: the
  /// factor is rounded to the dtype first, the product is rounded, then
  /// the sum. Only the temporary product tensor (and the 0-d tensor that
  /// holds the factor) is never made, which on a small parameter is most
  /// of the cost, and on a large one a whole pass over memory. `int32`
  /// tensors take the two-operation path; `bool` tensors trap.
  ///
  /// - Parameters:
  ///   - other: The tensor to scale, broadcast against `self`; same dtype.
  ///   - factor: The scale, rounded to the dtype.
  /// - Returns: A new row-major tensor of the broadcast shape.
  public func adding(_ other: Tensor, scaledBy factor: Double) -> Tensor {
    let shape = Self.checkedBroadcastShape(self, other, op: "adding(_:scaledBy:)")
    let elements = elementCount(of: shape)
    return profiled("addScaled", flops: 2 * elements, bytesRead: elementBytes + other.elementBytes) {
      switch dtype {
      case .float32: Self.broadcastingMap(self, other, shape: shape, FloatingAddScaled<Float>(factor))
      case .float64: Self.broadcastingMap(self, other, shape: shape, FloatingAddScaled<Double>(factor))
      case .float16: Self.broadcastingMap(self, other, shape: shape, FloatingAddScaled<Float16>(factor))
      case .bfloat16: Self.broadcastingMap(self, other, shape: shape, FloatingAddScaled<BFloat16>(factor))
      case .int32: self + other * factor
      case .bool: preconditionFailure("adding(_:scaledBy:): arithmetic on bool tensors; convert first")
      }
    }
  }
}

extension Tensor {
  /// Adds `other × factor` to this tensor in place: the same bits as
  /// `self = self.adding(other, scaledBy: factor)`, without a new tensor
  /// when this one's storage is not shared.
  ///
  /// This is the optimizer's update `θ ← θ − η·g`, done where the weights
  /// already are, as PyTorch's optimizers do: no fresh allocation (and on
  /// a large weight no fresh pages to fault in) every step. Value
  /// semantics hold: when another tensor, a view or an autograd graph
  /// still shares the storage, it is copied first (copy on write), so no
  /// other holder ever sees the change. Other layouts, broadcasting and
  /// `int32` take `adding(_:scaledBy:)` and replace `self`.
  ///
  /// - Parameters:
  ///   - other: The tensor to scale; same dtype, broadcastable to `self`.
  ///   - factor: The scale, rounded to the dtype.
  public mutating func add(_ other: Tensor, scaledBy factor: Double) {
    let fits = other.shape == shape && other.dtype == dtype && other.isContiguous && dtype != .int32 && dtype != .bool
    if fits { makeStorageUnique() }
    guard fits && isContiguous else {
      self = adding(other, scaledBy: factor)
      return
    }
    let target = self
    _ = profiled("addScaled", flops: 2 * count, bytesRead: elementBytes + other.elementBytes) {
      switch dtype {
      case .float32: target.addInPlace(other, FloatingAddScaled<Float>(factor))
      case .float64: target.addInPlace(other, FloatingAddScaled<Double>(factor))
      case .float16: target.addInPlace(other, FloatingAddScaled<Float16>(factor))
      case .bfloat16: target.addInPlace(other, FloatingAddScaled<BFloat16>(factor))
      case .int32, .bool: preconditionFailure("unreachable: handled above")
      }
      return target
    }
  }

  /// `self[i] = kernel(self[i], other[i])` over two contiguous tensors of
  /// one shape, this one holding its storage alone.
  private func addInPlace<S: FloatingStorage>(_ other: Tensor, _ kernel: FloatingAddScaled<S>) {
    other.storage.withUnsafeBufferPointer(as: S.self) { b in
      storage.withUnsafeMutableBufferPointer(as: S.self) { a in
        let pointers = UncheckedSendable(value: (a.baseAddress! + offset, b.baseAddress! + other.offset))
        let threads = count >= parallelElementThreshold ? defaultThreadCount : 1
        parallelChunks(count: count, threads: threads) { range in
          let (x, y) = pointers.value
          for t in range { x[t] = kernel(x[t], y[t]) }
        }
      }
    }
  }
}

/// `a + round(b × factor)`, each step computed in `S.Compute` and rounded
/// to `S`, as the two separate operations would.
struct FloatingAddScaled<S: FloatingStorage>: BinaryKernel {
  /// The factor, rounded to `S` as a 0-d tensor of it would hold it.
  let factor: S.Compute

  init(_ factor: Double) {
    self.factor = S(converting: factor).widened
  }

  @inline(__always) func callAsFunction(_ a: S, _ b: S) -> S {
    S(rounding: a.widened + S(rounding: b.widened * factor).widened)
  }
}
