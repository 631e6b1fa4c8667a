import Groundwork

/// Bytes a chain of element-wise operations moves between memory and the
/// chip, run one kernel per operation or fused into one kernel.
///
/// The chain has `extraInputs.count` operations over tensors of `elements`
/// values of `bytesPerElement` bytes each. Operation i reads the chain's
/// running value (the input x for the first, the previous result after
/// that) and `extraInputs[i]` other tensors of the same size (a bias, a
/// residual, a mask), and writes its result. Fused, the intermediate
/// results stay on the chip: x and every extra input are read once and
/// only the final result is written.
func elementwiseChainBytes(elements: Int, extraInputs: [Int], bytesPerElement: Int, fused: Bool) -> Int {
  // BEGIN SOLUTION: count tensors read and written, then bytes
  let extra = extraInputs.reduce(0, +)
  let tensorsMoved = fused ? 1 + extra + 1 : 2 * extraInputs.count + extra
  return tensorsMoved * elements * bytesPerElement
  // END SOLUTION
}
