import Autograd
import Foundation
import Grading
import Tensors
import Testing

/// The fraud numbers printed in Lessons/2-training/04-imbalance-and-costs.md,
/// recomputed from the grader's data (seed 1, c_FP = 1, c_FN = 20).
@Suite("The imbalance lesson's fraud example")
struct FraudLessonTests {
  let data = FraudDecisionsGrader.Transactions.generate(seed: 1, bias: -5)

  func cost(_ decisions: [Bool]) -> Double { data.expectedCost(decisions, falsePositiveCost: 1, falseNegativeCost: 20) }

  /// Logistic regression trained with Adam as in the exercise's solution;
  /// `fraudWeight` multiplies the loss of fraud rows.
  func trainedProbabilities(fraudWeight: Double) -> [Double] {
    let n = data.trainFeatures.count
    let x = Variable(Tensor(data.trainFeatures.flatMap { $0 }, shape: [n, 6]))
    let y = data.trainLabels.map(Double.init)
    let rowWeights = y.map { $0 == 1 ? fraudWeight : 1 }
    let total = rowWeights.reduce(0, +)
    let weights = Variable(Tensor.zeros([6, 1], dtype: .float64), requiresGrad: true)
    // The bias starts at the weighted log-odds of fraud, as in the solution.
    let fraud = Double(data.trainLabels.reduce(0, +))
    let odds = fraudWeight * fraud / (Double(n) - fraud)
    let bias = Variable(Tensor([Foundation.log(odds)], shape: [1]), requiresGrad: true)
    var optimizer = Adam([weights, bias], learningRate: 0.2)
    let targets = Variable(Tensor(y, shape: [n, 1]))
    let scale = Variable(Tensor(rowWeights.map { $0 * Double(n) / total }, shape: [n, 1]))
    for _ in 0..<60 {
      optimizer.zeroGrad()
      let z = x.matmul(weights) + bias
      // Per-row binary cross-entropy, max(z, 0) − z·y + log(1 + e^(−|z|)), weighted.
      let perRow = z.relu() - z * targets + ((-z.abs()).exp() + 1.0).log()
      (perRow * scale).mean().backward()
      optimizer.step()
    }
    let test = Variable(Tensor(data.testFeatures.flatMap { $0 }, shape: [data.testFeatures.count, 6]))
    return withoutGradients { (test.matmul(weights) + bias).sigmoid() }.value.scalars(as: Double.self)
  }

  @Test("the printed figures")
  func figures() {
    let fraudShare = Double(data.trainLabels.reduce(0, +)) / Double(data.trainLabels.count)
    let trueFraudRate = data.testProbabilities.reduce(0, +) / Double(data.testProbabilities.count)
    let plain = trainedProbabilities(fraudWeight: 1)
    let weighted = trainedProbabilities(fraudWeight: 20)
    let threshold = 1.0 / 21
    let optimal = data.optimalDecisions(falsePositiveCost: 1, falseNegativeCost: 20)
    func near(_ value: Double, _ printed: Double, _ digits: Double = 0.00005) -> Bool { abs(value - printed) <= digits }
    #expect(near(fraudShare, 0.0295))
    #expect(near(trueFraudRate, 0.0315))
    let accuracyOfNothing = data.testProbabilities.reduce(0) { $0 + (1 - $1) } / Double(data.testProbabilities.count)
    #expect(near(accuracyOfNothing, 0.968, 0.0005))
    #expect(near(cost(data.testProbabilities.map { _ in false }), 0.6306))
    #expect(near(cost(plain.map { $0 > 0.5 }), 0.5599) && plain.filter { $0 > 0.5 }.count == 55)
    #expect(near(cost(weighted.map { $0 > threshold }), 0.6255) && weighted.filter { $0 > threshold }.count == 6_475)
    #expect(near(cost(plain.map { $0 > threshold }), 0.2873))
    #expect(near(cost(optimal), 0.2845) && optimal.filter { $0 }.count == 1_530)
    #expect(near(cost(weighted.map { $0 > 0.5 }), 0.2917))
    #expect(near(plain.reduce(0, +) / Double(plain.count), 0.0276))
    #expect(near(weighted.reduce(0, +) / Double(weighted.count), 0.202, 0.0005))
  }
}
