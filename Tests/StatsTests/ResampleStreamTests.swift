import Testing

@testable import Stats

// Expected indices: `indices(seed, b, n)` of the Python re-implementation in
// IntervalsAndTestsTests.swift; for n ≥ 2³², the same with one 64-bit word
// per draw:
//   t = (1 << 64) % n; s, z = splitmix(s); p = z * n
//   accept when p & M64 >= t, index p >> 64.

@Suite("Bootstrap resample streams")
struct ResampleStreamTests {
  static func draws(seed: UInt64, resample: Int, count: Int, _ k: Int) -> [Int] {
    var stream = ResampleStream(seed: seed, resample: resample, count: count)
    return (0..<k).map { _ in stream.next() }
  }

  @Test("each resample's indices come from Philox-seeded SplitMix64 on 32-bit words")
  func narrow() {
    #expect(Self.draws(seed: 42, resample: 0, count: 20, 8) == [4, 1, 3, 4, 16, 0, 14, 18])
    #expect(Self.draws(seed: 7, resample: 1999, count: 100_000, 5) == [90630, 51894, 69391, 63236, 78270])
    #expect(Self.draws(seed: 1 << 63 + 5, resample: 1 << 40 + 3, count: 3, 3) == [0, 2, 1])
  }

  @Test("bounds of 2³² and more draw 64-bit words")
  func wide() {
    #expect(
      Self.draws(seed: 9, resample: 4, count: 1 << 40 + 7, 4)
        == [985_159_838_005, 329_070_157_641, 777_761_857_241, 27_714_637_015])
  }

  @Test(
    "pairs of draws are the draws one at a time, rejections and an odd start included",
    arguments: [20, 100_000, 3_000_000_000])
  func pairs(_ count: Int) {
    // For n = 3·10⁹ about 30% of the words are rejected.
    for oddStart in [false, true] {
      var single = ResampleStream(seed: 11, resample: 5, count: count)
      var paired = single
      if oddStart {
        _ = single.next()
        _ = paired.next()
      }
      let one = (0..<2000).map { _ in single.next() }
      let two = (0..<1000).flatMap { _ -> [Int] in
        let (a, b) = paired.nextPair()
        return [a, b]
      }
      #expect(one == two)
      #expect(one.allSatisfy { (0..<count).contains($0) })
    }
  }

  @Test("a bound of one always gives 0")
  func single() {
    #expect(Self.draws(seed: 3, resample: 2, count: 1, 5) == [0, 0, 0, 0, 0])
  }
}
