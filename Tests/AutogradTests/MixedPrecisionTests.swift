import Autograd
import Foundation
import Tensors
import Testing

@Suite("Mixed precision")
struct MixedPrecisionTests {
  func halfParameter(_ values: [Double]) -> Variable {
    Variable(Tensor(values, shape: [values.count]).converted(to: .float16), requiresGrad: true)
  }

  @Test("fp16 without loss scaling silently loses a 1e-8 gradient; with scaling it survives")
  func scalingSavesSmallGradients() throws {
    let plainWeights = halfParameter([1, 1, 1, 1])
    var plain = MixedPrecisionTraining(modelParameters: [plainWeights], scaler: nil) { SGD($0, learningRate: 1) }
    plain.step(loss: (plainWeights * 1e-4).sum() * 1e-4)
    // d loss / dw = 1e-4 · 1e-4 = 1e-8 < 2⁻²⁴ ≈ 5.96e-8: it rounds to 0 in fp16.
    // (Both constants are fp16 numbers; 1e-8 itself would already be 0.)
    #expect(plain.zeroGradientElements == 4)
    #expect(plain.optimizer.parameters[0].value.scalars(as: Double.self) == [1, 1, 1, 1])

    let scaledWeights = halfParameter([1, 1, 1, 1])
    // PyTorch's default first scale, 2¹⁶, is itself past fp16's largest
    // value (65504) when a gradient of 1 meets it: the first step overflows,
    // is skipped, and the scale halves. That is the scaler working.
    var scaled = MixedPrecisionTraining(modelParameters: [scaledWeights], scaler: DynamicLossScaler()) {
      SGD($0, learningRate: 1)
    }
    let first = scaled.step(loss: (scaledWeights * 1e-4).sum() * 1e-4)
    #expect(!first)
    #expect(scaled.scaler?.scale == 32_768 && scaled.scaler?.overflowCount == 1)
    let taken = scaled.step(loss: (scaledWeights * 1e-4).sum() * 1e-4)
    #expect(taken)
    #expect(scaled.zeroGradientElements == 0)
    let gradient = try #require(scaled.optimizer.parameters[0].grad).scalars(as: Double.self)
    // 32768 · 1e-8 is stored in fp16 with a relative error below 2⁻¹¹.
    #expect(gradient.allSatisfy { abs($0 - 1e-8) / 1e-8 < 1e-3 })
  }

  @Test("fp32 master weights keep updates smaller than fp16's spacing")
  func masterWeights() {
    let weights = halfParameter([1])
    var training = MixedPrecisionTraining(modelParameters: [weights], scaler: DynamicLossScaler(scale: 1024)) {
      SGD($0, learningRate: 1e-4)
    }
    for _ in 0..<10 { training.step(loss: weights.sum()) }  // gradient 1: −1e-4 per step
    // In fp16 alone 1 − 1e-4 rounds back to 1 (the spacing below 1 is 2⁻¹¹).
    #expect(Tensor([1 - 1e-4], shape: [1]).converted(to: .float16).scalars(as: Double.self) == [1])
    let master = training.optimizer.parameters[0].value.item()
    #expect(abs(master - 0.999) < 1e-6)
    #expect(weights.value.dtype == .float16)
    #expect(abs(weights.value.item() - 0.999) < 5e-4)
  }

  @Test("the scaler skips a step on overflow, halves, and grows again after good steps")
  func scalerRecovers() {
    var scaler = DynamicLossScaler(scale: 1024, growthInterval: 3)
    let overflow = Tensor([1, .infinity], shape: [2]).converted(to: .float16)
    let skipped = scaler.unscale([overflow])
    #expect(skipped == nil)
    #expect(scaler.scale == 512 && scaler.overflowCount == 1)
    let fine = Tensor([512, 1024], shape: [2]).converted(to: .float16)
    let unscaled = scaler.unscale([fine])
    #expect(unscaled?[0].scalars(as: Double.self) == [1, 2])
    _ = scaler.unscale([fine])
    _ = scaler.unscale([fine])
    #expect(scaler.scale == 1024 && scaler.goodSteps == 0)
  }
}
