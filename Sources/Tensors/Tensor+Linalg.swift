/// The matrix product, with NumPy's `matmul` rules for batches and
/// vectors, computed by BLAS.
///
/// For `a` of shape `[..., m, k]` and `b` of shape `[..., k, n]` the result
/// has shape `[..., m, n]`, where the leading "batch" axes of the two
/// operands broadcast against each other as in `+` (so a single matrix `b`
/// multiplies every matrix of a batch `a`). Element `[..., i, j]` is
/// `Σₚ a[..., i, p] · b[..., p, j]`. A 1-d `a` of shape `[k]` is a row
/// vector and a 1-d `b` a column vector; the axis of length 1 this adds is
/// removed from the result again.
///
/// The work is done by `cblas_sgemm` or `cblas_dgemm` (OpenBLAS on Linux,
/// Accelerate on macOS), once per matrix of the batch. No operand is
/// copied when BLAS can read it in place: each matrix must be row-major or
/// column-major with a leading dimension (a `transposed()` view, a slice of
/// rows or columns, a broadcast batch axis of stride 0 all qualify); any
/// other layout is made contiguous first. When `b` is one matrix shared by
/// the whole batch and `a`'s batch is stored as one tall matrix, the batch
/// becomes a single gemm of `batch · m` rows.
///
/// BLAS does not promise the summation order, so results may differ from
/// `naiveMatmul` (and between machines) in the last few bits. `float16` and
/// `bfloat16` operands are converted to `float32`, multiplied, and the
/// result rounded once, since CBLAS has no half-precision gemm. Integer and
/// boolean operands trap.
///
/// - Parameters:
///   - a: The left operand, `[..., m, k]` or `[k]`.
///   - b: The right operand, `[..., k, n]` or `[k]`.
/// - Returns: A new row-major tensor of the operands' dtype.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
  if let product = matrixProduct(a, b) { return product }
  let plan = MatmulShapes(a, b)
  let flops = 2 * plan.batch.reduce(1, *) * plan.m * plan.n * plan.k
  return profiled("matmul", flops: flops, bytesRead: a.elementBytes + b.elementBytes) {
    matmul(plan, a, b)
  }
}

private func matmul(_ plan: MatmulShapes, _ a: Tensor, _ b: Tensor) -> Tensor {
  switch a.dtype {
  case .float32, .float64: break
  case .float16, .bfloat16:
    // Each product of two 16-bit values is exact in float32.
    return matmul(a.converted(to: .float32), b.converted(to: .float32)).converted(to: a.dtype)
  case .int32, .bool:
    preconditionFailure("matmul: \(a.dtype) operands; convert to a floating-point dtype first")
  }
  // An empty product is all zeros (k == 0) or has no elements at all; BLAS
  // rejects zero leading dimensions, so it is not called. Otherwise the
  // gemms add the products into the zeroed result (see `BLAS.gemm`).
  let callsBLAS = plan.m > 0 && plan.n > 0 && plan.k > 0 && !plan.batch.contains(0)
  let result = Tensor(zeroed: plan.batch + [plan.m, plan.n], dtype: a.dtype)
  if callsBLAS {
    switch a.dtype {
    case .float32: batchedGemm(plan, result, Float.self)
    case .float64: batchedGemm(plan, result, Double.self)
    case .float16, .bfloat16, .int32, .bool: preconditionFailure("unreachable: handled above")
    }
  }
  return result.reshaped(plan.resultShape)
}

