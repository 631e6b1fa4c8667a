import Autograd
import Foundation
import Tensors
import Testing

@Suite("Layers")
struct LayerTests {
  @Test("an MLP names its parameters by position and counts them")
  func mlpNames() {
    var rng = SplitMix64(seed: 1)
    let mlp = multilayerPerceptron(sizes: [4, 8, 3], rng: &rng)
    #expect(mlp.namedParameters().map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
    #expect(mlp.parameterCount == 4 * 8 + 8 + 8 * 3 + 3)
    let named = Sequential(named: [("encoder", Linear(inputs: 2, outputs: 2, rng: &rng))])
    #expect(named.namedParameters().map(\.name) == ["encoder.weight", "encoder.bias"])
  }

  @Test("Linear: x·W + b on batches of any rank, with gradients that agree with finite differences")
  func linearGradients() {
    var rng = SplitMix64(seed: 2)
    let layer = Linear(inputs: 3, outputs: 2, dtype: .float64, rng: &rng)
    let bound = 1 / 3.0.squareRoot()
    #expect(layer.weight.value.scalars(as: Double.self).allSatisfy { Swift.abs($0) <= bound })
    let x = Tensor((0..<12).map { Double($0) / 10 }, shape: [2, 2, 3])
    let results = GradientCheck().check([x, layer.weight.value, layer.bias!.value]) { v in
      let product = v[0].matmul(v[1]) + v[2]
      return (product * product).sum()
    }
    for result in results { #expect(result.passed, "input \(result.input)") }
    #expect(layer(Variable(x)).shape == [2, 2, 2])
  }

  @Test("LayerNorm output has mean 0 and variance 1 per row; its gradient checks out")
  func layerNorm() {
    let norm = LayerNorm(features: 4, dtype: .float64)
    let x = Tensor([1, 2, 3, 10, -5, 0, 5, 0], shape: [2, 4])
    let y = norm(Variable(x)).value
    let means = y.mean(axis: -1).scalars(as: Double.self)
    let variances = y.variance(axes: [-1], correction: 0).scalars(as: Double.self)
    for (mean, variance) in zip(means, variances) {
      #expect(Swift.abs(mean) < 1e-12)
      #expect(Swift.abs(variance - 1) < 1e-4)  // ε = 1e-5 shrinks it slightly
    }
    let weights = Tensor([0.3, -1, 2, 0.5, 1, 1, -0.2, 0.7], shape: [2, 4])
    let result = GradientCheck().check([x]) { v in (LayerNorm(features: 4, dtype: .float64)(v[0]) * Variable(weights)).sum() }
    #expect(result[0].passed)
  }

  @Test("RMSNorm divides by the root mean square")
  func rmsNorm() {
    let y = RMSNorm(features: 2, epsilon: 0, dtype: .float64)(Variable(Tensor([3, 4], shape: [1, 2]))).value
    let rms = (12.5).squareRoot()
    #expect(y.scalars(as: Double.self) == [3 / rms, 4 / rms])
  }

  @Test("embedding lookups gather rows and add gradients of repeated tokens")
  func embedding() throws {
    var rng = SplitMix64(seed: 3)
    let table = Embedding(count: 5, dimension: 2, dtype: .float64, rng: &rng)
    let rows = table([4, 1, 4])
    #expect(rows.shape == [3, 2])
    rows.sum().backward()
    #expect(try #require(table.weight.grad).scalars(as: Double.self) == [0, 0, 1, 1, 0, 0, 0, 0, 2, 2])
  }

  @Test("dropout keeps the mean, is repeatable from its seed, and is the identity in evaluation")
  func dropout() {
    let input = Variable(Tensor(shape: [10_000], dtype: .float64, repeating: 1))
    let a = Dropout(probability: 0.3, seed: 9)(input).value.scalars(as: Double.self)
    let b = Dropout(probability: 0.3, seed: 9)(input).value.scalars(as: Double.self)
    #expect(a == b)
    let kept = a.filter { $0 != 0 }.count
    // Binomial(10000, 0.7): mean 7000, sd ≈ 45.8; 4 sd either side.
    #expect(abs(kept - 7000) < 184)
    #expect(a.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.7) < 1e-12 })
    let evaluation = Dropout(probability: 0.3, seed: 9)
    evaluation.isTraining = false
    #expect(evaluation(input) === input)
  }

  @Test("an MLP learns XOR with Adam and cross-entropy")
  func xor() {
    var rng = SplitMix64(seed: 4)
    let model = multilayerPerceptron(sizes: [2, 8, 2], activation: { .tanh }, dtype: .float64, rng: &rng)
    let x = Variable(Tensor([0, 0, 0, 1, 1, 0, 1, 1], shape: [4, 2]))
    let labels = [0, 1, 1, 0]
    var adam = Adam(model.parameters, learningRate: 0.05)
    var loss = Double.infinity
    for _ in 0..<500 {
      adam.zeroGrad()
      let step = Loss.crossEntropy(logits: model(x), targets: labels)
      step.backward()
      adam.step()
      loss = step.value.item()
    }
    #expect(loss < 0.01)
    let predictions = model(x).value.argmax(axis: 1).scalars(as: Double.self).map { Int($0) }
    #expect(predictions == labels)
  }

  @Test("the memory tracker sees parameters, gradients and Adam's two moments")
  func memoryTags() {
    var rng = SplitMix64(seed: 5)
    let (_, report) = withMemoryTracking {
      let layer = Linear(inputs: 100, outputs: 50, bias: false, dtype: .float32, rng: &rng)
      var adam = Adam(layer.parameters)
      Loss.meanSquaredError(layer(Variable(Tensor.zeros([4, 100]))), Tensor.zeros([4, 50])).backward()
      adam.step()
      return (layer, adam)  // both kept alive until the report is taken
    }
    let parameterBytes = 100 * 50 * 4
    #expect(report.byTag[.gradient]?.peakBytes == parameterBytes)
    #expect(report.byTag[.optimizerState]?.liveBytes == 2 * parameterBytes)
    #expect(report.byTag[.parameter]?.liveBytes == parameterBytes)
  }
}
