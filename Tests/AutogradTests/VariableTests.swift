@testable import Autograd
import Tensors
import Testing

@Suite("Reverse mode, by hand")
struct VariableTests {
  func scalar(_ value: Double, grad: Bool = true) -> Variable {
    Variable(Tensor([value], shape: []), requiresGrad: grad)
  }

  @Test("the chain rule on f = (a·b + c) / d, against derivatives worked by hand")
  func chainRule() throws {
    let (a, b, c, d) = (scalar(2), scalar(-3), scalar(10), scalar(4))
    let f = (a * b + c) / d  // (−6 + 10) / 4 = 1
    f.backward()
    #expect(f.value.item() == 1)
    #expect(try #require(a.grad).item() == -3.0 / 4)  // b / d
    #expect(try #require(b.grad).item() == 2.0 / 4)  // a / d
    #expect(try #require(c.grad).item() == 1.0 / 4)  // 1 / d
    #expect(try #require(d.grad).item() == -4.0 / 16)  // −(ab + c) / d²
  }

  @Test("a value used twice receives both gradients: d(x·x)/dx = 2x")
  func sharedNode() throws {
    let x = scalar(3)
    let y = x * x + x  // 2x + 1 = 7
    y.backward()
    #expect(try #require(x.grad).item() == 7)
  }

  @Test("broadcasting's gradient is a sum over the stretched axes")
  func broadcasting() throws {
    let a = Variable(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), requiresGrad: true)
    let row = Variable(Tensor([10, 20, 30], shape: [3]), requiresGrad: true)
    let column = Variable(Tensor([1, -1], shape: [2, 1]), requiresGrad: true)
    ((a + row) * column).sum().backward()
    // d/d(row_j) = Σ_i column_i = 0; d/d(column_i) = Σ_j (a_ij + row_j).
    #expect(try #require(row.grad).scalars(as: Double.self) == [0, 0, 0])
    #expect(try #require(column.grad).scalars(as: Double.self) == [66, 75])
    #expect(try #require(column.grad).shape == [2, 1])
    #expect(try #require(a.grad).scalars(as: Double.self) == [1, 1, 1, -1, -1, -1])
  }

  @Test("sum and mean along an axis spread the gradient back evenly")
  func axisReductions() throws {
    let x = Variable(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), requiresGrad: true)
    (x.mean(axis: -1) * Variable(Tensor([1, 3], shape: [2]))).sum().backward()
    #expect(try #require(x.grad).scalars(as: Double.self) == [1.0 / 3, 1.0 / 3, 1.0 / 3, 1, 1, 1])
  }

  @Test("gradients add up over backward passes until zeroGrad")
  func accumulation() throws {
    let x = scalar(5)
    (x * 2.0).backward()
    (x * 2.0).backward()
    #expect(try #require(x.grad).item() == 4)
    x.zeroGrad()
    #expect(x.grad == nil)
  }

  @Test("withoutGradients and detached() record nothing")
  func noGraph() {
    let x = scalar(2)
    let y = withoutGradients { x * x }
    #expect(!y.requiresGrad)
    #expect(y.inputs.isEmpty)
    let z = x.detached() * x
    z.backward()
    #expect(x.grad?.item() == 2)  // only the non-detached factor's path
  }

  @Test("a deep graph does not overflow the stack")
  func deepGraph() throws {
    let x = scalar(1)
    var y = x
    for _ in 0..<20_000 { y = y + 1.0 }
    y.backward()
    #expect(try #require(x.grad).item() == 1)
  }
}

@Suite("Gradient check")
struct GradientCheckTests {
  @Test("matmul, division, reductions and broadcasting agree with finite differences")
  func operationsAgree() {
    var rng = SplitMix64(seed: 7)
    func random(_ shape: [Int]) -> Tensor {
      Tensor((0..<shape.reduce(1, *)).map { _ in Float(rng.nextDouble(in: 0.5..<2)) }, shape: shape)
    }
    let results = GradientCheck().check([random([3, 4]), random([4, 2]), random([2])]) { v in
      let product = matmul(v[0], v[1])  // [3, 2]
      return ((product / v[2]) * product).mean(axis: 0).sum() - v[0].sum(axis: 1).mean()
    }
    #expect(results.count == 3)
    for result in results {
      #expect(result.passed, "input \(result.input): analytic \(result.analytic) vs numeric \(result.numeric)")
    }
  }

  @Test("a wrong backward rule is caught and located")
  func wrongRuleIsCaught() {
    let results = GradientCheck().check([Tensor([1, 2, 3], shape: [3])]) { v in
      // Doubles its input but claims a derivative of 1.
      Variable(v[0].value * 2, operation: "bad", inputs: [v[0]]) { grad in [grad] }.sum()
    }
    #expect(!results[0].passed)
    #expect(results[0].numeric > 1.99 && results[0].numeric < 2.01)
    #expect(results[0].analytic == 1)
  }

  @Test("matmul's backward makes only the products whose inputs need a gradient")
  func matmulSkipsConstantInputs() throws {
    let x = Variable(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]))
    let w = Variable(Tensor([1, 0, -1, 2, 0.5, 1], shape: [3, 2]), requiresGrad: true)
    let (_, withData) = profile { matmul(x, w).sum().backward() }
    // One product forward, one backward (dW = xᵀ·G); dx is never made.
    #expect(withData["matmul"]?.calls == 2)
    #expect(x.grad == nil)
    // dW = xᵀ·1: the column sums of x, repeated for both outputs.
    #expect(try #require(w.grad).scalars(as: Double.self) == [5, 5, 7, 7, 9, 9])

    let both = Variable(x.value, requiresGrad: true)
    let w2 = Variable(w.value, requiresGrad: true)
    let (_, withBoth) = profile { matmul(both, w2).sum().backward() }
    #expect(withBoth["matmul"]?.calls == 3)
    // dx = 1·Wᵀ: each row holds the row sums of W.
    #expect(try #require(both.grad).scalars(as: Double.self) == [1, 1, 1.5, 1, 1, 1.5])
  }
}

@Suite("Training with the engine")
struct TrainingTests {
  @Test("gradient descent on least squares reaches the normal-equation solution")
  func leastSquares() throws {
    // y = 3x + 1 plus fixed noise; the least-squares line has a closed form.
    let xs: [Double] = [0, 1, 2, 3, 4, 5]
    let ys: [Double] = [1.1, 3.9, 7.2, 9.8, 13.1, 16.0]
    let n = Double(xs.count)
    let meanX = xs.reduce(0, +) / n
    let meanY = ys.reduce(0, +) / n
    var covariance = 0.0
    var variance = 0.0
    for (xi, yi) in zip(xs, ys) {
      covariance += (xi - meanX) * (yi - meanY)
      variance += (xi - meanX) * (xi - meanX)
    }
    let slope = covariance / variance
    let intercept = meanY - slope * meanX

    let x = Variable(Tensor(xs, shape: [6, 1]))
    let y = Variable(Tensor(ys, shape: [6, 1]))
    var w = Variable(Tensor([0.0], shape: [1, 1]), requiresGrad: true)
    var b = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
    for _ in 0..<5_000 {
      let residual = matmul(x, w) + b - y
      let loss = (residual * residual).mean()
      loss.backward()
      let (gw, gb) = (try #require(w.grad), try #require(b.grad))
      w = Variable(w.value - gw * 0.05, requiresGrad: true)
      b = Variable(b.value - gb * 0.05, requiresGrad: true)
    }
    #expect(abs(w.value.item() - slope) < 1e-9)
    #expect(abs(b.value.item() - intercept) < 1e-9)
  }
}