/// `a · b + bias`: a matrix product with a row vector added to every row
/// (a linear layer's `x·W + b`), in one gemm.
///
/// The bias is written into the result first and the gemm adds the
/// product onto it, so there is one new tensor and no separate pass for
/// the addition. When k is small enough for BLAS to add the whole product
/// at once (as on every layer of a small network) the result is bit for bit
/// `matmul(a, b) + bias`; for long products BLAS adds its partial sums onto
/// the bias instead of onto zero, which can change the last bit.
///
/// - Parameters:
///   - a: The left matrix, `[m, k]`.
///   - b: The right matrix, `[k, n]`.
///   - bias: `[n]` (or `[1, n]`), of the operands' dtype.
/// - Returns: A new row-major `[m, n]` tensor. Any other shapes or dtypes
///   give `matmul(a, b) + bias`, with its broadcasting and its errors.
public func matmul(_ a: Tensor, _ b: Tensor, adding bias: Tensor) -> Tensor {
  guard let pair = MatrixPair(a, b), bias.dtype == a.dtype, bias.isContiguous,
    bias.shape == [pair.n] || bias.shape == [1, pair.n]
  else { return matmul(a, b) + bias }
  let (m, k, n) = (pair.m, pair.k, pair.n)
  return profiled("matmul", flops: 2 * m * n * k + m * n, bytesRead: a.elementBytes + b.elementBytes) {
    let result = Tensor(uninitialized: [m, n], dtype: a.dtype)
    if a.dtype == .float32 { result.fillRows(with: bias, Float.self) } else { result.fillRows(with: bias, Double.self) }
    pair.multiply(a, b, into: result)
    return result
  }
}

extension Tensor {
  /// Copies the contiguous vector `row` into every row of this freshly
  /// allocated row-major matrix.
  fileprivate func fillRows<T: TensorScalar>(with row: Tensor, _: T.Type) {
    let width = shape[1]
    row.storage.withUnsafeBufferPointer(as: T.self) { source in
      storage.withUnsafeMutableBufferPointer(as: T.self) { target in
        let start = source.baseAddress! + row.offset
        for index in 0..<shape[0] {
          (target.baseAddress! + index * width).update(from: start, count: width)
        }
      }
    }
  }
}

/// The matrix product by the textbook triple loop, accumulating every dot
/// product in `Double` and rounding once to the operands' dtype at the end.
///
/// This is the reference that tests and graders compare `matmul` against:
/// slow (O(m·n·k) scalar operations, no blocking) but obviously correct,
/// and more accurate than BLAS for `float32` because of the `Double`
/// accumulator. It follows the same shape rules as `matmul` (batches
/// broadcast, 1-d operands are vectors). Do not use it for real work.
///
/// - Parameters:
///   - a: The left operand, `[..., m, k]` or `[k]`.
///   - b: The right operand, `[..., k, n]` or `[k]`.
/// - Returns: A new row-major tensor of the operands' dtype.
public func naiveMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
  let plan = MatmulShapes(a, b)
  let (m, k, n) = (plan.m, plan.k, plan.n)
  let batchCount = plan.batch.reduce(1, *)
  // Every operand broadcast to the full batch and read in row-major order.
  let left = plan.left.expanded(to: plan.batch + [m, k]).scalars(as: Double.self)
  let right = plan.right.expanded(to: plan.batch + [k, n]).scalars(as: Double.self)
  var product = [Double](repeating: 0, count: batchCount * m * n)
  for batch in 0..<batchCount {
    let (ab, bb, cb) = (batch * m * k, batch * k * n, batch * m * n)
    for i in 0..<m {
      for j in 0..<n {
        var total = 0.0
        for p in 0..<k {
          total += left[ab + i * k + p] * right[bb + p * n + j]
        }
        product[cb + i * n + j] = total
      }
    }
  }
  return Tensor(product, shape: plan.resultShape).converted(to: a.dtype)
}

extension Tensor {
  /// The matrix product `self · other`; the same as `matmul(self, other)`.
  ///
  /// - Parameter other: The right operand, `[..., k, n]` for `self` of
  ///   shape `[..., m, k]`.
  /// - Returns: A new row-major `[..., m, n]` tensor.
  public func matmul(_ other: Tensor) -> Tensor {
    Tensors.matmul(self, other)
  }
}

/// The shapes of a matmul: operands promoted to at least 2-d, the
/// broadcast batch, and the result shape with promoted axes removed.
struct MatmulShapes {
  /// The operands as matrices (or batches of matrices).
  var left: Tensor
  var right: Tensor
  /// The broadcast batch shape.
  var batch: [Int]
  var m: Int, k: Int, n: Int
  /// The final shape, without the axes added for 1-d operands.
  var resultShape: [Int]

