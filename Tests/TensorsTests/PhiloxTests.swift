import Testing
@testable import Tensors

@Suite struct PhiloxTests {
  // MARK: Known answers

  /// Random123's published known-answer vectors for Philox4x32-10
  /// (`tests/kat_vectors`): counter, key, expected output.
  static let knownAnswers: [(SIMD4<UInt32>, SIMD2<UInt32>, SIMD4<UInt32>)] = [
    (.zero, .zero, SIMD4(0x6627_E8D5, 0xE169_C58D, 0xBC57_AC4C, 0x9B00_DBD8)),
    (
      SIMD4(repeating: 0xFFFF_FFFF), SIMD2(repeating: 0xFFFF_FFFF),
      SIMD4(0x408F_276D, 0x41C8_3B0E, 0xA20B_C7C6, 0x6D54_51FD)
    ),
    (
      SIMD4(0x243F_6A88, 0x85A3_08D3, 0x1319_8A2E, 0x0370_7344), SIMD2(0xA409_3822, 0x299F_31D0),
      SIMD4(0xD16C_FE09, 0x94FD_CCEB, 0x5001_E420, 0x2412_6EA1)
    ),
  ]

  @Test func blockMatchesRandom123KnownAnswers() {
    for (counter, key, expected) in Self.knownAnswers {
      #expect(Philox4x32.block(counter: counter, key: key) == expected)
    }
  }

  @Test func generatorPacksSeedStreamAndIndexIntoKeyAndCounter() {
    // The three known answers again, through (seed, stream, index): the key
    // is the seed's low and high halves, the counter the index's then the
    // stream's.
    #expect(RandomGenerator(seed: 0).block(at: 0) == Self.knownAnswers[0].2)
    #expect(RandomGenerator(seed: .max, stream: .max).block(at: .max) == Self.knownAnswers[1].2)
    let g = RandomGenerator(seed: 0x299F_31D0_A409_3822, stream: 0x0370_7344_1319_8A2E)
    #expect(g.block(at: 0x85A3_08D3_243F_6A88) == Self.knownAnswers[2].2)
  }

  @Test func firstUniformFromTheKnownAnswer() {
    // Element 0 of seed 0 uses words 0x6627E8D5 (low) and 0xE169C58D (high).
    let expected = Double(0xE169_C58D_6627_E8D5 as UInt64 >> 11) * 0x1p-53
    var rng = RandomGenerator(seed: 0)
    let u = rng.uniform([1], dtype: .float64)
    #expect(u.item() == expected)
    #expect(rng.offset == 1)
    var wide = RandomGenerator(seed: 0)
    #expect(wide.uniform([1], dtype: .float64, in: -2..<2).item() == -2 + 4 * expected)
  }

  // MARK: Reproducibility

  @Test func drawsAdvanceTheOffsetAndReplay() {
    var a = RandomGenerator(seed: 7)
    let first = a.uniform([5])
    let second = a.uniform([5])
    #expect(first.scalars(as: Double.self) != second.scalars(as: Double.self))
    #expect(a.offset == 10)
    // Starting at offset 5 reproduces the second draw.
    var b = RandomGenerator(seed: 7, offset: 5)
    #expect(b.uniform([5]).scalars(as: Double.self) == second.scalars(as: Double.self))
    // One draw of 10 is the two draws of 5 side by side.
    var c = RandomGenerator(seed: 7)
    #expect(c.uniform([10]).scalars(as: Double.self) == first.scalars(as: Double.self) + second.scalars(as: Double.self))
  }

  @Test func streamsDiffer() {
    var s0 = RandomGenerator(seed: 1, stream: 0)
    var s1 = RandomGenerator(seed: 1, stream: 1)
    #expect(s0.uniform([8]).scalars(as: Double.self) != s1.uniform([8]).scalars(as: Double.self))
  }

