import Groundwork

/// The gradient of a value of shape `target` that broadcasting stretched to
/// `shape`: `gradient` (row-major, laid out with `shape`) summed over every
/// axis that broadcasting created or stretched.
///
/// Broadcasting aligns shapes from the right: `target` may have fewer axes
/// (the missing leading ones count as 1), and each of its axes is either 1
/// or equal to the matching axis of `shape`.
///
/// - Returns: the summed gradient, row-major, with `target.reduce(1, *)`
///   elements.
func sumToShape(gradient: [Double], shape: [Int], target: [Int]) -> [Double] {
  // BEGIN SOLUTION: add each gradient element into the target element it was copied from
  // The target, padded on the left with 1s to the rank of `shape`.
  let padded = [Int](repeating: 1, count: shape.count - target.count) + target
  // Row-major strides of the padded target; an axis of length 1 was
  // broadcast, so every position along it reads the same element: stride 0.
  var strides = [Int](repeating: 0, count: shape.count)
  var elements = 1
  for axis in stride(from: shape.count - 1, through: 0, by: -1) {
    strides[axis] = padded[axis] == 1 ? 0 : elements
    elements *= padded[axis]
  }
  var result = [Double](repeating: 0, count: target.reduce(1, *))
  for (flat, value) in gradient.enumerated() {
    // Unravel `flat` into coordinates of `shape`, last axis fastest, and
    // find the target element this position was copied from.
    var remainder = flat
    var source = 0
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      source += (remainder % shape[axis]) * strides[axis]
      remainder /= shape[axis]
    }
    // Summed, not averaged: the copied element influenced every position
    // it was copied to, and those contributions add (the chain rule's sum
    // over paths).
    result[source] += value
  }
  return result
  // END SOLUTION
}
