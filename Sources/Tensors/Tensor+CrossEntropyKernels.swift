import RealModule

// The two passes of softmax cross-entropy that are not log-softmax itself.
// Written as tensor operations they were eight small operations forward and
// seven backward, each allocating its result; on a classifier's [N, C]
// logits it was those allocations, not the arithmetic, that cost.

extension Tensor {
  /// Σ_c coefficients[i·C + c] · self[i, c] for each row i of a 2-d tensor
  /// of shape [N, C], accumulated in `Double`.
  ///
  /// With `self` the log-probabilities of a classifier and the coefficients
  /// a target distribution q, row i is −(cross-entropy of row i): the loss
  /// without building the [N, C] product q · log p.
  ///
  /// - Parameter coefficients: N·C numbers, row-major.
  /// - Returns: N sums.
  public func rowWeightedSums(_ coefficients: [Double]) -> [Double] {
    precondition(rank == 2, "rowWeightedSums: needs a 2-d tensor, got shape \(shape)")
    precondition(
      coefficients.count == count,
      "rowWeightedSums: \(coefficients.count) coefficients for a tensor of \(count) elements")
    let (rows, width) = (shape[0], shape[1])
    func sums(_ element: (Int) -> Double) -> [Double] {
      (0..<rows).map { row in
        var total = 0.0
        for column in 0..<width { total += coefficients[row * width + column] * element(row * width + column) }
        return total
      }
    }
    guard isContiguous else {
      let values = scalars(as: Double.self)
      return sums { values[$0] }
    }
    switch dtype {
    case .float32:
      return storage.withUnsafeBufferPointer(as: Float.self) { buffer in sums { Double(buffer[offset + $0]) } }
    case .float64:
      return storage.withUnsafeBufferPointer(as: Double.self) { buffer in sums { buffer[offset + $0] } }
    case .float16, .bfloat16, .int32, .bool:
      let values = scalars(as: Double.self)
      return sums { values[$0] }
    }
  }

  /// The gradient of softmax cross-entropy with respect to the logits,
  /// computed from the log-probabilities `self` (shape [N, C]):
  /// `exp(self) · probabilityScales[i] − targets[i, c] · targetScales[i]`.
  ///
  /// For a row weighted wᵢ of a loss Σᵢ wᵢ·CEᵢ, pass targetScales wᵢ and
  /// probabilityScales wᵢ·Σ_c qᵢ_c: the gradient of CEᵢ is p·Σq − q, which
  /// is the familiar p − q when the targets sum to 1.
  ///
  /// Each step rounds to the dtype exactly as the same expression written
  /// with tensor operations would (`exp()`, then the two products, then the
  /// difference), so the result is bit-identical to it; it is one pass and
  /// one tensor instead of seven.
  ///
  /// - Parameters:
  ///   - targets: N·C target probabilities, row-major.
  ///   - targetScales: N factors for the targets, one per row.
  ///   - probabilityScales: N factors for the probabilities, one per row.
  /// - Returns: A new tensor of this shape and dtype.
  public func softmaxCrossEntropyGradient(
    targets: [Double], targetScales: [Double], probabilityScales: [Double]
  ) -> Tensor {
    precondition(rank == 2, "softmaxCrossEntropyGradient: needs a 2-d tensor, got shape \(shape)")
    let rows = shape[0]
    precondition(
      targets.count == count && targetScales.count == rows && probabilityScales.count == rows,
      "softmaxCrossEntropyGradient: \(targets.count) targets and \(targetScales.count), "
        + "\(probabilityScales.count) row scales for shape \(shape)")
    return profiled("softmaxCrossEntropyGradient", flops: 4 * count, bytesRead: elementBytes) {
      if isContiguous && count > 0 {
        switch dtype {
        case .float32: return crossEntropyGradient(Float.self, targets, targetScales, probabilityScales)
        case .float64: return crossEntropyGradient(Double.self, targets, targetScales, probabilityScales)
        case .float16, .bfloat16, .int32, .bool: break
        }
      }
      func column(_ values: [Double]) -> Tensor {
        Tensor(values, shape: [rows, 1]).converted(to: dtype)
      }
      let q = Tensor(targets, shape: shape).converted(to: dtype)
      return exp() * column(probabilityScales) - q * column(targetScales)
    }
  }

  /// `softmaxCrossEntropyGradient` on a contiguous float32 or float64 tensor.
  private func crossEntropyGradient<T: BinaryFloatingPoint & FloatingStorage>(
    _ type: T.Type, _ targets: [Double], _ targetScales: [Double], _ probabilityScales: [Double]
  ) -> Tensor {
    let width = shape[1]
    let result = Tensor(uninitialized: shape, dtype: dtype)
    storage.withUnsafeBufferPointer(as: T.self) { input in
      result.storage.withUnsafeMutableBufferPointer(as: T.self) { output in
        let (x, z) = (input.baseAddress! + offset, output.baseAddress!)
        T.exponential(x, z, count: count)
        for row in 0..<shape[0] {
          let (p, q) = (T(probabilityScales[row]), T(targetScales[row]))
          for column in 0..<width {
            let index = row * width + column
            let scaledTarget = T(targets[index]) * q
            z[index] = z[index] * p - scaledTarget
          }
        }
      }
    }
    return result
  }
}
