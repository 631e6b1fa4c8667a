@testable import Autograd
import Foundation
import Tensors
import Testing

@Suite("Element-wise and softmax gradients")
struct MathGradientTests {
  func random(_ shape: [Int], in range: Range<Double>, seed: UInt64) -> Tensor {
    var rng = SplitMix64(seed: seed)
    return Tensor((0..<shape.reduce(1, *)).map { _ in rng.nextDouble(in: range) }, shape: shape)
  }

  @Test("every element-wise function agrees with finite differences")
  func elementwise() {
    let positive = random([2, 3], in: 0.2..<2, seed: 1)
    let anySign = random([2, 3], in: -2..<2, seed: 2)
    let cases: [(String, Tensor, (Variable) -> Variable)] = [
      ("exp", anySign, { $0.exp() }),
      ("log", positive, { $0.log() }),
      ("sqrt", positive, { $0.sqrt() }),
      ("pow 3", anySign, { $0.pow(3) }),
      ("pow -1.5", positive, { $0.pow(-1.5) }),
      ("abs", anySign, { $0.abs() }),
      ("tanh", anySign, { $0.tanh() }),
      ("sigmoid", anySign, { $0.sigmoid() }),
      ("relu", anySign, { $0.relu() }),
      ("softmax", anySign, { $0.softmax(axis: 1) }),
      ("logSoftmax", anySign, { $0.logSoftmax(axis: 0) }),
      ("logSumExp", anySign, { $0.logSumExp(axis: -1) }),
      ("logSumExp keepDims", anySign, { $0.logSumExp(axis: 0, keepDims: true) }),
    ]
    let weights = random([2, 3], in: -1..<1, seed: 3)
    for (name, point, function) in cases {
      let results = GradientCheck().check([point]) { v in
        let y = function(v[0])
        // A weighted sum, so that each output element matters differently.
        return y.shape == weights.shape ? (y * Variable(weights)).sum() : (y * y).sum()
      }
      #expect(results[0].passed, "\(name): analytic \(results[0].analytic) vs numeric \(results[0].numeric)")
    }
  }
}

@Suite("Losses")
struct LossTests {
  func logits(_ rows: [[Double]]) -> Variable {
    Variable(Tensor(rows.flatMap { $0 }, shape: [rows.count, rows[0].count]), requiresGrad: true)
  }

  @Test("cross-entropy of [1, 2, 3] with target 2 is −log softmax = 0.40760596…")
  func crossEntropyValue() {
    let loss = Loss.crossEntropy(logits: logits([[1, 2, 3]]), targets: [2])
    let expected = -(3 - Foundation.log(Foundation.exp(1.0) + Foundation.exp(2.0) + Foundation.exp(3.0)))
    #expect(abs(loss.value.item() - expected) < 1e-12)
    #expect(abs(expected - 0.40760596444438) < 1e-12)
  }

  @Test("label smoothing mixes the target with the uniform distribution")
  func labelSmoothing() {
    let z = [1.0, 2, 3]
    let logSum = Foundation.log(z.map { Foundation.exp($0) }.reduce(0, +))
    let logP = z.map { $0 - logSum }
    let q = [0.1 / 3, 0.1 / 3, 0.9 + 0.1 / 3]
    let expected = -zip(q, logP).map(*).reduce(0, +)
    let loss = Loss.crossEntropy(logits: logits([z]), targets: [2], labelSmoothing: 0.1)
    #expect(abs(loss.value.item() - expected) < 1e-12)
  }

  @Test("class weights give a weighted mean; ignored rows count for nothing")
  func weightsAndIgnore() {
    let rows = [[2.0, 0.5], [0.1, 0.3], [5.0, -5.0]]
    let weighted = Loss.crossEntropy(logits: logits(rows), targets: [0, 1, 1], classWeights: [1, 3])
    func single(_ row: [Double], _ target: Int) -> Double {
      Loss.crossEntropy(logits: logits([row]), targets: [target]).value.item()
    }
    let expected = (single(rows[0], 0) + 3 * single(rows[1], 1) + 3 * single(rows[2], 1)) / 7
    #expect(abs(weighted.value.item() - expected) < 1e-12)
    let ignoring = Loss.crossEntropy(logits: logits(rows), targets: [0, -100, 1], ignoreIndex: -100)
    #expect(abs(ignoring.value.item() - (single(rows[0], 0) + single(rows[2], 1)) / 2) < 1e-12)
  }

