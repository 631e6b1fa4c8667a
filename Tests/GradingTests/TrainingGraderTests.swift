import Autograd
import Foundation
import Grading
import Stats
import Tensors
import Testing

/// Part 2's graders judged with implementations written here, independently
/// of each grader's reference: a correct one must pass every seed, and each
/// named mistake must fail with its own diagnosis.
@Suite("Training graders")
struct TrainingGraderTests {
  static let seeds: [UInt64] = [1, 2, 3, 99]

  func verdicts(_ grader: some Grader) -> [Verdict] { grader.checks(seed: 1).map { $0.run() } }

  // MARK: - Scalar backward

  /// Forward-mode differentiation with dual numbers: an independent way to
  /// get the same gradient, one input at a time.
  static func forwardModeGradients(_ inputs: [Double], _ tape: [(String, Int, Int)]) -> [Double] {
    inputs.indices.map { wrt in
      var values = inputs.map { ($0, 0.0) }
      values[wrt].1 = 1
      for (operation, a, b) in tape {
        let (x, dx) = values[a]
        let (y, dy) = values[b]
        switch operation {
        case "add": values.append((x + y, dx + dy))
        case "mul": values.append((x * y, dx * y + x * dy))
        case "tanh": values.append((Foundation.tanh(x), (1 - Foundation.tanh(x) * Foundation.tanh(x)) * dx))
        default: values.append((Foundation.exp(x), Foundation.exp(x) * dx))
        }
      }
      return values[values.count - 1].1
    }
  }

  @Test("scalar backward: forward-mode gradients pass every seed", arguments: seeds)
  func scalarBackwardPasses(seed: UInt64) throws {
    let forward: ([Double], [(String, Int, Int)]) -> [Double] = Self.forwardModeGradients
    let grader = try ScalarBackwardGrader(entries: [forward])
    #expect(grader.checks(seed: seed).allSatisfy { $0.run() == .passed })
  }

  @Test("scalar backward: gradients assigned instead of accumulated are named")
  func scalarBackwardAssigned() throws {
    let assigned: ([Double], [(String, Int, Int)]) -> [Double] = { inputs, tape in
      // x · x read as if each factor were a different variable.
      tape.count == 1 && tape[0].0 == "mul" ? inputs : Self.forwardModeGradients(inputs, tape)
    }
    let messages = failureMessages(verdicts(try ScalarBackwardGrader(entries: [assigned])))
    #expect(messages.contains { $0.contains("assigning gradients") })
  }

  // MARK: - Line fit

  /// Gradient descent written from the closed-form gradient, in a different order.
  static func fitLine(_ x: [Double], _ y: [Double], _ learningRate: Double, _ steps: Int, factor: Double = 2) -> [Double] {
    var (w, b) = (0.0, 0.0)
    let n = Double(x.count)
    for _ in 0..<steps {
      let residuals = zip(x, y).map { w * $0 + b - $1 }
      let gw = factor * zip(residuals, x).map { $0 * $1 }.reduce(0, +) / n
      let gb = factor * residuals.reduce(0, +) / n
      (w, b) = (w - learningRate * gw, b - learningRate * gb)
    }
    return [w, b]
  }

  @Test("line fit: the closed-form gradient passes every seed", arguments: seeds)
  func lineFitPasses(seed: UInt64) throws {
    let fit: ([Double], [Double], Double, Int) -> [Double] = { Self.fitLine($0, $1, $2, $3) }
    let grader = try LineFitGrader(entries: [fit])
    #expect(grader.checks(seed: seed).allSatisfy { $0.run() == .passed })
  }

  @Test("line fit: the missing factor 2 and the sum for the mean are named")
  func lineFitMistakes() throws {
    let halved: ([Double], [Double], Double, Int) -> [Double] = { Self.fitLine($0, $1, $2, $3, factor: 1) }
    let half = failureMessages(verdicts(try LineFitGrader(entries: [halved])))
    #expect(half.contains { $0.contains("factor 2") })
    let summed: ([Double], [Double], Double, Int) -> [Double] = { x, y, lr, steps in
      Self.fitLine(x, y, lr, steps, factor: 2 * Double(x.count))
    }
    #expect(failureMessages(verdicts(try LineFitGrader(entries: [summed]))).contains { $0.contains("not their mean") })
  }

  // MARK: - Sum to shape

  /// Sums by enumerating target elements and the positions copied from each.
  static func sumToShape(_ gradient: [Double], _ shape: [Int], _ target: [Int], mean: Bool = false) -> [Double] {
    let padded = Array(repeating: 1, count: shape.count - target.count) + target
    var result = [Double](repeating: 0, count: target.reduce(1, *))
    var counts = result
    for flat in gradient.indices {
      var coordinates = [Int](repeating: 0, count: shape.count)
      var rest = flat
      for axis in shape.indices.reversed() {
        coordinates[axis] = rest % shape[axis]
        rest /= shape[axis]
      }
      let source = shape.indices.reduce(0) { $0 * padded[$1] + (padded[$1] == 1 ? 0 : coordinates[$1]) }
      result[source] += gradient[flat]
      counts[source] += 1
    }
    return mean ? zip(result, counts).map { $0 / $1 } : result
  }

