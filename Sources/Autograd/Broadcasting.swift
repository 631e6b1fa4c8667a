import Tensors

/// Sums `gradient` down to `shape`: the gradient of broadcasting.
///
/// When a value of shape `[3]` was broadcast to `[2, 3]` in the forward
/// pass, each of its elements was used twice, so its gradient is the sum of
/// the two rows' gradients. In general: sum over the leading axes that
/// broadcasting added, then over every axis where the input had size 1.
func reduceToShape(_ gradient: Tensor, _ shape: [Int]) -> Tensor {
  if gradient.shape == shape { return gradient }
  var result = gradient
  while result.rank > shape.count {
    result = result.sum(axis: 0)
  }
  for axis in shape.indices where shape[axis] == 1 && result.shape[axis] != 1 {
    result = result.sum(axis: axis, keepDims: true)
  }
  precondition(result.shape == shape, "cannot reduce a gradient of shape \(gradient.shape) to \(shape)")
  return result
}

/// `tensor` repeated to `shape` (the forward of broadcasting, used by the
/// gradients of sums and means).
func broadcast(_ tensor: Tensor, to shape: [Int]) -> Tensor {
  Tensor.zeros(shape, dtype: tensor.dtype) + tensor
}
