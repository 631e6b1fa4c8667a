import Grading
import Stats
import Testing

@Suite("Squared-loss bias-variance grader")
struct SquaredBiasVarianceGraderTests {
  typealias Implementation = ([Double], [[Double]]) -> SquaredBiasVarianceGrader.Answer

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try SquaredBiasVarianceGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  static var reference: Implementation {
    { targets, predictions in
      let d = biasVarianceDecomposition(targets: targets, predictions: predictions, loss: .squared)
      return (d.bias, d.variance)
    }
  }

  /// Row means of an ensemble.
  static func means(_ targets: [Double], _ predictions: [[Double]]) -> [Double] {
    targets.indices.map { i in predictions.reduce(0) { $0 + $1[i] } / Double(predictions.count) }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("squaring the average error is named on the sine fits")
  func averageError() throws {
    let results = try verdicts { targets, predictions in
      let m = Self.means(targets, predictions)
      let e = zip(m, targets).reduce(0) { $0 + $1.0 - $1.1 } / Double(targets.count)
      return (e * e, Self.reference(targets, predictions).variance)
    }
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("This squares the average error") })
  }

  @Test("the sample variance is named with three models")
  func sampleVariance() throws {
    let results = try verdicts { targets, predictions in
      let r = Self.reference(targets, predictions)
      let k = Double(predictions.count)
      return (r.biasSquared, r.variance * k / (k - 1))
    }
    #expect(results[4] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("This divides by R − 1") })
  }

  @Test("the mean squared error as bias, and the spread around the target, are named")
  func wholeError() throws {
    let asBias = failureMessages(try verdicts { targets, predictions in
      let d = biasVarianceDecomposition(targets: targets, predictions: predictions, loss: .squared)
      return (d.expectedLoss, d.variance)
    })
    #expect(asBias.contains { $0.hasPrefix("This is the mean squared error of all predictions") })
    let asVariance = failureMessages(try verdicts { targets, predictions in
      let d = biasVarianceDecomposition(targets: targets, predictions: predictions, loss: .squared)
      return (d.bias, d.expectedLoss)
    })
    #expect(asVariance.contains { $0.hasPrefix("This measures the spread around the target") })
    let swapped = failureMessages(try verdicts { Self.reference($0, $1).variance == 0 ? (0, 0) : (Self.reference($0, $1).variance, Self.reference($0, $1).biasSquared) })
    #expect(swapped.contains("The two numbers are swapped."))
  }
}

@Suite("Zero-one decomposition grader")
struct ZeroOneDecompositionGraderTests {
  typealias Implementation = ([Int], [[Int]]) -> ZeroOneDecompositionGrader.Answer

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try ZeroOneDecompositionGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  static func kernel(_ labels: [Int], _ predictions: [[Int]]) -> (BiasVarianceDecomposition, ZeroOneVarianceSplit) {
    let t = labels.map(Double.init)
    let p = predictions.map { $0.map(Double.init) }
    return (
      biasVarianceDecomposition(targets: t, predictions: p, loss: .zeroOne), zeroOneVarianceSplit(targets: t, predictions: p)
    )
  }

  static var reference: Implementation {
    { labels, predictions in
      let (d, s) = kernel(labels, predictions)
      return (d.bias, d.variance, s.netVariance)
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("net variance taken as the variance is named where the majority is often wrong")
  func varianceAdds() throws {
    let results = try verdicts { labels, predictions in
      let (d, _) = Self.kernel(labels, predictions)
      return (d.bias, d.variance, d.variance)
    }
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("The net variance equals the variance") })
  }

  @Test("dropping the biased rows' variance is named")
  func dropped() throws {
    let messages = failureMessages(try verdicts { labels, predictions in
      let (d, s) = Self.kernel(labels, predictions)
      return (d.bias, d.variance, s.unbiasedVariance)
    })
    #expect(messages.contains { $0.hasPrefix("This is the variance on the unbiased rows alone") })
  }

  @Test("the expected loss as bias, and ties toward 1, are named")
  func others() throws {
    let asBias = failureMessages(try verdicts { labels, predictions in
      let (d, s) = Self.kernel(labels, predictions)
      return (d.expectedLoss, d.variance, s.netVariance)
    })
    #expect(asBias.contains { $0.hasPrefix("The bias is the share of all predictions that are wrong") })
    let tiesUp = failureMessages(try verdicts { labels, predictions in
      // Majority vote with a tie going to label 1.
      var bias = 0.0
      for row in labels.indices {
        let ones = predictions.reduce(0) { $0 + $1[row] }
        if (2 * ones >= predictions.count ? 1 : 0) != labels[row] { bias += 1 }
      }
      return (bias / Double(labels.count), 0, 0)
    })
    #expect(tiesUp.contains { $0.hasPrefix("On the rows with a 5–5 vote your main prediction is 1") })
  }
}
