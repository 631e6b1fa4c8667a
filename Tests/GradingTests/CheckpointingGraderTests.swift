import Grading
import Testing

/// The batch-size and checkpointing lesson's graders: a correct
/// implementation written from the lesson passes for every seed, the
/// misconception each grader aims at fails with a message that names it, and
/// a constant answer fails.
@Suite("Gradient accumulation grader")
struct GradientAccumulationGraderTests {
  typealias Implementation = ([[Int]], ([Int]) -> [Double]) -> [Double]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try GradientAccumulationGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// Micro-batch mean gradients combined with `weight(size, total, count)`.
  static func accumulate(weight: @escaping @Sendable (Int, Int, Int) -> Double) -> Implementation {
    { microBatches, meanGradient in
      let total = microBatches.reduce(0) { $0 + $1.count }
      var sum: [Double] = []
      for batch in microBatches {
        let gradient = meanGradient(batch).map { $0 * weight(batch.count, total, microBatches.count) }
        sum = sum.isEmpty ? gradient : zip(sum, gradient).map(+)
      }
      return sum
    }
  }

  @Test("weighting each micro-batch by its size passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    let correct = Self.accumulate { size, total, _ in Double(size) / Double(total) }
    #expect(try verdicts(correct, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the plain mean of the micro-batch means is named")
  func meanOfMeans() throws {
    let results = try verdicts(Self.accumulate { _, _, count in 1 / Double(count) })
    #expect(results[0] == .passed)
    #expect(results[2] != .passed)
    #expect(failureMessages(results).contains { $0.contains("plain average of the micro-batch means") })
  }

  @Test("a constant gradient fails")
  func constant() throws {
    #expect(try !verdicts { _, _ in [0] }.allSatisfy { $0 == .passed })
  }
}

@Suite("Checkpoint peak grader")
struct CheckpointPeakGraderTests {
  typealias Implementation = ([Int], [Int]) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try CheckpointPeakGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// Each segment's total bytes and its first layer's bytes (its checkpoint).
  static func segments(_ layerBytes: [Int], _ starts: [Int]) -> [(total: Int, checkpoint: Int)] {
    starts.indices.map { j in
      let end = j + 1 < starts.count ? starts[j + 1] : layerBytes.count
      return (layerBytes[starts[j]..<end].reduce(0, +), layerBytes[starts[j]])
    }
  }

  @Test("the walk over the backward pass passes every check, whatever the seed", arguments: [1, 2, 3] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    let correct: Implementation = { layerBytes, starts in
      var earlierCheckpoints = 0
      var peak = 0
      for segment in Self.segments(layerBytes, starts) {
        peak = max(peak, earlierCheckpoints + segment.total)
        earlierCheckpoints += segment.checkpoint
      }
      return peak
    }
    #expect(try verdicts(correct, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("all checkpoints plus the largest segment is named")
  func allCheckpointsPlusLargest() throws {
    let results = try verdicts { layerBytes, starts in
      let segments = Self.segments(layerBytes, starts)
      return segments.reduce(0) { $0 + $1.checkpoint } + segments.map(\.total).max()!
    }
    #expect(results[3] != .passed)
    #expect(failureMessages(results).contains { $0.contains("all the checkpoints plus the largest segment") })
  }

  @Test("a constant peak fails")
  func constant() throws {
    #expect(try !verdicts { _, _ in 1_000 }.allSatisfy { $0 == .passed })
  }
}
