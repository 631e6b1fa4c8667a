import Testing
@testable import Tensors

/// Binary operations against a reference that reads every operand element
/// by its index, on random shapes: broadcasting on every axis, strided and
/// transposed views, axes of length 0 and 1.
@Suite struct BroadcastingReferenceTests {
  /// The element of `t` at `index` of the broadcast shape (axes aligned on
  /// the right; a length-1 axis of `t` is read at 0).
  func element(_ t: Tensor, broadcastIndex index: [Int]) -> Double {
    let lead = index.count - t.rank
    let own = (0..<t.rank).map { t.shape[$0] == 1 ? 0 : index[lead + $0] }
    return t.element(atStorageOffset: t.storageOffset(of: own))
  }

  /// All indices of `shape` in row-major order.
  func indices(of shape: [Int]) -> [[Int]] {
    var result: [[Int]] = [[]]
    for length in shape {
      result = result.flatMap { prefix in (0..<length).map { prefix + [$0] } }
    }
    return result
  }

  /// A random view of `shape`: made contiguous, transposed back from a
  /// permuted copy, or sliced with a step from a larger tensor.
  func randomView(_ shape: [Int], dtype: DType, rng: inout SplitMix64) -> Tensor {
    switch rng.nextInt(in: 0...2) {
    case 0:
      return randomTensor(shape, dtype: dtype, rng: &rng)
    case 1:
      // Stored reversed, viewed through a permutation.
      let reversed = Array(shape.reversed())
      let stored = randomTensor(reversed, dtype: dtype, rng: &rng)
      return stored.permuted(Array((0..<shape.count).reversed()))
    default:
      // Every other element of a tensor twice as long on each axis.
      let doubled = shape.map { $0 * 2 }
      let big = randomTensor(doubled, dtype: dtype, rng: &rng)
      return big.sliced(shape.map { _ in TensorIndex.stride(by: 2) })
    }
  }

  @Test(arguments: [DType.float32, .float64])
  func randomShapesAgainstTheReference(dtype: DType) {
    var rng = SplitMix64(seed: 1234)
    for _ in 0..<60 {
      let rank = rng.nextInt(in: 0...4)
      let full = (0..<rank).map { _ in rng.nextInt(in: 0...3) }
      // Each operand keeps, drops (to 1) or loses (leading) axes at random.
      func operandShape() -> [Int] {
        let dropLeading = rank == 0 ? 0 : rng.nextInt(in: 0...rank)
        return full.dropFirst(dropLeading).map { rng.nextBernoulli(0.3) ? 1 : $0 }
      }
      let a = randomView(operandShape(), dtype: dtype, rng: &rng)
      let b = randomView(operandShape(), dtype: dtype, rng: &rng) + 2  // keep divisors away from 0
      let shape = try! broadcastShape(a.shape, b.shape).get()
      let cases: [(String, Tensor, (Double, Double) -> Double)] = [
        ("+", a + b, +), ("-", a - b, -), ("*", a * b, *), ("/", a / b, /),
      ]
      for (name, got, op) in cases {
        #expect(got.shape == shape)
        let want = indices(of: shape).map { index -> Double in
          // In Double and rounded once to Float: the correctly rounded float32
          // result, as 53 ≥ 2·24 + 2 makes the double rounding harmless.
          let exact = op(element(a, broadcastIndex: index), element(b, broadcastIndex: index))
          return dtype == .float32 ? Double(Float(exact)) : exact
        }
        #expect(got.scalars(as: Double.self) == want, "\(a.shape) \(name) \(b.shape)")
      }
      let less = (a .< b).scalars(as: Bool.self)
      let wantLess = indices(of: shape).map { element(a, broadcastIndex: $0) < element(b, broadcastIndex: $0) }
      #expect(less == wantLess)
    }
  }
}
