import Groundwork

/// Where a matrix product C = A·B (A is m × k, B is k × n) sits on the
/// roofline: its arithmetic intensity, in FLOPs per byte, and whether it is
/// "compute" or "memory" bound on a device with the given peak rate and
/// memory bandwidth.
///
/// Count 2·m·n·k FLOPs (a multiply and an add per term) and, as the least
/// traffic, A and B read once and C written once, `bytesPerElement` bytes
/// per value. The product is compute-bound when its FLOPs take at least as
/// long at peak as its bytes take at full bandwidth.
func matmulRoofline(
  m: Int, n: Int, k: Int, bytesPerElement: Int, peakFlopsPerSecond: Double, bytesPerSecond: Double
) -> (intensity: Double, bound: String) {
  fatalError("TODO: count FLOPs and bytes, then compare the two times")
}
