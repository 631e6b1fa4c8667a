import Foundation
import Grading
import Groundwork
import Testing

@Suite("Watch-time odds grader")
struct WatchTimeOddsGraderTests {
  func verdicts(_ implementation: @escaping (Int, [Double]) -> Double, seed: UInt64 = 1) throws -> [Verdict] {
    try WatchTimeOddsGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("Adam on the weighted loss of one logit converges to the odds W / (N − k)")
  func kernelFitMatchesClosedForm() {
    let (impressions, watch) = (40, [30.0, 90, 12, 300, 45])
    let theta = Variable(Tensor([0.0], shape: [1]), requiresGrad: true)
    var adam = Adam([theta], learningRate: 0.05)
    let total = watch.reduce(0, +)
    for _ in 0..<4_000 {
      adam.zeroGrad()
      let p = theta.sigmoid()
      ((p.log() * total + (1.0 - p).log() * Double(impressions - watch.count)) * -1.0).sum().backward()
      adam.step()
    }
    let odds = theta.value.exp().item()
    #expect(abs(odds - total / Double(impressions - watch.count)) < 1e-6 * odds)
  }

  @Test("W / (N − k) passes every check", arguments: [1, 2, 3, 2026] as [UInt64])
  func closedFormPasses(seed: UInt64) throws {
    #expect(try verdicts({ n, w in w.reduce(0, +) / Double(n - w.count) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the expected watch per impression is named")
  func perImpression() throws {
    let messages = failureMessages(try verdicts { n, w in w.reduce(0, +) / Double(n) })
    #expect(messages.contains { $0.hasSuffix("This is W / N, the expected watch time per impression.") })
  }
}

@Suite("Watch-time ranker grader")
struct WatchTimeRankerGraderTests {
  typealias Implementation = ([[Double]], [Bool], [Double]) -> ([Double]) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try WatchTimeRankerGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// Logistic regression by plain gradient descent in Double, weighted by
  /// watch time or not: an implementation independent of the kernel.
  static func logisticRanker(weighted: Bool) -> Implementation {
    { features, clicked, watch in
      let d = features[0].count
      var theta = [Double](repeating: 0, count: d + 1)
      let weights = zip(clicked, watch).map { weighted && $0 ? $1 : 1 }
      let total = weights.reduce(0, +)
      for _ in 0..<1_500 {
        var gradient = [Double](repeating: 0, count: d + 1)
        for (i, x) in features.enumerated() {
          let z = theta[d] + zip(theta, x).reduce(0) { $0 + $1.0 * $1.1 }
          let residual = weights[i] * (1 / (1 + Foundation.exp(-z)) - (clicked[i] ? 1 : 0)) / total
          for j in 0..<d { gradient[j] += residual * x[j] }
          gradient[d] += residual
        }
        for j in theta.indices { theta[j] -= 2 * gradient[j] }
      }
      return { item in theta[d] + zip(theta, item).reduce(0) { $0 + $1.0 * $1.1 } }
    }
  }

  @Test("a ranker weighted by watch time passes")
  func weightedPasses() throws {
    #expect(try verdicts(Self.logisticRanker(weighted: true)).allSatisfy { $0 == .passed })
  }

  @Test("a ranker trained on clicks alone fails, and the report says it ranks clickbait")
  func clicksFail() throws {
    let messages = failureMessages(try verdicts(Self.logisticRanker(weighted: false)))
    #expect(messages.contains("Your top 10 gets more clicks and less watching: this is what a model of clicks ranks first."))
  }

  @Test("a constant score fails")
  func constant() throws {
    #expect(try verdicts { _, _, _ in { _ in 0 } }.contains { $0 != .passed })
  }
}

@Suite("Watch time at k grader")
struct WatchTimeAtKGraderTests {
  typealias Implementation = ([Double], [Double], [Int], Int) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try WatchTimeAtKGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// The metric by a different route: sessions in sorted order, each
  /// session's rows ranked by (−score, row).
  static func metric(pooled: Bool = false) -> Implementation {
    { scores, watch, sessions, k in
      let ids = Array(Set(sessions)).sorted()
      let ranked = { (rows: [Int]) in rows.sorted { (-scores[$0], $0) < (-scores[$1], $1) } }
      if pooled { return ranked(Array(scores.indices)).prefix(k).reduce(0) { $0 + watch[$1] } / Double(ids.count) }
      return ids.map { id in
        ranked(sessions.indices.filter { sessions[$0] == id }).prefix(k).reduce(0) { $0 + watch[$1] }
      }.reduce(0, +) / Double(ids.count)
    }
  }

  @Test("the definition passes every check", arguments: [1, 2, 3, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.metric(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the hand-sized case: sessions get 30 + 0 and 120 + 0 seconds, 75 on average")
  func handSized() {
    #expect(Self.metric()([0.9, 0.1, 0.5, 0.8, 0.3, 0.7], [30, 300, 0, 120, 60, 0], [1, 1, 1, 2, 2, 2], 2) == 75)
  }

  @Test("pooling the sessions is named")
  func pooled() throws {
    #expect(failureMessages(try verdicts(Self.metric(pooled: true))).contains("This ranks all rows together and takes one top k."))
  }
}