  @Test("at logits of ±1000 every loss and gradient stays finite and right")
  func extremeLogits() throws {
    let z = logits([[1000, -1000, 0]])
    let right = Loss.crossEntropy(logits: z, targets: [0])
    #expect(right.value.item() == 0)
    let wrong = Loss.crossEntropy(logits: z, targets: [1])
    #expect(wrong.value.item() == 2000)
    wrong.backward()
    let grad = try #require(z.grad).scalars(as: Double.self)
    let finite = grad.allSatisfy { $0.isFinite }
    #expect(finite)
    #expect(abs(grad[0] - 1) < 1e-12 && abs(grad[1] + 1) < 1e-12)

    let b = Variable(Tensor([1000, -1000, 1000, -1000], shape: [4]), requiresGrad: true)
    let bce = Loss.binaryCrossEntropy(logits: b, targets: Tensor([1, 0, 0, 1], shape: [4]))
    #expect(bce.value.item() == 500)  // (0 + 0 + 1000 + 1000) / 4
    bce.backward()
    #expect(try #require(b.grad).scalars(as: Double.self) == [0, 0, 0.25, -0.25])
  }

  @Test("focal loss: γ = 0 is cross-entropy; p_t = 0.9, γ = 2 gives 0.01 · 0.10536 (natural log)")
  func focal() {
    let rows = [[0.3, -1.2, 2.0], [1.5, 0.2, -0.7]]
    let ce = Loss.crossEntropy(logits: logits(rows), targets: [2, 1]).value.item()
    let focalZero = Loss.focal(logits: logits(rows), targets: [2, 1], gamma: 0).value.item()
    #expect(abs(ce - focalZero) < 1e-12)
    // Two classes with logits (log 0.9, log 0.1): p_t = 0.9 for target 0.
    let pt = Loss.focal(logits: logits([[Foundation.log(0.9), Foundation.log(0.1)]]), targets: [0], gamma: 2)
    #expect(abs(pt.value.item() - 0.01 * -Foundation.log(0.9)) < 1e-12)
    #expect(abs(pt.value.item() - 0.0010536) < 1e-7)
  }

  @Test("MSE, MAE and Huber: values by hand and gradients by finite differences")
  func regressionLosses() {
    let prediction = Tensor([1.0, 2, 6], shape: [3])
    let target = Tensor([1.5, 2, 3], shape: [3])
    #expect(abs(Loss.meanSquaredError(Variable(prediction), target).value.item() - (0.25 + 0 + 9) / 3) < 1e-12)
    #expect(abs(Loss.meanAbsoluteError(Variable(prediction), target).value.item() - 3.5 / 3) < 1e-12)
    // Huber δ = 1: 0.5·0.25 for the small residual, 1·(3 − 0.5) for the large.
    #expect(abs(Loss.huber(Variable(prediction), target).value.item() - (0.125 + 0 + 2.5) / 3) < 1e-12)
    let away = Tensor([1.2, 2.7, 6], shape: [3])  // no residual at a kink
    for loss in [Loss.meanSquaredError, Loss.meanAbsoluteError, { Loss.huber($0, $1) }] as [(Variable, Tensor) -> Variable] {
      let result = GradientCheck().check([away]) { v in loss(v[0], target) }
      #expect(result[0].passed)
    }
  }

  @Test("KL divergence is 0 against itself and positive otherwise, with 0·log 0 = 0")
  func klDivergence() {
    let p = Tensor([0.5, 0.5, 0, 0.2, 0.3, 0.5], shape: [2, 3])
    let logP = Variable(Tensor([0.5, 0.5, 1e-300, 0.2, 0.3, 0.5], shape: [2, 3]).log())
    #expect(abs(Loss.klDivergence(logQ: logP, target: p).value.item()) < 1e-12)
    let uniform = Variable(Tensor(shape: [2, 3], dtype: .float64, repeating: 1.0 / 3).log())
    let kl = Loss.klDivergence(logQ: uniform, target: p).value.item()
    let expected = (0.5 * Foundation.log(1.5) * 2 + 0.2 * Foundation.log(0.6) + 0.3 * Foundation.log(0.9) + 0.5 * Foundation.log(1.5)) / 2
    #expect(abs(kl - expected) < 1e-12)
  }

  @Test("cross-entropy, BCE and focal gradients agree with finite differences")
  func lossGradients() {
    var rng = SplitMix64(seed: 11)
    let z = Tensor((0..<12).map { _ in rng.nextDouble(in: -3..<3) }, shape: [4, 3])
    let checks: [([Variable]) -> Variable] = [
      { Loss.crossEntropy(logits: $0[0], targets: [0, 2, 1, 2], classWeights: [1, 2, 0.5], labelSmoothing: 0.1) },
      { Loss.focal(logits: $0[0], targets: [0, 2, 1, 2], gamma: 2) },
      { Loss.binaryCrossEntropy(logits: $0[0], targets: Tensor(shape: [4, 3], dtype: .float64, repeating: 0.3)) },
      { Loss.negativeLogLikelihood(logProbabilities: $0[0].logSoftmax(axis: 1), targets: [1, 1, 0, 2]) },
    ]
    for (index, loss) in checks.enumerated() {
      let result = GradientCheck().check([z], loss)
      #expect(result[0].passed, "loss \(index): \(result[0].analytic) vs \(result[0].numeric)")
    }
  }
}

