@testable import Autograd
import Foundation
import Tensors
import Testing

/// The numbers printed in Lessons/2-training (lessons 1 to 4), recomputed by
/// the kernel: a lesson's figures must come from the reference code.
@Suite("Part 2's worked examples")
struct TrainingLessonTests {
  func scalar(_ x: Double, grad: Bool = true) -> Variable { Variable(Tensor([x], shape: [1]), requiresGrad: grad) }

  @Test("lesson 1: tanh(a·b + c) at (0.5, −1.5, 0.8), its gradient and central differences")
  func tanhExample() {
    let (a, b, c) = (scalar(0.5), scalar(-1.5), scalar(0.8))
    let out = (a * b + c).tanh()
    out.backward()
    #expect(abs(out.value.item() - 0.04995837495788) < 1e-14)
    #expect(abs(a.grad!.item() - -1.49625624115735) < 1e-13)
    #expect(abs(b.grad!.item() - 0.49875208038578) < 1e-13)
    #expect(abs(c.grad!.item() - 0.99750416077157) < 1e-13)
    let f = { (a: Double, b: Double, c: Double) in Foundation.tanh(a * b + c) }
    let h = 1e-6
    #expect(abs((f(0.5 + h, -1.5, 0.8) - f(0.5 - h, -1.5, 0.8)) / (2 * h) - -1.49625624114) < 1e-10)
    #expect(abs((f(0.5, -1.5 + h, 0.8) - f(0.5, -1.5 - h, 0.8)) / (2 * h) - 0.49875208034) < 1e-10)
    #expect(abs((f(0.5, -1.5, 0.8 + h) - f(0.5, -1.5, 0.8 - h)) / (2 * h) - 0.99750416080) < 1e-10)
  }

  @Test("lesson 1: 50 steps of gradient descent on y = 2x + 1 at four learning rates")
  func lineFitTable() {
    let x = Variable(Tensor([-1, -0.5, 0, 0.5, 1], shape: [5]))
    let y = Tensor([-1, 0, 1, 2, 3], shape: [5])
    func fit(_ learningRate: Double) -> (Double, Double) {
      let w = scalar(0)
      let b = scalar(0)
      var optimizer = SGD([w, b], learningRate: learningRate)
      for _ in 0..<50 {
        optimizer.zeroGrad()
        Loss.meanSquaredError(x * w + b, y).backward()
        optimizer.step()
      }
      return (w.value.item(), b.value.item())
    }
    let slow = fit(0.1)
    #expect(abs(slow.0 - 1.98969) < 5e-6 && abs(slow.1 - 0.99999) < 5e-6)
    let fast = fit(0.5)
    #expect(abs(fast.0 - 2) < 5e-6 && abs(fast.1 - 1) < 5e-6)
    let edge = fit(1.0)
    #expect(abs(edge.0 - 2) < 5e-6 && abs(edge.1) < 5e-6)
    let diverged = fit(1.1)
    #expect(abs(diverged.0 - 2) < 5e-6 && abs(diverged.1 - -9099.4) < 0.05)
  }