  @Test func identicalForEveryThreadCount() {
    let count = 70_000
    let reference: [Double] = {
      var g = RandomGenerator(seed: 3)
      return g.fill([count], dtype: .float64, threads: 1) { $0.unitDouble(at: $1) }.scalars(as: Double.self)
    }()
    for threads in [2, 3, 7] {
      var g = RandomGenerator(seed: 3)
      let values = g.fill([count], dtype: .float64, threads: threads) { $0.unitDouble(at: $1) }
      #expect(values.scalars(as: Double.self) == reference, "\(threads) threads")
    }
    var g = RandomGenerator(seed: 3)
    #expect(g.uniform([count], dtype: .float64).scalars(as: Double.self) == reference)
  }

  // MARK: Distributions

  @Test func uniformMomentsAndRange() {
    var rng = RandomGenerator(seed: 11)
    let u = rng.uniform([100_000], dtype: .float64, in: 2..<4)
    let values = u.scalars(as: Double.self)
    #expect(values.allSatisfy { $0 >= 2 && $0 < 4 })
    // Mean 3 and variance (4 − 2)²/12 = 1/3; the standard error of the
    // mean is √(1/3 / 10⁵) ≈ 0.0018, so 0.01 is more than 5σ.
    #expect(Swift.abs(u.mean().item() - 3) < 0.01)
    #expect(Swift.abs(u.variance().item() - 1.0 / 3) < 0.01)
    #expect(rng.uniform([3], dtype: .bfloat16).dtype == .bfloat16)
  }

  @Test func normalMoments() {
    var rng = RandomGenerator(seed: 12)
    let z = rng.normal([100_000], dtype: .float64, mean: 5, standardDeviation: 2)
    #expect(Swift.abs(z.mean().item() - 5) < 0.05)
    #expect(Swift.abs(z.standardDeviation().item() - 2) < 0.05)
    // About 68.3 % within one standard deviation.
    let inside = ((z - 5).abs() .< 2).sum().item() / 100_000
    #expect(Swift.abs(inside - 0.6827) < 0.01)
  }

  @Test func bernoulliFrequency() {
    var rng = RandomGenerator(seed: 13)
    let mask = rng.bernoulli([200, 500], probability: 0.3)
    #expect(mask.dtype == .bool)
    #expect(Swift.abs(mask.sum().item() / 100_000 - 0.3) < 0.01)
    #expect(rng.bernoulli([10], probability: 0).sum().item() == 0)
    #expect(rng.bernoulli([10], probability: 1).sum().item() == 10)
  }

  @Test func permutationIsAPermutation() {
    var rng = RandomGenerator(seed: 14)
    let p = rng.permutation(1000).scalars(as: Int.self)
    #expect(p.sorted() == Array(0..<1000))
    #expect(p != Array(0..<1000))
    #expect(rng.offset == 1000)
    #expect(rng.permutation(0).count == 0)
    #expect(rng.permutation(1).scalars(as: Int.self) == [0])
    // Each of the 6 orderings of 3 items turns up about 1/6 of the time.
    var counts: [[Int]: Int] = [:]
    for _ in 0..<6000 { counts[rng.permutation(3).scalars(as: Int.self), default: 0] += 1 }
    #expect(counts.count == 6)
    #expect(counts.values.allSatisfy { Swift.abs($0 - 1000) < 150 })
  }

  @Test func choiceWithAndWithoutReplacement() {
    var rng = RandomGenerator(seed: 15)
    let with = rng.choice(10, count: 10_000).scalars(as: Int.self)
    #expect(with.allSatisfy { (0..<10).contains($0) })
    #expect(Set(with).count == 10)
    let without = rng.choice(1_000_000, count: 100, replace: false).scalars(as: Int.self)
    #expect(Set(without).count == 100)
    #expect(without.allSatisfy { (0..<1_000_000).contains($0) })
    #expect(rng.choice(5, count: 5, replace: false).scalars(as: Int.self).sorted() == [0, 1, 2, 3, 4])
  }

  @Test func choosingTooManyWithoutReplacementTraps() async {
    await #expect(processExitsWith: .failure) {
      var rng = RandomGenerator(seed: 0)
      _ = rng.choice(3, count: 4, replace: false)
    }
  }
}
