extension Tensor {
  /// The sums of the columns of a contiguous `[rows, width]` matrix (the
  /// gradient of a bias added to a batch), in the result's dtype, or nil
  /// when this tensor is not such a matrix of float32 or float64.
  ///
  /// The general reduction sums each column on its own, down a stride of
  /// `width` elements: one cache line per element read. This walks the
  /// rows in memory order and adds each into all the column totals at
  /// once, following exactly the tree `pairwiseSum` builds for one column
  /// (a plain loop over at most `pairwiseBlockSize` rows, otherwise the
  /// same split into halves), so every total is bit-identical to the
  /// general path's. Its scratch, one row of totals per level of the
  /// tree, is freed before it returns and is not a tensor.
  func columnSums(keepDims: Bool) -> Tensor? {
    guard rank == 2, isContiguous, shape[0] > 0, shape[1] > 1 else { return nil }
    let (rows, width) = (shape[0], shape[1])
    let result = Tensor(uninitialized: keepDims ? [1, width] : [width], dtype: dtype)
    func sum<T: BinaryFloatingPoint & TensorScalar>(_: T.Type) {
      storage.withUnsafeBufferPointer(as: T.self) { input in
        result.storage.withUnsafeMutableBufferPointer(as: T.self) { output in
          pairwiseColumnSums(input.baseAddress! + offset, rows: rows, width: width, into: output.baseAddress!)
        }
      }
    }
    switch dtype {
    case .float32: sum(Float.self)
    case .float64: sum(Double.self)
    case .float16, .bfloat16, .int32, .bool: return nil
    }
    return result
  }
}

/// `out[c] = pairwiseSum(base + c, count: rows, stride: width)` for every
/// column c, computed row by row (see `Tensor.columnSums`).
private func pairwiseColumnSums<T: BinaryFloatingPoint>(
  _ base: UnsafePointer<T>, rows: Int, width: Int, into out: UnsafeMutablePointer<T>
) {
  if rows <= pairwiseBlockSize {
    out.update(repeating: 0, count: width)
    for row in 0..<rows {
      let x = base + row * width
      for column in 0..<width { out[column] += x[column] }
    }
    return
  }
  // The split of `pairwiseSum`'s recursion, counted in rows.
  let left = max(pairwiseBlockSize, (rows / 2) / pairwiseBlockSize * pairwiseBlockSize)
  pairwiseColumnSums(base, rows: left, width: width, into: out)
  let right = UnsafeMutablePointer<T>.allocate(capacity: width)
  defer { right.deallocate() }
  pairwiseColumnSums(base + left * width, rows: rows - left, width: width, into: right)
  for column in 0..<width { out[column] += right[column] }
}
