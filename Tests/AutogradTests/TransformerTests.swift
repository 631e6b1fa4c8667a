@testable import Autograd
import Foundation
import Tensors
import Testing

@Suite("Attention, transformer block, checkpointing")
struct TransformerTests {
  func random(_ shape: [Int], seed: UInt64) -> Tensor {
    var rng = SplitMix64(seed: seed)
    return Tensor((0..<shape.reduce(1, *)).map { _ in rng.nextDouble(in: -1..<1) }, shape: shape)
  }

  @Test("slicing, concatenation and stacking pass gradients back to the right places")
  func joining() {
    let a = random([2, 3], seed: 1)
    let b = random([2, 2], seed: 2)
    let weights = Variable(random([2, 4], seed: 3))
    let results = GradientCheck().check([a, b]) { v in
      let joined = Variable.concatenated([v[0].sliced(axis: 1, 1..<3), v[1]], axis: -1)  // [2, 4]
      return (joined * weights).sum() + Variable.stacked([v[0], v[0]], axis: 1).sum()
    }
    for result in results { #expect(result.passed, "input \(result.input)") }
    #expect(Tensor.concatenated([a, a], axis: 0).shape == [4, 3])
    #expect(Tensor.stacked([a, a, a], axis: -1).shape == [2, 3, 3])
  }

  @Test("attention's gradients, with and without rotary embeddings, agree with finite differences")
  func attentionGradients() {
    for rotary in [false, true] {
      var rng = SplitMix64(seed: 4)
      let attention = CausalSelfAttention(features: 4, heads: 2, rotary: rotary, dtype: .float64, rng: &rng)
      let x = random([1, 3, 4], seed: 5)
      let weights = Variable(random([1, 3, 4], seed: 6))
      let results = GradientCheck().check([x, attention.wq.weight.value, attention.wv.weight.value]) { v in
        let probe = CausalSelfAttention(features: 4, heads: 2, rotary: rotary, dtype: .float64, rng: &rng)
        let layer = CausalSelfAttention.with(probe, wq: v[1], wk: attention.wk.weight, wv: v[2], wo: attention.wo.weight)
        return (layer(v[0]) * weights).sum()
      }
      for result in results { #expect(result.passed, "rotary \(rotary), input \(result.input): \(result.analytic) vs \(result.numeric)") }
    }
  }

  @Test("a position never sees the future: changing the last token leaves earlier outputs unchanged")
  func causality() {
    var rng = SplitMix64(seed: 7)
    let block = TransformerBlock(features: 8, heads: 2, rotary: true, dtype: .float64, rng: &rng)
    let x = random([1, 5, 8], seed: 8)
    var changed = x.scalars(as: Double.self)
    for index in (4 * 8)..<(5 * 8) { changed[index] += 3 }
    let before = block(Variable(x)).value.scalars(as: Double.self)
    let after = block(Variable(Tensor(changed, shape: [1, 5, 8]))).value.scalars(as: Double.self)
    #expect(before[..<(4 * 8)] == after[..<(4 * 8)])
    #expect(before[(4 * 8)...] != after[(4 * 8)...])
  }

  @Test("rotary embeddings rotate: each position's vector keeps its length")
  func rotaryKeepsNorms() {
    let x = Variable(random([1, 1, 6, 4], seed: 9))
    let rotated = RotaryEmbedding.apply(x).value
    let before = (x.value * x.value).sum(axis: -1).scalars(as: Double.self)
    let after = (rotated * rotated).sum(axis: -1).scalars(as: Double.self)
    for (a, b) in zip(before, after) { #expect(abs(a - b) < 1e-12) }
    #expect(rotated.scalars(as: Double.self)[0..<4] == x.value.scalars(as: Double.self)[0..<4])  // position 0: angle 0
  }

  @Test("a block has 12C² + 9C parameters (no attention biases) and its input gradient checks out")
  func block() {
    var rng = SplitMix64(seed: 10)
    let block = TransformerBlock(features: 8, heads: 2, dtype: .float64, rng: &rng)
    #expect(block.parameterCount == 12 * 64 + 9 * 8)
    #expect(block.namedParameters().map(\.name).contains("attn.wq"))
    let weights = Variable(random([1, 3, 8], seed: 11))
    let result = GradientCheck().check([random([1, 3, 8], seed: 12)]) { v in (block(v[0]) * weights).sum() }
    #expect(result[0].passed, "\(result[0].analytic) vs \(result[0].numeric)")
  }

  @Test("checkpointing gives the same gradients and keeps fewer bytes alive after the forward pass")
  func checkpointing() throws {
    var rng = SplitMix64(seed: 13)
    let block = TransformerBlock(features: 16, heads: 4, dtype: .float64, rng: &rng)
    let x = Variable(random([2, 8, 16], seed: 14), requiresGrad: true)

    let (plain, plainReport) = withMemoryTracking { (block(x) * block(x)).sum() }
    plain.backward()
    let plainGradients = block.parameters.map { $0.grad!.scalars(as: Double.self) }
    let plainInputGradient = try #require(x.grad).scalars(as: Double.self)
    block.parameters.forEach { $0.zeroGrad() }
    x.zeroGrad()

    let (checkpointed, checkpointReport) = withMemoryTracking {
      let y = checkpoint(x, parameters: block.parameters) { block($0) }
      return (y * y).sum()
    }
    checkpointed.backward()
    #expect(abs(plain.value.item() - checkpointed.value.item()) < 1e-9)
    for (a, b) in zip(plainGradients, block.parameters.map { $0.grad!.scalars(as: Double.self) }) {
      #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 })
    }
    #expect(zip(plainInputGradient, try #require(x.grad).scalars(as: Double.self)).allSatisfy { abs($0 - $1) < 1e-9 })
    // Live after the forward pass: the graph's activations without
    // checkpointing, little more than the output with it.
    #expect(checkpointReport.total.liveBytes * 5 < plainReport.total.liveBytes)
  }

  @Test("the graph prints with shapes and bytes")
  func graph() {
    let w = Variable(Tensor.zeros([4, 3], dtype: .float32), requiresGrad: true, name: "weight")
    let y = (Variable(Tensor.zeros([2, 4], dtype: .float32)).matmul(w)).sum()
    let text = y.graphDescription()
    #expect(text.contains("weight"))
    #expect(text.contains("matmul      [2, 3]"))
    #expect(text.hasSuffix("4 nodes, 108 B of values"))  // 48 + 32 + 24 + 4
  }

  @Test("a tiny transformer learns to predict the next token of a repeating sequence")
  func learnsSequence() {
    var rng = SplitMix64(seed: 15)
    let vocabulary = 4
    let embedding = Embedding(count: vocabulary, dimension: 16, dtype: .float64, rng: &rng)
    let block = TransformerBlock(features: 16, heads: 2, rotary: true, dtype: .float64, rng: &rng)
    let head = Linear(inputs: 16, outputs: vocabulary, dtype: .float64, rng: &rng)
    let tokens = [0, 1, 2, 3, 0, 1, 2, 3, 0]
    let inputs = Array(tokens.dropLast())
    let targets = Array(tokens.dropFirst())
    var adam = Adam(embedding.namedParameters().map(\.parameter) + block.parameters + head.parameters, learningRate: 0.01)
    var losses: [Double] = []
    for _ in 0..<60 {
      adam.zeroGrad()
      let hidden = block(embedding(inputs).reshaped([1, inputs.count, 16]))
      let logits = head(hidden).reshaped([inputs.count, vocabulary])
      let loss = Loss.crossEntropy(logits: logits, targets: targets)
      loss.backward()
      adam.step()
      losses.append(loss.value.item())
    }
    #expect(losses[0] > 1)
    #expect(losses.last! < 0.05)
  }
}

extension CausalSelfAttention {
  /// A copy of `layer` whose projection weights are the given variables, so
  /// that a gradient check can perturb them.
  static func with(_ layer: CausalSelfAttention, wq: Variable, wk: Variable, wv: Variable, wo: Variable) -> CausalSelfAttention {
    layer.wq.replaceWeight(wq)
    layer.wk.replaceWeight(wk)
    layer.wv.replaceWeight(wv)
    layer.wo.replaceWeight(wo)
    return layer
  }
}
