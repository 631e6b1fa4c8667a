import Testing
@testable import Autograd
import Tensors

/// The fused `linear` node: the same value and gradients as a matmul
/// followed by a bias addition, and gradients that agree with finite
/// differences.
@Suite struct LinearOperationTests {
  @Test func gradientsAgreeWithFiniteDifferences() {
    var rng = RandomGenerator(seed: 21)
    let (x, w, b) = (rng.normal([5, 4]) * 2, rng.normal([4, 3]), rng.normal([3]))
    let results = GradientCheck().check([x, w, b].map { $0.converted(to: .float64) }) { v in
      let y = v[0].linear(weight: v[1], bias: v[2])
      return (y * y).sum()
    }
    #expect(results.count == 3)
    for result in results { #expect(result.passed, "input \(result.input)") }
  }

  @Test func matchesMatmulPlusBiasBitForBit() {
    var rng = RandomGenerator(seed: 2)
    let data = (rng.normal([8, 32]), rng.normal([32, 2]), rng.normal([2]), rng.normal([8, 2]))
    func gradients(fused: Bool) -> [[Float]] {
      let (x, w, b) = (
        Variable(data.0, requiresGrad: true), Variable(data.1, requiresGrad: true), Variable(data.2, requiresGrad: true)
      )
      let y = fused ? x.linear(weight: w, bias: b) : x.matmul(w) + b
      (y * Variable(data.3)).sum().backward()
      return [y.value, x.grad!, w.grad!, b.grad!].map { $0.scalars(as: Float.self) }
    }
    #expect(gradients(fused: true) == gradients(fused: false))
  }

  @Test func inputsThatNeedNoGradientGetNone() {
    var rng = RandomGenerator(seed: 3)
    let x = Variable(rng.normal([4, 3]))
    let w = Variable(rng.normal([3, 2]), requiresGrad: true)
    let b = Variable(rng.normal([2]))
    let y = x.linear(weight: w, bias: b)
    #expect(y.operation == "linear")
    y.sum().backward()
    #expect(x.grad == nil && b.grad == nil)
    // d(Σ x·W)/dW = column sums of x, repeated for each output.
    let columnSums = x.value.sum(axis: 0).scalars(as: Float.self)
    let expected = columnSums.flatMap { [$0, $0] }
    for (got, want) in zip(w.grad!.scalars(as: Float.self), expected) { #expect(abs(got - want) <= 1e-5) }
  }

  @Test func linearLayerFusesRowsAndContiguousSequences() {
    var rng = SplitMix64(seed: 4)
    let layer = Linear(inputs: 3, outputs: 2, rng: &rng)
    var tensors = RandomGenerator(seed: 5)
    #expect(layer(Variable(tensors.normal([4, 3]), requiresGrad: true)).operation == "linear")
    #expect(layer(Variable(tensors.normal([2, 4, 3]), requiresGrad: true)).operation == "reshape")
    let strided = Variable(tensors.normal([3, 4, 2]).permuted([2, 1, 0]), requiresGrad: true)
    #expect(layer(strided).operation == "add")
    let unbiased = Linear(inputs: 3, outputs: 2, bias: false, rng: &rng)
    #expect(unbiased(Variable(tensors.normal([4, 3]), requiresGrad: true)).operation == "matmul")
  }
}
