extension Tensor {
  /// Tensors joined end to end along `axis` (NumPy's `concatenate`): every
  /// other axis must match, and the result's `axis` is the sum of theirs.
  ///
  /// - Parameters:
  ///   - tensors: at least one tensor, all of the same dtype and rank.
  ///   - axis: the axis to join along; negative counts from the end.
  /// - Returns: a new row-major tensor.
  public static func concatenated(_ tensors: [Tensor], axis: Int) -> Tensor {
    precondition(!tensors.isEmpty, "concatenated: no tensors")
    let first = tensors[0]
    let rank = first.rank
    let axis = axis < 0 ? axis + rank : axis
    precondition((0..<rank).contains(axis), "concatenated: axis \(axis) out of range for rank \(rank)")
    for tensor in tensors {
      precondition(tensor.dtype == first.dtype, "concatenated: \(tensor.dtype) with \(first.dtype)")
      precondition(
        tensor.rank == rank
          && (0..<rank).allSatisfy { $0 == axis || tensor.shape[$0] == first.shape[$0] },
        "concatenated along axis \(axis): shapes \(first.shape) and \(tensor.shape) differ off that axis")
    }
    var shape = first.shape
    shape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
    let outer = first.shape[..<axis].reduce(1, *)
    let inner = first.shape[(axis + 1)...].reduce(1, *)
    let pieces = tensors.map { $0.scalars(as: Double.self) }
    var values: [Double] = []
    values.reserveCapacity(shape.reduce(1, *))
    // Row-major: for each index of the axes before `axis`, each piece
    // contributes one contiguous run of shape[axis] · inner values.
    for block in 0..<outer {
      for (tensor, piece) in zip(tensors, pieces) {
        let run = tensor.shape[axis] * inner
        values += piece[(block * run)..<((block + 1) * run)]
      }
    }
    return Tensor(values, shape: shape).converted(to: first.dtype)
  }

  /// Tensors of one shape stacked along a new axis at `axis` (NumPy's `stack`).
  public static func stacked(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
    precondition(!tensors.isEmpty, "stacked: no tensors")
    let axis = axis < 0 ? axis + tensors[0].rank + 1 : axis
    return concatenated(tensors.map { $0.unsqueezed(at: axis) }, axis: axis)
  }
}