  @Test("sum to shape: an independent sum passes every seed", arguments: seeds)
  func sumToShapePasses(seed: UInt64) throws {
    let summed: ([Double], [Int], [Int]) -> [Double] = { Self.sumToShape($0, $1, $2) }
    let grader = try SumToShapeGrader(entries: [summed])
    #expect(grader.checks(seed: seed).allSatisfy { $0.run() == .passed })
  }

  @Test("sum to shape: the mean is named")
  func sumToShapeMean() throws {
    let averaged: ([Double], [Int], [Int]) -> [Double] = { Self.sumToShape($0, $1, $2, mean: true) }
    let messages = failureMessages(verdicts(try SumToShapeGrader(entries: [averaged])))
    #expect(messages.contains("This is the mean over the broadcast axes, not the sum."))
  }

  // MARK: - Cross-entropy

  @Test("cross-entropy: the naive softmax overflows on the hidden cases and is named")
  func crossEntropyNaive() throws {
    let loss: ([Double], Int) -> Double = { z, y in -Foundation.log(Foundation.exp(z[y]) / z.map(Foundation.exp).reduce(0, +)) }
    let gradient: ([Double], Int) -> [Double] = { z, y in
      let e = z.map(Foundation.exp)
      let total = e.reduce(0, +)
      return e.indices.map { e[$0] / total - ($0 == y ? 1 : 0) }
    }
    let results = verdicts(try SoftmaxCrossEntropyGrader(entries: [loss, gradient]))
    // Small logits pass; the two large-logit cases fail both checks.
    #expect(results.prefix(6).allSatisfy { $0 == .passed })
    #expect(failureMessages(results).contains { $0.contains("overflow") })
  }

  @Test("cross-entropy: the stable form passes every seed", arguments: seeds)
  func crossEntropyStable(seed: UInt64) throws {
    let lse: ([Double]) -> Double = { z in
      let m = z.max()!
      return m + Foundation.log(z.map { Foundation.exp($0 - m) }.reduce(0, +))
    }
    let loss: ([Double], Int) -> Double = { z, y in lse(z) - z[y] }
    let gradient: ([Double], Int) -> [Double] = { z, y in z.indices.map { Foundation.exp(z[$0] - lse(z)) - ($0 == y ? 1 : 0) } }
    let grader = try SoftmaxCrossEntropyGrader(entries: [loss, gradient])
    #expect(grader.checks(seed: seed).allSatisfy { $0.run() == .passed })
  }

  // MARK: - Central differences

  @Test("central differences pass; the one-sided difference is named")
  func centralDifference() throws {
    let central: (([Double]) -> Double, [Double], Double) -> [Double] = { f, x, h in
      x.indices.map { i in
        var (plus, minus) = (x, x)
        plus[i] += h
        minus[i] -= h
        return (f(plus) - f(minus)) / (2 * h)
      }
    }
    for seed in Self.seeds {
      #expect(try CentralDifferenceGrader(entries: [central]).checks(seed: seed).allSatisfy { $0.run() == .passed })
    }
    let oneSided: (([Double]) -> Double, [Double], Double) -> [Double] = { f, x, h in
      x.indices.map { i in
        var plus = x
        plus[i] += h
        return (f(plus) - f(x)) / h
      }
    }
    #expect(failureMessages(verdicts(try CentralDifferenceGrader(entries: [oneSided]))).contains { $0.contains("one-sided") })
  }

  // MARK: - Best constants

  @Test("best constants: mean, upper median and type-1 quantile pass; the interpolated quantile is named")
  func bestConstants() throws {
    func solve(_ values: [Double], _ tau: Double, interpolate: Bool) -> [Double] {
      let sorted = values.sorted()
      // The upper median: a different tied minimiser from the reference's.
      let median = sorted[sorted.count / 2]
      let quantile = interpolate ? quantileOfSorted(sorted, tau) : sorted.first { value in
        Double(sorted.filter { $0 <= value }.count) >= Double(sorted.count) * tau - 1e-9
      }!
      return [values.reduce(0, +) / Double(values.count), median, quantile]
    }
    let typeOne: ([Double], Double) -> [Double] = { solve($0, $1, interpolate: false) }
    for seed in Self.seeds {
      #expect(try BestConstantsGrader(entries: [typeOne]).checks(seed: seed).allSatisfy { $0.run() == .passed })
    }
    let interpolated: ([Double], Double) -> [Double] = { solve($0, $1, interpolate: true) }
    let messages = failureMessages(verdicts(try BestConstantsGrader(entries: [interpolated])))
    #expect(messages.contains { $0.contains("linearly interpolated quantile") })
    let allMean: ([Double], Double) -> [Double] = { values, _ in
      let mean = values.reduce(0, +) / Double(values.count)
      return [mean, mean, mean]
    }
    #expect(failureMessages(verdicts(try BestConstantsGrader(entries: [allMean]))).contains { $0.contains("This is the mean") })
  }

  // MARK: - Proper scores