  /// Checks ranks, dtypes, inner dimensions and batch broadcasting.
  init(_ a: Tensor, _ b: Tensor) {
    precondition(
      a.rank >= 1 && b.rank >= 1,
      "matmul: \(a.shape) × \(b.shape): operands must have at least one axis"
    )
    precondition(
      a.dtype == b.dtype,
      "matmul: dtypes differ: \(a.dtype) and \(b.dtype); convert one with converted(to:) first"
    )
    left = a.rank == 1 ? a.unsqueezed(at: 0) : a
    right = b.rank == 1 ? b.unsqueezed(at: 1) : b
    (m, k) = (left.shape[left.rank - 2], left.shape[left.rank - 1])
    n = right.shape[right.rank - 1]
    let innerRight = right.shape[right.rank - 2]
    precondition(
      k == innerRight,
      "matmul: \(a.shape) × \(b.shape): inner dimensions \(k) and \(innerRight) differ"
    )
    switch broadcastShape(Array(left.shape.dropLast(2)), Array(right.shape.dropLast(2))) {
    case .success(let shape): batch = shape
    case .failure(let mismatch):
      preconditionFailure("matmul: \(a.shape) × \(b.shape): batch axes do not broadcast: \(mismatch)")
    }
    resultShape = batch + (a.rank == 1 ? [] : [m]) + (b.rank == 1 ? [] : [n])
  }
}

/// Two non-empty float32 or float64 matrices that BLAS can read in place:
/// their sizes and layouts, or nil for everything else (batches, vectors,
/// 16-bit and integer dtypes, copies, empty axes and mismatches, which the
/// general path handles and reports).
private struct MatrixPair {
  let m: Int, k: Int, n: Int
  let leftLayout: BLAS.MatrixLayout, rightLayout: BLAS.MatrixLayout