@Suite("Known gradients and learning problems")
struct KnownResultTests {
  @Test("the gradient of mean softmax cross-entropy is (p − y) / N")
  func softmaxCrossEntropyGradient() throws {
    let z = Tensor([0.5, -1, 2, 0, 0, 0, 3, 1, -2], shape: [3, 3])
    let logits = Variable(z, requiresGrad: true)
    Loss.crossEntropy(logits: logits, targets: [2, 0, 1]).backward()
    let p = z.softmax(axis: 1).scalars(as: Double.self)
    var expected = p
    for (row, target) in [2, 0, 1].enumerated() { expected[row * 3 + target] -= 1 }
    let got = try #require(logits.grad).scalars(as: Double.self)
    for (a, b) in zip(got, expected) { #expect(abs(a - b / 3) < 1e-12) }
  }

  @Test("an MLP separates two interleaved spirals to 100% training accuracy")
  func spirals() {
    var rng = SplitMix64(seed: 21)
    var points: [Double] = []
    var labels: [Int] = []
    for label in 0..<2 {
      for index in 0..<50 {
        let radius = Double(index) / 50 * 5 + 0.5
        let angle = Double(index) / 50 * 2.5 * Double.pi + Double(label) * Double.pi
        points += [radius * cos(angle) + rng.nextNormal() * 0.05, radius * sin(angle) + rng.nextNormal() * 0.05]
        labels.append(label)
      }
    }
    let x = Variable(Tensor(points, shape: [100, 2]))
    let model = multilayerPerceptron(sizes: [2, 32, 32, 2], activation: { .tanh }, dtype: .float64, rng: &rng)
    var adam = Adam(model.parameters, learningRate: 0.02)
    for _ in 0..<800 {
      adam.zeroGrad()
      Loss.crossEntropy(logits: model(x), targets: labels).backward()
      adam.step()
    }
    let predictions = model(x).value.argmax(axis: 1).scalars(as: Double.self).map { Int($0) }
    #expect(predictions == labels)
  }
}

@Suite("Selection and shape gradients")
struct SelectionGradientTests {
  @Test("where, max, min, clamp, squeeze and expand agree with finite differences")
  func selection() {
    var rng = SplitMix64(seed: 31)
    let x = Tensor((0..<12).map { _ in rng.nextDouble(in: -2..<2) }, shape: [3, 4])
    let condition = x .> 0.3
    let cases: [(String, (Variable) -> Variable)] = [
      ("where", { Variable.where(condition, $0 * $0, $0 * 3.0).sum() }),
      ("max", { ($0.max(axis: 1) * Variable(Tensor([1, -2, 3], shape: [3]))).sum() }),
      ("min keepDims", { $0.min(axis: 0, keepDims: true).pow(2).sum() }),
      ("clamp", { $0.clamped(min: -1, max: 1).pow(3).sum() }),
      ("squeeze/expand", { $0.sum(axis: 1, keepDims: true).expanded(to: [3, 4]).squeezed().pow(2).sum() }),
    ]
    for (name, function) in cases {
      let result = GradientCheck().check([x]) { v in function(v[0]) }
      #expect(result[0].passed, "\(name): \(result[0].analytic) vs \(result[0].numeric)")
    }
  }

  @Test("a tie for the maximum shares the gradient equally")
  func maxTies() throws {
    let x = Variable(Tensor([2, 5, 5, 1], shape: [1, 4]), requiresGrad: true)
    x.max(axis: 1).sum().backward()
    #expect(try #require(x.grad).scalars(as: Double.self) == [0, 0.5, 0.5, 0])
  }

  @Test("large inputs are checked on a stratified sample that still catches a wrong rule")
  func stratifiedSample() {
    var check = GradientCheck()
    check.maximumElementsPerInput = 50
    let indices = check.sampleIndices(count: 10_000)
    #expect(indices.count == 50)
    #expect(zip(indices, indices.dropFirst()).allSatisfy { $0 < $1 })
    #expect(indices.first! < 200 && indices.last! >= 9_800)
    let big = Tensor(shape: [100, 100], dtype: .float64, repeating: 0.5)
    #expect(check.check([big]) { v in v[0].pow(2).sum() }[0].passed)
  }
}
