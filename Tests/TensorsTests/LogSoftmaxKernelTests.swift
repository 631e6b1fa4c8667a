import Foundation
import Testing
@testable import Tensors

/// The one-pass log-softmax of the last axis against a float64 formula
/// written out here, and against the composed operations that other
/// layouts still take.
@Suite struct LogSoftmaxKernelTests {
  /// log softmax of one row in float64, by the textbook formula.
  func reference(_ row: [Double]) -> [Double] {
    let m = row.max()!
    let logSum = Foundation.log(row.map { Foundation.exp($0 - m) }.reduce(0, +))
    return row.map { ($0 - m) - logSum }
  }

  @Test(arguments: [[1, 1], [8, 2], [5, 7], [3, 4, 10], [2, 1000]])
  func agreesWithTheFormula(shape: [Int]) {
    var rng = RandomGenerator(seed: 17)
    let logits = rng.normal(shape) * 4
    let width = shape.last!
    let values = logits.scalars(as: Double.self)
    let expected = stride(from: 0, to: values.count, by: width).flatMap {
      reference(Array(values[$0..<($0 + width)]))
    }
    let got32 = logits.logSoftmax().scalars(as: Double.self)
    let got64 = logits.converted(to: .float64).logSoftmax().scalars(as: Double.self)
    for (index, value) in expected.enumerated() {
      #expect(abs(got32[index] - value) <= 2e-6 * max(1, abs(value)), "float32 element \(index)")
      #expect(abs(got64[index] - value) <= 1e-13 * max(1, abs(value)), "float64 element \(index)")
    }
  }

  @Test func matchesTheComposedPathOfAStridedLayout() {
    var rng = RandomGenerator(seed: 3)
    let logits = rng.normal([6, 9]) * 3
    // The transposed copy is not contiguous, so it takes the composed path.
    let strided = logits.transposed().contiguous().transposed()
    #expect(!strided.isContiguous)
    let fast = logits.logSoftmax().scalars(as: Float.self)
    let composed = strided.logSoftmax().scalars(as: Float.self)
    for (a, b) in zip(fast, composed) { #expect(abs(a - b) <= 2 * b.ulp.magnitude + 1e-7) }
  }

  @Test func extremeLogitsStayFinite() {
    let logits = Tensor([1000, 0, -1000, -1000, 0, 1000] as [Float], shape: [2, 3])
    let result = logits.logSoftmax().scalars(as: Float.self)
    #expect(result == [0, -1000, -2000, -2000, -1000, 0])
  }

  @Test func nanAndInfinityFollowTheComposedRules() {
    let inf = Float.infinity
    let logits = Tensor([1, .nan, 2, -inf, 0, -inf, -inf, -inf, -inf] as [Float], shape: [3, 3])
    let result = logits.logSoftmax().scalars(as: Float.self)
    // A NaN anywhere in a row makes the whole row NaN.
    #expect(result[0..<3].allSatisfy { $0.isNaN })
    // −∞ has probability 0 (log −∞) next to a finite logit, which gets all of it.
    #expect(Array(result[3..<6]) == [-inf, 0, -inf])
    // A row of only −∞ is 0/0: NaN, as in PyTorch.
    #expect(result[6..<9].allSatisfy { $0.isNaN })
  }

  @Test func oneTensorIsAllocated() {
    let logits = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    let (_, report) = withMemoryTracking { logits.logSoftmax() }
    #expect(report.total.allocations == 1)
  }
}
