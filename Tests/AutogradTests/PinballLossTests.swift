@testable import Autograd
import Tensors
import Testing

@Suite("Pinball (quantile) loss")
struct PinballLossTests {
  let values = [12.0, 13, 14, 15, 16, 18, 40]

  func pinball(_ c: Double, tau: Double) -> Double {
    let prediction = Variable(Tensor(shape: [values.count], dtype: .float64, repeating: c))
    return Loss.pinball(prediction, Tensor(values, shape: [values.count]), tau: tau).value.item()
  }

  @Test("values worked by hand: at τ = 0.9, a constant of 40 costs 0.1·(28+27+26+25+24+22)/7")
  func handValues() {
    #expect(abs(pinball(40, tau: 0.9) - 0.1 * 152 / 7) < 1e-12)
    // At 15: three values below (0.1·(3+2+1)) and three above (0.9·(1+3+25)).
    #expect(abs(pinball(15, tau: 0.9) - (0.1 * 6 + 0.9 * 29) / 7) < 1e-12)
  }

  @Test("τ = 0.5 is half the mean absolute error")
  func halfAbsoluteError() {
    let prediction = Variable(Tensor(shape: [values.count], dtype: .float64, repeating: 16.5))
    let target = Tensor(values, shape: [values.count])
    let mae = Loss.meanAbsoluteError(prediction, target).value.item()
    #expect(abs(pinball(16.5, tau: 0.5) - mae / 2) < 1e-12)
  }

  @Test("its gradient agrees with central differences away from the kinks")
  func gradient() {
    let prediction = Tensor([11.5, 13.2, 14.9, 15.5, 17, 20, 30], shape: [7])
    let target = Tensor(values, shape: [7])
    for tau in [0.1, 0.5, 0.9] {
      let results = GradientCheck().check([prediction]) { v in Loss.pinball(v[0], target, tau: tau) }
      #expect(results[0].passed, "τ = \(tau): analytic \(results[0].analytic) vs numeric \(results[0].numeric)")
    }
  }

  @Test("gradient descent on a constant converges to the τ-quantile")
  func descendsToQuantile() {
    let c = Variable(Tensor([20.0], shape: [1]), requiresGrad: true)
    let target = Tensor(values, shape: [values.count])
    var optimizer = SGD([c], learningRate: 0.05)
    for _ in 0..<4_000 {
      optimizer.zeroGrad()
      Loss.pinball(c + Variable(Tensor.zeros([values.count], dtype: .float64)), target, tau: 0.5).backward()
      optimizer.step()
    }
    // Subgradient steps of 0.05 · (fraction ≤ c − 0.5) end within a step of the median, 15.
    #expect(abs(c.value.item() - 15) < 0.05)
  }
}