  @Test("proper scores: treating absolute error as proper is named")
  func properScores() throws {
    func best(_ p: Double, _ reports: [Double], _ score: (Double) -> Double) -> Double {
      reports.min { score($0) < score($1) }!
    }
    let honest: (Double, [Double]) -> [Double] = { p, reports in
      [
        best(p, reports) { q in -p * Foundation.log(q) - (1 - p) * Foundation.log(1 - q) },
        best(p, reports) { q in (q - p) * (q - p) },  // E[Brier] up to the constant p(1 − p)
        p < 0.5 ? reports.min()! : reports.max()!,
      ]
    }
    #expect(verdicts(try ProperScoresGrader(entries: [honest])).allSatisfy { $0 == .passed })
    let naive: (Double, [Double]) -> [Double] = { p, reports in
      let nearest = reports.min { abs($0 - p) < abs($1 - p) }!
      return [nearest, nearest, nearest]
    }
    #expect(failureMessages(verdicts(try ProperScoresGrader(entries: [naive]))).contains { $0.contains("not proper") })
  }

  // MARK: - Class-balanced weights

  @Test("class-balanced weights: pow-based weights pass; inverse frequency is named")
  func classBalancedWeights() throws {
    let viaPow: ([Int], Double) -> [Double] = { counts, beta in
      let inverse = counts.map { (1 - beta) / (1 - Foundation.pow(beta, Double($0))) }
      return inverse.map { $0 * Double(counts.count) / inverse.reduce(0, +) }
    }
    for seed in Self.seeds {
      #expect(try ClassBalancedWeightsGrader(entries: [viaPow]).checks(seed: seed).allSatisfy { $0.run() == .passed })
    }
    let inverseFrequency: ([Int], Double) -> [Double] = { counts, _ in
      let inverse = counts.map { 1 / Double($0) }
      return inverse.map { $0 * Double(counts.count) / inverse.reduce(0, +) }
    }
    let messages = failureMessages(verdicts(try ClassBalancedWeightsGrader(entries: [inverseFrequency])))
    #expect(messages.contains { $0.contains("inverse-frequency") })
  }

  // MARK: - Fraud decisions

  @Test("fraud decisions: the true probabilities at the cost threshold pass; at 0.5 they are named")
  func fraudDecisions() throws {
    // The decisions from the true model cannot be reached by the learner,
    // but they fix the grader's scale: optimal passes, 0.5 fails.
    for bias in [-5.0, -5.5] {
      let data = FraudDecisionsGrader.Transactions.generate(seed: 1, bias: bias)
      let optimal = data.expectedCost(data.optimalDecisions(falsePositiveCost: 1, falseNegativeCost: 20), falsePositiveCost: 1, falseNegativeCost: 20)
      let atHalf = data.expectedCost(data.testProbabilities.map { $0 > 0.5 }, falsePositiveCost: 1, falseNegativeCost: 20)
      #expect(atHalf > 1.5 * optimal)
    }
    let atHalf: ([[Double]], [Int], [[Double]], Double, Double) -> [Bool] = { _, _, test, _, _ in
      Array(repeating: false, count: test.count)
    }
    let messages = failureMessages(verdicts(try FraudDecisionsGrader(entries: [atHalf])))
    #expect(messages.contains { $0.contains("You review nothing") })
  }

  // MARK: - Focal loss

  /// Focal loss and gradient written from p = σ(x) directly, with the
  /// logarithm in `base` and the modulating factor optionally held fixed.
  static func focal(base: Double = M_E, frozen: Bool = false)
    -> (loss: (Double, Int, Double) -> Double, gradient: (Double, Int, Double) -> Double)
  {
    let loss: (Double, Int, Double) -> Double = { x, y, g in
      let p = 1 / (1 + Foundation.exp(-x))
      let pt = y == 1 ? p : 1 - p
      return -Foundation.pow(1 - pt, g) * Foundation.log(pt) / Foundation.log(base)
    }
    let gradient: (Double, Int, Double) -> Double = { x, y, g in
      let p = 1 / (1 + Foundation.exp(-x))
      let pt = y == 1 ? p : 1 - p
      let modulation = frozen ? 0 : g * Foundation.pow(1 - pt, g) * pt * Foundation.log(pt)
      let d = modulation - Foundation.pow(1 - pt, g + 1)
      return y == 1 ? d : -d
    }
    return (loss, gradient)
  }

  @Test("focal loss: a direct implementation passes; log base 10 and a frozen modulating factor are named")
  func focalLoss() throws {
    let right = Self.focal()
    for seed in Self.seeds {
      let grader = try FocalLossGrader(entries: [right.loss, right.gradient])
      #expect(grader.checks(seed: seed).allSatisfy { $0.run() == .passed })
    }
    let base10 = Self.focal(base: 10)
    #expect(failureMessages(verdicts(try FocalLossGrader(entries: [base10.loss, base10.gradient]))).contains { $0.contains("base 10") })
    let frozen = Self.focal(frozen: true)
    #expect(failureMessages(verdicts(try FocalLossGrader(entries: [frozen.loss, frozen.gradient]))).contains { $0.contains("as a constant") })
  }
}
