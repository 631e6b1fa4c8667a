import Autograd
import Foundation
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/09-mixed-precision.md,
/// recomputed by the kernel.
@Suite("The mixed-precision lesson's numbers")
struct MixedPrecisionLessonTests {
  /// What one run of the lesson's experiment ends with.
  struct Outcome {
    var losses: [Double]
    var zeroGradientElements: Int
    var skipped: Int
    var finalScale: Double?
  }

  /// The lesson's experiment: an MLP 32 → 64 → 1 in `dtype` learns a
  /// teacher network's outputs, which are small (about 0.01), with mean
  /// squared error on batches of 1,024, plain SGD, 300 steps.
  static func train(dtype: DType, scaler: DynamicLossScaler?, steps: Int = 300) -> Outcome {
    var rng = SplitMix64(seed: 9)
    let teacher = multilayerPerceptron(sizes: [32, 64, 1], dtype: .float64, rng: &rng)
    let model = multilayerPerceptron(sizes: [32, 64, 1], dtype: dtype, rng: &rng)
    let inputs = Tensor((0..<1_024 * 32).map { _ in rng.nextDouble(in: -1..<1) }, shape: [1_024, 32])
    let targets = (teacher(Variable(inputs)).value * 0.01).converted(to: dtype)
    let x = Variable(inputs.converted(to: dtype))
    var training = MixedPrecisionTraining(modelParameters: model.parameters, scaler: scaler) {
      SGD($0, learningRate: 0.5)
    }
    var losses: [Double] = []
    var skipped = 0
    for _ in 0..<steps {
      let loss = Loss.meanSquaredError(model(x), targets)
      losses.append(loss.value.item())
      if !training.step(loss: loss) { skipped += 1 }
    }
    return Outcome(
      losses: losses, zeroGradientElements: training.zeroGradientElements, skipped: skipped,
      finalScale: training.scaler?.scale)
  }

  @Test("fp16 without scaling zeroes gradients; with dynamic scaling none are lost")
  func experiment() {
    let fp32 = Self.train(dtype: .float32, scaler: nil)
    let plain = Self.train(dtype: .float16, scaler: nil)
    let scaled = Self.train(dtype: .float16, scaler: DynamicLossScaler())
    // The lesson's table: losses at steps 0, 10, 100 and 299 to five
    // significant digits, zeroed gradient elements, skipped steps.
    let shown = { (run: Outcome) in
      [0, 10, 100, 299].map { step in
        let value = run.losses[step]
        let scale = pow(10, Double(4 - Int(log10(value).rounded(.down))))
        return (value * scale).rounded() / scale
      }
    }
    #expect(shown(fp32) == [0.033916, 0.026489, 0.00012126, 1.3563e-05])
    #expect(shown(plain) == [0.033905, 0.026550, 0.00012124, 1.3590e-05])
    #expect(shown(scaled) == [0.033905, 0.084106, 0.00012314, 1.3709e-05])
    #expect(fp32.zeroGradientElements == 0 && fp32.skipped == 0)
    #expect(plain.zeroGradientElements == 38_737 && plain.skipped == 0)
    #expect(scaled.zeroGradientElements == 0 && scaled.skipped == 1 && scaled.finalScale == 32_768)
    // 2,177 parameters over 300 steps; 5.9% of them zeroed.
    let parameters: Int = 32 * 64 + 64 + 64 + 1
    #expect(parameters == 2_177)
    let zeroedPerMille = (Double(plain.zeroGradientElements) / Double(300 * parameters) * 1_000).rounded()
    #expect(zeroedPerMille == 59)
  }
}
