/// Views: new shapes, strides and offsets over the same storage, made
/// without copying any element.
///
/// Every function here is O(rank) and shares storage with `self`. Because
/// `Tensor` has value semantics, writing to a view later copies its
/// storage first (see "Value semantics" on `Tensor`): unlike PyTorch and
/// NumPy, a view never writes through to the tensor it came from.
extension Tensor {
  // MARK: - Axis order

  /// The axes reordered: axis `i` of the result is axis `axes[i]` of `self`.
  ///
  /// ```swift
  /// let t = Tensor.zeros([2, 3, 4])
  /// t.permuted([2, 0, 1]).shape   // [4, 2, 3]
  /// ```
  ///
  /// - Parameter axes: A permutation of `0..<rank`; negative entries count
  ///   from the end.
  /// - Returns: A view with shape and strides permuted alike.
  public func permuted(_ axes: [Int]) -> Tensor {
    precondition(
      axes.count == rank,
      "permuted: \(axes.count) axes \(axes) for a rank-\(rank) tensor of shape \(shape)"
    )
    let order = axes.map { normalizedAxis($0, in: "permuted(\(axes))") }
    var seen = [Bool](repeating: false, count: rank)
    for axis in order {
      precondition(!seen[axis], "permuted: \(axes) is not a permutation of the axes of shape \(shape)")
      seen[axis] = true
    }
    return Tensor(
      storage: storage,
      shape: order.map { shape[$0] },
      strides: order.map { strides[$0] },
      offset: offset
    )
  }

  /// The view with axes `axis0` and `axis1` swapped (PyTorch's
  /// `transpose(dim0, dim1)`). Negative axes count from the end.
  public func transposed(_ axis0: Int, _ axis1: Int) -> Tensor {
    let a = normalizedAxis(axis0, in: "transposed(\(axis0), \(axis1))")
    let b = normalizedAxis(axis1, in: "transposed(\(axis0), \(axis1))")
    // permuted(_:) with two axes swapped, without building the permutation.
    var (shape, strides) = (self.shape, self.strides)
    shape.swapAt(a, b)
    strides.swapAt(a, b)
    return Tensor(storage: storage, shape: shape, strides: strides, offset: offset)
  }

  // MARK: - Length-1 axes

