@testable import Tensors

/// A tensor of `dtype` holding `values`, written as exact decimals in the
/// test so that both dtypes can share one table of expected results.
func makeTensor(_ values: [Double], shape: [Int], dtype: DType) -> Tensor {
  Tensor(values, shape: shape).converted(to: dtype)
}

/// Whether `actual` matches `expected` element by element within
/// `rtol · max(|expected|)`.
///
/// The tolerance is scaled by the largest reference magnitude rather than
/// by each element: an element of a matrix product that cancels to nearly
/// zero still carries rounding error proportional to the terms it summed,
/// so a purely element-wise relative test would fail on correct results.
func allClose(_ actual: [Double], _ expected: [Double], rtol: Double) -> Bool {
  guard actual.count == expected.count else { return false }
  let scale = max(expected.map(\.magnitude).max() ?? 0, .leastNormalMagnitude)
  return zip(actual, expected).allSatisfy { ($0 - $1).magnitude <= rtol * scale }
}

/// Uniform values in [-1, 1) from a seeded generator, so failures reproduce.
func randomTensor(_ shape: [Int], dtype: DType, rng: inout SplitMix64) -> Tensor {
  let count = shape.reduce(1, *)
  let values = (0..<count).map { _ in rng.nextDouble(in: -1..<1) }
  return makeTensor(values, shape: shape, dtype: dtype)
}