  init?(_ a: Tensor, _ b: Tensor) {
    guard a.rank == 2, b.rank == 2, a.dtype == b.dtype, a.dtype == .float32 || a.dtype == .float64 else { return nil }
    (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    guard b.shape[0] == k, m > 0, k > 0, n > 0,
      let leftLayout = BLAS.layout(rows: m, cols: k, strides: a.strides),
      let rightLayout = BLAS.layout(rows: k, cols: n, strides: b.strides)
    else { return nil }
    (self.leftLayout, self.rightLayout) = (leftLayout, rightLayout)
  }

  /// `result += a · b`: one gemm in the operands' precision.
  func multiply(_ a: Tensor, _ b: Tensor, into result: Tensor) {
    if a.dtype == .float32 {
      singleGemm(m, n, k, a, leftLayout, b, rightLayout, into: result, Float.self)
    } else {
      singleGemm(m, n, k, a, leftLayout, b, rightLayout, into: result, Double.self)
    }
  }
}

/// The product of two matrices that BLAS can read in place (see
/// `MatrixPair`), or nil for everything else.
///
/// The same single gemm call the general path makes for two matrices,
/// without working out batch shapes first: on the small matrices of a
/// tiny network those arrays cost more than the multiplication.
private func matrixProduct(_ a: Tensor, _ b: Tensor) -> Tensor? {
  guard let pair = MatrixPair(a, b) else { return nil }
  return profiled("matmul", flops: 2 * pair.m * pair.n * pair.k, bytesRead: a.elementBytes + b.elementBytes) {
    let result = Tensor(zeroed: [pair.m, pair.n], dtype: a.dtype)
    pair.multiply(a, b, into: result)
    return result
  }
}

/// `result += left · right` for two matrices BLAS reads in place: one gemm.
private func singleGemm<T: BLASScalar>(
  _ m: Int, _ n: Int, _ k: Int, _ left: Tensor, _ leftLayout: BLAS.MatrixLayout,
  _ right: Tensor, _ rightLayout: BLAS.MatrixLayout, into result: Tensor, _: T.Type
) {
  left.storage.withUnsafeBufferPointer(as: T.self) { pa in
    right.storage.withUnsafeBufferPointer(as: T.self) { pb in
      result.storage.withUnsafeMutableBufferPointer(as: T.self) { pc in
        T.gemm(
          m: m, n: n, k: k, a: pa.baseAddress! + left.offset, leftLayout,
          b: pb.baseAddress! + right.offset, rightLayout, c: pc.baseAddress!)
      }
    }
  }
}

/// One gemm per matrix of the batch, each reading its operands in place.
private func batchedGemm<T: BLASScalar>(_ plan: MatmulShapes, _ result: Tensor, _ type: T.Type) {
  let (m, k, n) = (plan.m, plan.k, plan.n)
  let (left, leftLayout) = blasOperand(plan.left)
  let (right, rightLayout) = blasOperand(plan.right)
  if plan.batch.isEmpty {
    // Two matrices (a vector among them, or an operand copied for BLAS):
    // one gemm, without the batch bookkeeping below.
    singleGemm(m, n, k, left, leftLayout, right, rightLayout, into: result, T.self)
    return
  }
  let batchRank = plan.batch.count
  let aBatch = Array(left.broadcastOperand(to: plan.batch + [m, k]).strides.prefix(batchRank))
  let bBatch = Array(right.broadcastOperand(to: plan.batch + [k, n]).strides.prefix(batchRank))
  let cBatch = Array(result.strides.prefix(batchRank))

  left.storage.withUnsafeBufferPointer(as: T.self) { pa in
    right.storage.withUnsafeBufferPointer(as: T.self) { pb in
      result.storage.withUnsafeMutableBufferPointer(as: T.self) { pc in
        let (a0, b0, c0) = (pa.baseAddress! + left.offset, pb.baseAddress! + right.offset, pc.baseAddress!)
        // A shared right matrix and a batch of row-major left matrices
        // stacked at equal distances: one tall gemm does the whole batch.
        if let rows = stackedRows(plan.batch, aBatch, m: m, layout: leftLayout),
          bBatch.indices.allSatisfy({ plan.batch[$0] == 1 || bBatch[$0] == 0 })
        {
          T.gemm(m: rows, n: n, k: k, a: a0, leftLayout, b: b0, rightLayout, c: c0)
          return
        }
        let walk = StridedWalk(
          shape: plan.batch,
          operands: [
            StridedOperand(strides: cBatch, offset: 0),
            StridedOperand(strides: aBatch, offset: 0),
            StridedOperand(strides: bBatch, offset: 0),
          ]
        )
        let step = walk.innerStrides
        walk.forEachRow { starts, length in
          var (c, a, b) = (starts[0], starts[1], starts[2])
          for _ in 0..<length {
            T.gemm(m: m, n: n, k: k, a: a0 + a, leftLayout, b: b0 + b, rightLayout, c: c0 + c)
            c += step[0]
            a += step[1]
            b += step[2]
          }
        }
      }
    }
  }
}

/// The number of rows when a batch of `m`-row, non-transposed matrices
/// lies in storage as one matrix with the same leading dimension (each
/// batch axis's stride is the next one's times its length, the innermost
/// `m · lda`); `nil` otherwise.
private func stackedRows(_ batch: [Int], _ strides: [Int], m: Int, layout: BLAS.MatrixLayout) -> Int? {
  if layout.transposed || batch.isEmpty { return nil }
  var expected = m * layout.leadingDimension
  var rows = m
  for axis in batch.indices.reversed() where batch[axis] != 1 {
    if strides[axis] != expected { return nil }
    expected *= batch[axis]
    rows *= batch[axis]
  }
  return rows
}

/// The operand as BLAS will read it: the tensor itself when each of its
/// matrices is row- or column-major, otherwise a contiguous copy.
private func blasOperand(_ t: Tensor) -> (Tensor, BLAS.MatrixLayout) {
  let (rows, cols) = (t.shape[t.rank - 2], t.shape[t.rank - 1])
  let last2 = Array(t.strides.suffix(2))
  if let layout = BLAS.layout(rows: rows, cols: cols, strides: last2) {
    return (t, layout)
  }
  let dense = t.contiguous()
  return (dense, BLAS.layout(rows: rows, cols: cols, strides: Array(dense.strides.suffix(2)))!)
}
