import Autograd
import Foundation
import Tensors
import Testing

/// Optimizers checked against their published update rules worked on
/// scalars by hand, and by convergence on problems with known minima.
@Suite("Optimizers")
struct OptimizerTests {
  /// A parameter θ with gradient set to `gradient` via the loss g·θ.
  func stepOnce<O: Optimizer>(_ optimizer: inout O, _ theta: Variable, gradient: Double) {
    optimizer.zeroGrad()
    (theta * gradient).sum().backward()
    optimizer.step()
  }

  @Test("SGD with momentum and weight decay, two steps by hand")
  func sgdMomentum() {
    let theta = Variable(Tensor([1.0], shape: [1]), requiresGrad: true)
    var sgd = SGD([theta], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
    stepOnce(&sgd, theta, gradient: 2)
    // g = 2 + 0.01·1 = 2.01; b = 2.01; θ = 1 − 0.201 = 0.799
    #expect(abs(theta.value.item() - 0.799) < 1e-12)
    stepOnce(&sgd, theta, gradient: 2)
    // g = 2 + 0.00799 = 2.00799; b = 0.9·2.01 + 2.00799 = 3.81699; θ = 0.799 − 0.381699
    #expect(abs(theta.value.item() - (0.799 - 0.381699)) < 1e-12)
  }

  @Test("Nesterov looks ahead: g + μ·b")
  func nesterov() {
    let theta = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
    var sgd = SGD([theta], learningRate: 1, momentum: 0.5, nesterov: true)
    stepOnce(&sgd, theta, gradient: 1)  // b = 1; step = 1 + 0.5 = 1.5
    #expect(theta.value.item() == -1.5)
    stepOnce(&sgd, theta, gradient: 1)  // b = 1.5; step = 1 + 0.75 = 1.75
    #expect(theta.value.item() == -3.25)
  }

  @Test("Adam's first step is η·sign(g) whatever the gradient's size (bias correction)")
  func adamFirstStep() {
    for gradient in [1e-6, 3.0, -250.0] {
      let theta = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
      var adam = Adam([theta], learningRate: 0.01, epsilon: 0)
      stepOnce(&adam, theta, gradient: gradient)
      #expect(abs(theta.value.item() + 0.01 * (gradient > 0 ? 1 : -1)) < 1e-12)
    }
  }

  @Test("Adam, two steps with changing gradients, against the formulas by hand")
  func adamTwoSteps() {
    let theta = Variable(Tensor([1.0], shape: [1]), requiresGrad: true)
    var adam = Adam([theta], learningRate: 0.1)
    stepOnce(&adam, theta, gradient: 1)
    stepOnce(&adam, theta, gradient: 3)
    // m = 0.9·0.1 + 0.1·3 = 0.39; v = 0.999·0.001 + 0.001·9 = 0.009999
    let mHat = 0.39 / (1 - 0.81)
    let vHat = 0.009999 / (1 - 0.998001)
    // The first step had m̂ = v̂ = 1: a step of η / (1 + ε).
    let expected = 1 - 0.1 / (1 + 1e-8) - 0.1 * mHat / (vHat.squareRoot() + 1e-8)
    #expect(abs(theta.value.item() - expected) < 1e-12)
  }

  @Test("AdamW decays the weight directly; Adam's L2 decay goes through the moments")
  func decoupledDecay() {
    let a = Variable(Tensor([2.0], shape: [1]), requiresGrad: true)
    var adamW = Adam.adamW([a], learningRate: 0.1, weightDecay: 0.5)
    stepOnce(&adamW, a, gradient: 0)
    // With a zero gradient only the decay acts: θ·(1 − ηλ) = 2·0.95.
    #expect(abs(a.value.item() - 1.9) < 1e-12)

    let b = Variable(Tensor([2.0], shape: [1]), requiresGrad: true)
    var adam = Adam([b], learningRate: 0.1, weightDecay: 0.5)
    stepOnce(&adam, b, gradient: 0)
    // L2: g = λθ = 1, normalised by Adam into a step of η: 2 − 0.1.
    #expect(abs(b.value.item() - 1.9) < 1e-6)
    stepOnce(&adamW, a, gradient: 0)
    stepOnce(&adam, b, gradient: 0)
    #expect(abs(a.value.item() - 1.805) < 1e-12)
    #expect(abs(a.value.item() - b.value.item()) > 1e-3)
  }

  @Test("Adam minimises a badly scaled quadratic")
  func adamConverges() {
    let theta = Variable(Tensor([5.0, -3.0], shape: [2]), requiresGrad: true)
    let scales = Variable(Tensor([100.0, 0.01], shape: [2]))
    let target = Variable(Tensor([1.0, 2.0], shape: [2]))
    var adam = Adam([theta], learningRate: 0.05)
    for _ in 0..<3_000 {
      adam.zeroGrad()
      let difference = theta - target
      (difference * difference * scales).sum().backward()
      adam.step()
    }
    let values = theta.value.scalars(as: Double.self)
    #expect(abs(values[0] - 1) < 1e-3 && abs(values[1] - 2) < 1e-2)
  }

  @Test("gradient clipping scales every gradient by the same factor")
  func clipping() throws {
    let a = Variable(Tensor([0.0, 0.0], shape: [2]), requiresGrad: true)
    let b = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
    ((a * Variable(Tensor([3.0, 0.0], shape: [2]))).sum() + (b * 4.0).sum()).backward()
    let norm = clipGradientNorm([a, b], maxNorm: 1)
    #expect(norm == 5)
    let factor = 1 / (5 + 1e-6)
    #expect(try #require(a.grad).scalars(as: Double.self) == [3 * factor, 0])
    #expect(try #require(b.grad).scalars(as: Double.self) == [4 * factor])
    #expect(clipGradientNorm([a, b], maxNorm: 10) < 1.0001)
  }

  @Test("schedules: step decay and cosine with warm-up at known points")
  func schedules() {
    let step = StepDecay(base: 0.1, stepSize: 10, gamma: 0.5)
    #expect(step.rate(at: 0) == 0.1 && step.rate(at: 9) == 0.1 && step.rate(at: 10) == 0.05 && step.rate(at: 25) == 0.025)
    let cosine = CosineWithWarmup(base: 1, warmupSteps: 4, totalSteps: 104, minimum: 0.1)
    #expect(cosine.rate(at: 0) == 0.25 && cosine.rate(at: 3) == 1)
    #expect(abs(cosine.rate(at: 4) - 1) < 1e-12)
    #expect(abs(cosine.rate(at: 54) - 0.55) < 1e-12)  // halfway: the mean of 1 and 0.1
    #expect(cosine.rate(at: 104) == 0.1 && cosine.rate(at: 500) == 0.1)
  }
}
