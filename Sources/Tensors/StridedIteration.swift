import Synchronization

/// How one operand of an element-wise loop is laid out: where its first
/// element is and how far (in elements) to step along each axis of the
/// shape being walked.
///
/// A stride of 0 repeats the same element along that axis, which is how
/// broadcasting is expressed without copying anything.
struct StridedOperand {
  /// One stride per axis of the walked shape, in elements.
  var strides: [Int]
  /// The element offset of logical index (0, 0, …, 0).
  var offset: Int
}

/// A row-major walk over `shape` that keeps one element offset per operand.
///
/// This is the one loop every element-wise kernel in the module is built on:
/// arithmetic, negation, dtype conversion, making data contiguous. The walk
/// visits logical indices in row-major order whatever the operands' strides
/// are, so a transposed view or a broadcast operand needs no copy first.
///
/// The walk hands out whole innermost rows: `body` gets the starting offset
/// of each operand and the row length, and steps through the row itself by
/// each operand's innermost stride (`innerStrides`). Keeping the inner loop
/// in the caller lets it be a tight, specialised loop over typed pointers,
/// while the odometer bookkeeping below runs once per row, not per element.
struct StridedWalk {
  /// The logical shape being visited, after merging axes (see `init`).
  let shape: [Int]
  /// The operands, each with one stride per axis of `shape`.
  let operands: [StridedOperand]

  /// Creates a walk; every operand must have one stride per axis.
  ///
  /// Axes that every operand steps through as if they were one longer axis
  /// (axis i's stride is axis i+1's stride times its length, for every
  /// operand) are merged first, and axes of length 1 dropped. The visiting
  /// order is unchanged, but a contiguous [1000, 10000] tensor becomes one
  /// row of 10⁷ elements, so the odometer below runs once instead of 1000
  /// times and the inner loop is long enough to vectorise.
  init(shape: [Int], operands: [StridedOperand]) {
    for operand in operands {
      precondition(
        operand.strides.count == shape.count,
        "StridedWalk: \(operand.strides.count) strides for a rank-\(shape.count) shape"
      )
    }
    if shape.contains(0) {
      self.shape = shape
      self.operands = operands
      return
    }
    var mergedShape: [Int] = []
    var mergedStrides = [[Int]](repeating: [], count: operands.count)
    for axis in shape.indices where shape[axis] != 1 {
      if let last = mergedShape.indices.last,
        operands.indices.allSatisfy({ mergedStrides[$0][last] == operands[$0].strides[axis] * shape[axis] })
      {
        mergedShape[last] *= shape[axis]
        for k in operands.indices { mergedStrides[k][last] = operands[k].strides[axis] }
      } else {
        mergedShape.append(shape[axis])
        for k in operands.indices { mergedStrides[k].append(operands[k].strides[axis]) }
      }
    }
    self.shape = mergedShape
    self.operands = operands.indices.map { StridedOperand(strides: mergedStrides[$0], offset: operands[$0].offset) }
  }

  /// The number of elements visited.
  var count: Int { elementCount(of: shape) }

  /// Each operand's stride along the last axis: the step within a row.
  /// A 0-d shape has a single row of length 1, so the step is never used.
  var innerStrides: [Int] {
    operands.map { $0.strides.last ?? 0 }
  }

  /// Calls `body` once per innermost row, in row-major order.
  ///
  /// - Parameter body: Receives the element offset where each operand's row
  ///   starts (in the order of `operands`) and the number of elements in
  ///   the row.
  func forEachRow(_ body: (_ starts: [Int], _ rowLength: Int) -> Void) {
    forEachRow(elements: 0..<count, body)
  }

  /// Calls `body` for the pieces of rows that hold the elements numbered
  /// `elements` in row-major order: whole rows, except possibly a partial
  /// one at each end. This is how a walk is split between threads.
  func forEachRow(elements: Range<Int>, _ body: (_ starts: [Int], _ rowLength: Int) -> Void) {
    // An empty shape (some axis of length 0) has no elements at all.
    if shape.contains(0) || elements.isEmpty { return }
    var starts = operands.map(\.offset)
    // Rank 0: one element, at the offsets themselves.
    guard let rowLength = shape.last else {
      body(starts, 1)
      return
    }
    let outerRank = shape.count - 1
    let inner = innerStrides
    // Position the odometer at the row holding the first element.
    var row = elements.lowerBound / rowLength
    var column = elements.lowerBound % rowLength
    var index = [Int](repeating: 0, count: outerRank)
    for axis in stride(from: outerRank - 1, through: 0, by: -1) {
      index[axis] = row % shape[axis]
      row /= shape[axis]
      for k in starts.indices { starts[k] += index[axis] * operands[k].strides[axis] }
    }
    var remaining = elements.count
    while true {
      let length = Swift.min(rowLength - column, remaining)
      if column == 0 {
        body(starts, length)
      } else {
        body(starts.indices.map { starts[$0] + column * inner[$0] }, length)
      }
      remaining -= length
      column = 0
      if remaining == 0 { return }
      // Advance the odometer over the outer axes, last axis fastest. When an
      // axis wraps, rewind its contribution and carry into the next one out.
      var axis = outerRank - 1
      while axis >= 0 {
        index[axis] += 1
        for k in starts.indices { starts[k] += operands[k].strides[axis] }
        if index[axis] < shape[axis] { break }
        for k in starts.indices { starts[k] -= operands[k].strides[axis] * shape[axis] }
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { return }
    }
  }
}

/// The row-major (C order) strides of a dense tensor of `shape`, in
/// elements: the last axis has stride 1, each axis before it the product of
/// the lengths after it.
///
/// Every new tensor needs them, and a fresh array is an allocation that
/// costs more than a small tensor's arithmetic, so the arrays of the last
/// few shapes are kept and shared (arrays are values: sharing one is
/// safe). A network repeats a handful of shapes step after step.
func rowMajorStrides(for shape: [Int]) -> [Int] {
  switch shape.count {
  case 0: return []
  case 1: return unitStrides
  default: break
  }
  if let known = recentStrides.withLock({ $0.strides(for: shape) }) { return known }
  let strides = computedRowMajorStrides(for: shape)
  recentStrides.withLock { $0.remember(shape, strides) }
  return strides
}

/// The strides of every 1-d tensor.
private let unitStrides = [1]

/// The strides of recently made shapes, most recent last.
private let recentStrides = Mutex(RecentStrides())

/// A few (shape, strides) pairs, replaced oldest first.
private struct RecentStrides {
  static let capacity = 8
  var entries: [(shape: [Int], strides: [Int])] = []
  var next = 0

  func strides(for shape: [Int]) -> [Int]? {
    for entry in entries where entry.shape == shape { return entry.strides }
    return nil
  }

  mutating func remember(_ shape: [Int], _ strides: [Int]) {
    if entries.count < Self.capacity {
      entries.append((shape, strides))
    } else {
      entries[next] = (shape, strides)
      next = (next + 1) % Self.capacity
    }
  }
}

/// `rowMajorStrides(for:)` worked out.
private func computedRowMajorStrides(for shape: [Int]) -> [Int] {
  var strides = [Int](repeating: 1, count: shape.count)
  var running = 1
  for axis in shape.indices.reversed() {
    strides[axis] = running
    running *= max(shape[axis], 1)
  }
  return strides
}

/// The number of elements of a tensor of `shape`: the product of its
/// lengths, 1 for the empty shape of a scalar.
func elementCount(of shape: [Int]) -> Int {
  shape.reduce(1, *)
}
