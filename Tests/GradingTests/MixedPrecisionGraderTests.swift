import Grading
import Testing

/// The mixed-precision lesson's graders: a correct implementation written
/// from the lesson passes for every seed, the misconception each grader aims
/// at fails with a message that names it, and a constant answer fails.
@Suite("Loss scaler grader")
struct LossScalerGraderTests {
  typealias Implementation = ([Bool], Double, Int) -> [(scale: Double, stepTaken: Bool)]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try LossScalerGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// A dynamic loss scaler; `resetsOnOverflow` false keeps counting good steps in total.
  static func scaler(resetsOnOverflow: Bool) -> Implementation {
    { overflows, initialScale, growthInterval in
      var scale = initialScale
      var good = 0
      return overflows.map { overflow in
        let used = scale
        if overflow {
          scale /= 2
          if resetsOnOverflow { good = 0 }
        } else {
          good += 1
          if good == growthInterval {
            scale *= 2
            good = 0
          }
        }
        return (scale: used, stepTaken: !overflow)
      }
    }
  }

  @Test("a correct scaler passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    #expect(try verdicts(Self.scaler(resetsOnOverflow: true), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("a good-step count not reset on overflow is named")
  func countNotReset() throws {
    let results = try verdicts(Self.scaler(resetsOnOverflow: false))
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.contains("This trace counts good steps in total") })
  }

  @Test("a constant trace fails")
  func constant() throws {
    #expect(try !verdicts { _, _, _ in [(scale: 1, stepTaken: true)] }.allSatisfy { $0 == .passed })
  }
}

@Suite("Loss scale search grader")
struct LossScaleSearchGraderTests {
  typealias Implementation = ([Float], Double) -> Float

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try LossScaleSearchGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// The smallest power of two that keeps enough gradients, with `lost` deciding underflow.
  static func search(lost: @escaping @Sendable (Float) -> Bool) -> Implementation {
    { gradients, fraction in
      let nonZero = gradients.filter { $0 != 0 }
      var scale: Float = 1
      while scale.isFinite {
        let underflows = nonZero.filter { lost($0 * scale) }.count
        if Double(underflows) <= fraction * Double(nonZero.count) {
          return nonZero.allSatisfy { Float16($0 * scale).isFinite } ? scale : 0
        }
        scale *= 2
      }
      return 0
    }
  }

  @Test("a search by Float16 rounding passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    let correct = Self.search { Float16($0) == 0 }
    #expect(try verdicts(correct, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("a threshold at the smallest subnormal is named")
  func subnormalThreshold() throws {
    let results = try verdicts(Self.search { abs($0) < 0x1p-24 })
    #expect(results[1] != .passed)
    #expect(failureMessages(results).contains { $0.contains("Float16 rounds to nearest") })
  }

  @Test("a constant scale fails")
  func constant() throws {
    #expect(try !verdicts { _, _ in 1 }.allSatisfy { $0 == .passed })
  }
}

@Suite("Float32 accumulation grader")
struct Float32AccumulationGraderTests {
  typealias Implementation = ([Float16]) -> Float16

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try Float32AccumulationGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("a Float sum rounded once passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    let correct: Implementation = { losses in
      Float16(losses.reduce(Float(0)) { $0 + Float($1) } / Float(losses.count))
    }
    #expect(try verdicts(correct, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("a Float16 running sum is named")
  func float16Sum() throws {
    let results = try verdicts { losses in
      var sum: Float16 = 0
      for loss in losses { sum += loss }
      return sum / Float16(losses.count)
    }
    #expect(results[1] != .passed)
    #expect(failureMessages(results).contains { $0.contains("Float16 running sum") })
  }

  @Test("a constant mean fails")
  func constant() throws {
    #expect(try !verdicts { _ in 1 }.allSatisfy { $0 == .passed })
  }
}
