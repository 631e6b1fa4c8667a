import Grading
import Stats
import Testing

@Suite("Embargo split grader")
struct EmbargoSplitGraderTests {
  typealias Implementation = ([Double], Double, Double) -> EmbargoSplitGrader.Answer

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try EmbargoSplitGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let reference: Implementation = { t, c, e in
      let split = temporalSplit(timestamps: t, cutoff: c, embargo: e)
      return (split.train, split.test)
    }
    #expect(try verdicts(reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("a split without the embargo passes the no-embargo check and is named")
  func noEmbargo() throws {
    let results = try verdicts { t, c, _ in (t.indices.filter { t[$0] < c }, t.indices.filter { t[$0] >= c }) }
    #expect(results[1] == .passed && results[2] != .passed)
    #expect(failureMessages(results).contains { $0.hasPrefix("The training rows run up to the cutoff: the embargo is missing.") })
  }

  @Test("the boundaries on the wrong side are named")
  func boundaries() throws {
    let trainInclusive = failureMessages(try verdicts { t, c, e in
      (t.indices.filter { t[$0] <= c - e }, t.indices.filter { t[$0] >= c })
    })
    #expect(trainInclusive.contains { $0.hasPrefix("A row exactly at cutoff − embargo is in your training set") })
    let testExclusive = failureMessages(try verdicts { t, c, e in
      (t.indices.filter { t[$0] < c - e }, t.indices.filter { t[$0] > c })
    })
    #expect(testExclusive.contains { $0.hasPrefix("A row exactly at the cutoff is missing from the test set") })
  }

  @Test("a prefix by position is named on unsorted rows")
  func prefix() throws {
    let messages = failureMessages(try verdicts { t, c, e in
      let trainCount = t.filter { $0 < c - e }.count
      return (Array(0..<trainCount), t.indices.filter { t[$0] >= c })
    })
    #expect(messages.contains { $0.hasPrefix("These are the first rows of the array, not the earliest in time") })
  }
}

@Suite("Point-in-time feature grader")
struct PointInTimeFeatureGraderTests {
  typealias Implementation = ([String], [Double], [Double], Int) -> [Double?]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try PointInTimeFeatureGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// A trailing mean whose rows count as earlier when `earlier(other, row)`.
  static func feature(_ earlier: @escaping (Int, Int, [Double]) -> Bool) -> Implementation {
    { entities, times, values, window in
      times.indices.map { row in
        let rows = times.indices
          .filter { entities[$0] == entities[row] && earlier($0, row, times) }
          .sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
          .suffix(window)
        return rows.isEmpty ? nil : rows.reduce(0) { $0 + values[$1] } / Double(rows.count)
      }
    }
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 99] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ trailingMeans(entities: $0, times: $1, values: $2, window: $3) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the row's own value is named, with the future-perturbation test")
  func ownValue() throws {
    let messages = failureMessages(try verdicts(Self.feature { other, row, t in other == row || t[other] < t[row] }))
    #expect(messages.contains { $0.hasPrefix("The future-perturbation test fails") && $0.hasSuffix("The feature includes the row's own value, which is the label it is meant to predict.") })
  }

  @Test("rows at the same time are named")
  func sameTime() throws {
    let results = try verdicts(Self.feature { other, row, t in other != row && t[other] <= t[row] })
    #expect(results[2] == .passed && results[3] != .passed)
    #expect(failureMessages(results).contains { $0.hasSuffix("The feature includes other rows of the entity at the same time; they are not known before this row.") })
  }

  @Test("array order taken for time order passes the sorted log only")
  func arrayOrder() throws {
    let results = try verdicts { entities, times, values, window in
      times.indices.map { row in
        let rows = (0..<row).filter { entities[$0] == entities[row] }.suffix(window)
        return rows.isEmpty ? nil : rows.reduce(0) { $0 + values[$1] } / Double(rows.count)
      }
    }
    #expect(results[1] == .passed && results[2] != .passed)
  }

  @Test("0 without history is named")
  func zero() throws {
    let messages = failureMessages(try verdicts { trailingMeans(entities: $0, times: $1, values: $2, window: $3).map { $0 ?? 0 } })
    #expect(messages.contains { $0.hasPrefix("This entity has no earlier row, and you return 0") })
  }
}
