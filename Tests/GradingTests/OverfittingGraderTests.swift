import Foundation
import Grading
import Groundwork
import Testing

@Suite("Early-stopping grader")
struct EarlyStoppingGraderTests {
  typealias Result = (bestStep: Int, stoppedAfter: Int, testPredictions: [Double])
  typealias Implementation = ([Double], [Double], [Double], [Double], [Double], Int, Int, Int) -> Result

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try EarlyStoppingGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// The recipe with a switch for the mistake the lesson warns about:
  /// keeping the model training stopped with.
  static func train(restoreBest: Bool, patienceSlack: Int = 0) -> Implementation {
    { trainX, trainY, validationX, validationY, testX, seed, maxSteps, patience in
      func column(_ values: [Double]) -> Tensor { Tensor(values, shape: [values.count, 1]) }
      var rng = SplitMix64(seed: UInt64(seed))
      let model = multilayerPerceptron(sizes: [1, 32, 32, 1], activation: { .tanh }, dtype: .float64, rng: &rng)
      var adam = Adam(model.parameters, learningRate: 0.01)
      var best = (step: 0, loss: Double.infinity, state: model.stateDict())
      var step = 0
      while step < maxSteps && step - best.step < patience + patienceSlack {
        step += 1
        adam.zeroGrad()
        Loss.meanSquaredError(model(Variable(column(trainX))), column(trainY)).backward()
        adam.step()
        let loss = withoutGradients {
          Loss.meanSquaredError(model(Variable(column(validationX))), column(validationY)).value.item()
        }
        if loss < best.loss { best = (step, loss, model.stateDict()) }
      }
      if restoreBest { model.loadStateDict(best.state) }
      let predictions = withoutGradients { model(Variable(column(testX))).value.scalars(as: Double.self) }
      return (best.step, step, predictions)
    }
  }

  @Test("the recipe with the best checkpoint restored passes")
  func referencePasses() throws {
    #expect(try verdicts(Self.train(restoreBest: true)).allSatisfy { $0 == .passed })
  }

  @Test("the model training stopped with is named, and so is patience off by one")
  func mistakes() throws {
    let final = failureMessages(try verdicts(Self.train(restoreBest: false)))
    #expect(final.contains("These are the predictions of the model training stopped with, not of the best checkpoint."))
    let offByOne = failureMessages(try verdicts(Self.train(restoreBest: true, patienceSlack: 1)))
    #expect(offByOne.contains("Patience is off by one."))
  }

  @Test("constant answers fail")
  func constants() throws {
    #expect(try verdicts { _, _, _, _, test, _, _, _ in (1, 1, test.map { _ in 0 }) }.allSatisfy { $0 != .passed })
  }
}

@Suite("Label-smoothing grader")
struct LabelSmoothingGraderTests {
  typealias Implementation = ([[Double]], [Int], Double) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try LabelSmoothingGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// The smoothed loss from its definition, with the stable log-sum-exp
  /// optional and the smoothing of the other classes as a parameter.
  static func loss(stable: Bool = true, spreadOverOthers: Bool = false) -> Implementation {
    { logits, targets, ε in
      var total = 0.0
      for (row, target) in zip(logits, targets) {
        let k = Double(row.count)
        let shift = stable ? row.max()! : 0
        let logSumExp = shift + Foundation.log(row.reduce(0) { $0 + Foundation.exp($1 - shift) })
        for (c, z) in row.enumerated() {
          let q = spreadOverOthers ? (c == target ? 1 - ε : ε / (k - 1)) : ε / k + (c == target ? 1 - ε : 0)
          total -= q * (z - logSumExp)
        }
      }
      return total / Double(logits.count)
    }
  }

  @Test("the definition passes every check", arguments: [1, 2, 3, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.loss(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the hand-sized case: by hand, row 1 loses 0.2753 and row 2 2.7926")
  func handValue() {
    // Row 1: logits (2, 0, −1), target 0; row 2: (0.5, 0.5, 3), target 1; ε = 0.1.
    let value = Self.loss()([[2, 0, -1], [0.5, 0.5, 3]], [0, 1], 0.1)
    let row1 = -(0.9 + 0.1 / 3) * (2 - Foundation.log(Foundation.exp(2) + 1 + Foundation.exp(-1)))
      - 0.1 / 3 * (0 - Foundation.log(Foundation.exp(2) + 1 + Foundation.exp(-1)))
      - 0.1 / 3 * (-1 - Foundation.log(Foundation.exp(2) + 1 + Foundation.exp(-1)))
    let lse2 = Foundation.log(2 * Foundation.exp(0.5) + Foundation.exp(3))
    let row2 = -(0.1 / 3) * (0.5 - lse2) - (0.9 + 0.1 / 3) * (0.5 - lse2) - 0.1 / 3 * (3 - lse2)
    #expect(abs(value - (row1 + row2) / 2) < 1e-12)
  }

  @Test("ε over the other classes, and the unstable softmax, are named")
  func mistakes() throws {
    #expect(failureMessages(try verdicts(Self.loss(spreadOverOthers: true))).contains("This spreads ε over the other K − 1 classes and leaves the target 1 − ε."))
    #expect(failureMessages(try verdicts(Self.loss(stable: false))).contains("The loss is not finite: exp of a large logit overflows Double."))
  }
}

@Suite("Group-split grader")
struct GroupSplitGraderTests {
  func verdicts(_ implementation: @escaping ([Int], Double) -> [Bool], seed: UInt64 = 1) throws -> [Verdict] {
    try GroupSplitGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// Whole groups in order of first appearance until the fraction is reached.
  static func byGroup(_ groups: [Int], _ fraction: Double) -> [Bool] {
    var chosen: Set<Int> = []
    var rows = 0
    var seen: Set<Int> = []
    for group in groups where seen.insert(group).inserted && Double(rows) < fraction * Double(groups.count) {
      chosen.insert(group)
      rows += groups.filter { $0 == group }.count
    }
    return groups.map { chosen.contains($0) }
  }

  @Test("any split by whole groups passes", arguments: [1, 2, 3, 2026] as [UInt64])
  func byGroupPasses(seed: UInt64) throws {
    #expect(try verdicts(Self.byGroup, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("a split by row position leaks once rows interleave")
  func byPosition() throws {
    let verdicts = try verdicts { groups, fraction in groups.indices.map { Double($0) < fraction * Double(groups.count) } }
    #expect(verdicts[1] != .passed)
    #expect(failureMessages(verdicts).contains { $0.contains("groups have rows on both sides") })
  }

  @Test("everything in training fails")
  func emptyTest() throws {
    #expect(try verdicts { groups, _ in groups.map { _ in false } }.allSatisfy { $0 != .passed })
  }
}