  @Test("lesson 2: cross-entropy of [1, 2, 3] with label 0, and its gradient p − onehot")
  func softmaxExample() {
    let z = Variable(Tensor([1, 2, 3], shape: [1, 3]), requiresGrad: true)
    let loss = Loss.crossEntropy(logits: z, targets: [0])
    loss.backward()
    #expect(abs(loss.value.item() - 2.40760596444438) < 1e-13)
    let gradient = z.grad!.scalars(as: Double.self)
    for (got, want) in zip(gradient, [-0.90996943, 0.24472847, 0.66524096]) { #expect(abs(got - want) < 5e-9) }
    // Shifting every logit by 1,000 changes nothing in the stable form.
    let shifted = Variable(Tensor([1_001, 1_002, 1_003], shape: [1, 3]))
    #expect(abs(Loss.crossEntropy(logits: shifted, targets: [0]).value.item() - 2.40760596444438) < 1e-12)
  }

  /// Relative error of the central difference of x³ at 0.7 in `T`, step 10⁻ᵉ.
  func centralDifferenceError<T: BinaryFloatingPoint>(_: T.Type, exponent: Int) -> Double {
    let x = T(0.7)
    let h = T(Foundation.pow(10.0, Double(-exponent)))
    let f = { (v: T) in v * v * v }
    let estimate = (f(x + h) - f(x - h)) / (2 * h)
    let truth = 3 * Double(x) * Double(x)
    return abs(Double(estimate) - truth) / truth
  }

  @Test("lesson 2: the float64 and float32 rows of the step-size table")
  func precisionTable() {
    let float64 = [6.8e-3, 6.8e-5, 6.8e-7, 6.8e-9, 6.3e-11, 2.1e-11, 5.3e-10]
    let float32 = [6.8e-3, 6.7e-5, 2.1e-5, 2.0e-4, 1.5e-3, 1.4e-2, 2.2e-1]
    for exponent in 1...7 {
      let (wide, narrow) = (centralDifferenceError(Double.self, exponent: exponent), centralDifferenceError(Float.self, exponent: exponent))
      // Two significant digits, as printed.
      #expect(abs(wide - float64[exponent - 1]) <= 0.051 * float64[exponent - 1], "float64, h = 1e-\(exponent): \(wide)")
      #expect(abs(narrow - float32[exponent - 1]) <= 0.051 * float32[exponent - 1], "float32, h = 1e-\(exponent): \(narrow)")
    }
  }

  @Test("lesson 3: the seven delivery times under three losses")
  func bestConstantTable() {
    let values = [12.0, 13, 14, 15, 16, 18, 40]
    let target = Tensor(values, shape: [7])
    func losses(_ c: Double) -> [Double] {
      let prediction = Variable(Tensor(shape: [7], dtype: .float64, repeating: c))
      return [
        Loss.meanSquaredError(prediction, target).value.item(),
        Loss.meanAbsoluteError(prediction, target).value.item(),
        Loss.pinball(prediction, target, tau: 0.9).value.item(),
      ]
    }
    let table: [(Double, [Double])] = [
      (128.0 / 7, [81.92, 6.20, 3.10]), (15, [92.71, 5.00, 3.81]), (40, [553.43, 21.71, 2.17]),
    ]
    for (c, printed) in table {
      for (got, want) in zip(losses(c), printed) { #expect(abs(got - want) <= 0.005, "c = \(c): \(got)") }
    }
  }

  @Test("lesson 3: expected log and Brier scores at p = 0.7 (log as cross-entropy with a soft target)")
  func properScoreTable() {
    let printed: [(q: Double, log: Double, brier: Double)] = [
      (0.5, 0.6931, 0.2500), (0.6, 0.6325, 0.2200), (0.7, 0.6109, 0.2100), (0.8, 0.6390, 0.2200),
      (0.9, 0.7645, 0.2500), (0.99, 1.3886, 0.2941),
    ]
    for row in printed {
      let logit = Variable(Tensor([Foundation.log(row.q / (1 - row.q))], shape: [1]))
      let log = Loss.binaryCrossEntropy(logits: logit, targets: Tensor([0.7], shape: [1])).value.item()
      #expect(abs(log - row.log) <= 0.00005, "q = \(row.q): \(log)")
      // E[Brier] = mean squared error against the two outcomes, weighted 0.7 and 0.3.
      let q = Variable(Tensor([row.q], shape: [1]))
      let brier =
        0.7 * Loss.meanSquaredError(q, Tensor([1.0], shape: [1])).value.item()
        + 0.3 * Loss.meanSquaredError(q, Tensor([0.0], shape: [1])).value.item()
      #expect(abs(brier - row.brier) <= 0.00005, "q = \(row.q): \(brier)")
    }
  }

  @Test("lesson 4: focal loss at p_t = 0.9, 0.968 and 0.99 with γ = 2, natural log")
  func focalNumbers() {
    func focal(_ pt: Double, gamma: Double) -> Double {
      // Two logits [0, log(p_t / (1 − p_t))] give the second class probability p_t.
      let logits = Variable(Tensor([0, Foundation.log(pt / (1 - pt))], shape: [1, 2]))
      return Loss.focal(logits: logits, targets: [1], gamma: gamma).value.item()
    }
    #expect(abs(focal(0.9, gamma: 0) - 0.10536) < 5e-6)
    #expect(abs(focal(0.9, gamma: 2) - 0.0010536) < 5e-8)
    #expect(abs(focal(0.99, gamma: 0) - 0.01005) < 5e-6)
    #expect(abs(focal(0.99, gamma: 2) - 1.005e-6) < 5e-10)
    let ratio = focal(0.968, gamma: 0) / focal(0.968, gamma: 2)
    #expect(ratio > 950 && ratio < 1_000)
    // The base-10 figure some write-ups quote.
    #expect(abs(-Foundation.log10(0.9) - 0.0458) < 5e-5)
  }

  @Test("lesson 4: the focal gradient formula for y = 1 agrees with the kernel's autograd")
  func focalGradient() {
    for (x, gamma) in [(0.7, 2.0), (-1.2, 2.0), (2.5, 0.5), (0.3, 0.0)] {
      let z = Variable(Tensor([x], shape: [1, 1]), requiresGrad: true)
      let logits = Variable.concatenated([Variable(Tensor.zeros([1, 1], dtype: .float64)), z], axis: 1)
      Loss.focal(logits: logits, targets: [1], gamma: gamma).backward()
      let p = 1 / (1 + Foundation.exp(-x))
      let formula = gamma * p * Foundation.pow(1 - p, gamma) * Foundation.log(p) - Foundation.pow(1 - p, gamma + 1)
      #expect(abs(z.grad!.item() - formula) < 1e-12, "x = \(x), γ = \(gamma)")
    }
  }
}