  /// The view with a new axis of length 1 inserted at `axis`.
  ///
  /// - Parameter axis: The new axis's position in the result, in
  ///   `-(rank + 1)...rank`; `-1` appends it.
  public func unsqueezed(at axis: Int) -> Tensor {
    precondition(
      axis >= -(rank + 1) && axis <= rank,
      "unsqueezed(at: \(axis)): out of range for shape \(shape) (valid: \(-(rank + 1))...\(rank))"
    )
    let position = axis < 0 ? axis + rank + 1 : axis
    var newShape = shape, newStrides = strides
    // Any stride is correct for an axis of length 1; the dense one keeps a
    // contiguous tensor's strides row-major.
    let dense = position < rank ? strides[position] * shape[position] : 1
    newShape.insert(1, at: position)
    newStrides.insert(dense, at: position)
    return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: offset)
  }

  /// The view without the given axes, each of which must have length 1; or,
  /// with no axes given, without every axis of length 1.
  ///
  /// - Parameter axes: Axes to remove, negative counting from the end.
  public func squeezed(_ axes: [Int]? = nil) -> Tensor {
    let removed: Set<Int>
    if let axes {
      removed = Set(axes.map { normalizedAxis($0, in: "squeezed(\(axes))") })
      for axis in removed {
        precondition(
          shape[axis] == 1,
          "squeezed(\(axes)): axis \(axis) of shape \(shape) has length \(shape[axis]), not 1"
        )
      }
    } else {
      removed = Set(shape.indices.filter { shape[$0] == 1 })
    }
    let kept = shape.indices.filter { !removed.contains($0) }
    return Tensor(
      storage: storage,
      shape: kept.map { shape[$0] },
      strides: kept.map { strides[$0] },
      offset: offset
    )
  }

  // MARK: - Broadcasting

  /// The view repeated along new leading axes and along axes of length 1
  /// to fill `shape` (NumPy's `broadcast_to`, PyTorch's `expand`).
  ///
  /// A repeated axis gets stride 0, so nothing is copied: a `[3]` vector
  /// expanded to `[1000, 3]` still holds three numbers. Writing to such a
  /// view copies it into dense storage first.
  ///
  /// - Parameter shape: A shape that `self.shape` broadcasts to: aligned
  ///   on the right, each length of `self` equals the target's or is 1.
  public func expanded(to shape: [Int]) -> Tensor {
    precondition(
      shape.count >= rank,
      "expanded(to: \(shape)): cannot drop axes of shape \(self.shape)"
    )
    switch broadcastShape(self.shape, shape) {
    case .success(let result) where result == shape: break
    case .success:
      preconditionFailure("expanded(to: \(shape)): shape \(self.shape) does not broadcast to \(shape)")
    case .failure(let mismatch):
      preconditionFailure("expanded(to: \(shape)): \(mismatch)")
    }
    let operand = broadcastOperand(to: shape)
    return Tensor(storage: storage, shape: shape, strides: operand.strides, offset: offset)
  }

  /// Whether two distinct logical indices share a storage element (some
  /// axis longer than 1 has stride 0, as after `expanded(to:)`). Writes
  /// must never go through such a layout.
  var hasOverlappingElements: Bool {
    shape.indices.contains { shape[$0] > 1 && strides[$0] == 0 }
  }

  // MARK: - Slicing

  /// A view selected by NumPy-style basic indexing: positions, ranges,
  /// strided ranges, new axes and an ellipsis (see `TensorIndex`).
  ///
  /// ```swift
  /// let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
  /// m[1, .all]                  // [4, 5, 6], shape [3]
  /// m[.all, .stride(by: 2)]     // [[1, 3], [4, 6]]
  /// m[.ellipsis, .newAxis]      // shape [2, 3, 1]
  /// ```
  ///
  /// The result shares storage; its offset and strides select the
  /// elements (a step of `k` multiplies the stride by `k`).
  public subscript(_ indices: TensorIndex...) -> Tensor {
    sliced(indices)
  }

  /// The view `self[indices...]`; see `subscript(_: TensorIndex...)`.
  public func sliced(_ indices: [TensorIndex]) -> Tensor {
    let ellipses = indices.filter { $0 == .ellipsis }.count
    precondition(ellipses <= 1, "subscript \(indices): at most one .ellipsis")
    let consuming = indices.filter { $0 != .newAxis && $0 != .ellipsis }.count
    precondition(
      consuming <= rank,
      "subscript: \(consuming) indices for a rank-\(rank) tensor of shape \(shape)"
    )
    // Expand the ellipsis (or an implicit one at the end) into whole axes.
    var entries: [TensorIndex] = []
    for entry in indices {
      if entry == .ellipsis {
        entries += Array(repeating: .all, count: rank - consuming)
      } else {
        entries.append(entry)
      }
    }
    if ellipses == 0 { entries += Array(repeating: .all, count: rank - consuming) }

    var newShape: [Int] = [], newStrides: [Int] = []
    var newOffset = offset
    var empty = false
    var axis = 0
    for entry in entries {
      switch entry {
      case .newAxis:
        newShape.append(1)
        newStrides.append(axis < rank ? strides[axis] * shape[axis] : 1)
      case .at(let position):
        let length = shape[axis]
        precondition(
          position >= -length && position < length,
          "subscript: index \(position) is out of range for axis \(axis) of shape \(shape)"
        )
        newOffset += (position < 0 ? position + length : position) * strides[axis]
        axis += 1
      case .slice(let start, let stop, let step):
        let (first, count) = resolveSlice(start: start, stop: stop, step: step, length: shape[axis])
        if count == 0 { empty = true } else { newOffset += first * strides[axis] }
        newShape.append(count)
        newStrides.append(strides[axis] * step)
        axis += 1
      case .ellipsis:
        preconditionFailure("unreachable: ellipsis expanded above")
      }
    }
    // An empty view reads nothing; keeping the original offset keeps it
    // inside the storage.
    return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: empty ? offset : newOffset)
  }
}
