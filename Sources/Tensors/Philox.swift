/// The Philox4x32-10 counter-based random number generator (Salmon, Moraes,
/// Dror and Shaw, "Parallel Random Numbers: As Easy as 1, 2, 3", SC 2011).
///
/// A counter-based generator has no state to advance: its output is a
/// keyed bijection of a 128-bit counter, `block(counter, key)`, scrambled
/// by ten rounds of 32×32→64-bit multiplications and XORs with the key
/// (which is bumped by Weyl constants between rounds). Element `i` of a
/// random tensor is computed from counter `i` alone, so any element can be
/// generated first, by any thread, and the tensor comes out the same
/// whatever the thread count. This is the generator of JAX, of PyTorch's
/// CUDA backend and of cuRAND.
///
/// The constants and the round function follow the paper and its
/// reference implementation, Random123, whose published known-answer
/// vectors the tests check.
public enum Philox4x32 {
  /// The multipliers of the two 32×32-bit products in each round.
  static let multipliers: (UInt64, UInt64) = (0xD251_1F53, 0xCD9E_8D57)
  /// The key increments between rounds: the golden ratio and √3 − 1, as
  /// 32-bit fractions.
  static let weyl = SIMD2<UInt32>(0x9E37_79B9, 0xBB67_AE85)

  /// Four random 32-bit words: Philox4x32 with 10 rounds applied to
  /// `counter` under `key`.
  ///
  /// ```swift
  /// Philox4x32.block(counter: .zero, key: .zero)
  /// // [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]
  /// ```
  public static func block(counter: SIMD4<UInt32>, key: SIMD2<UInt32>) -> SIMD4<UInt32> {
    var x = counter
    var k = key
    for round in 0..<10 {
      if round > 0 { k &+= weyl }
      let p0 = multipliers.0 * UInt64(x[0])
      let p1 = multipliers.1 * UInt64(x[2])
      x = SIMD4(
        UInt32(truncatingIfNeeded: p1 >> 32) ^ x[1] ^ k[0],
        UInt32(truncatingIfNeeded: p1),
        UInt32(truncatingIfNeeded: p0 >> 32) ^ x[3] ^ k[1],
        UInt32(truncatingIfNeeded: p0)
      )
    }
    return x
  }
}

/// A source of random tensors keyed by `(seed, stream, index)`.
///
/// Every random number comes from one Philox4x32-10 block: the key is the
/// 64-bit `seed`, the counter is the 64-bit element `index` followed by the
/// 64-bit `stream`. Each draw of `n` elements uses indices
/// `offset ..< offset + n` and then advances `offset` by `n`, so successive
/// draws differ and a generator copied at any point replays exactly.
/// Different streams of one seed are independent sequences (one per data
/// loader worker, say) without any seed arithmetic.
///
/// Because element `i` depends on `(seed, stream, offset + i)` alone, the
/// values are bit-identical whatever the number of threads filling the
/// tensor. Uniform, Bernoulli, permutation and choice draws use only
/// integer arithmetic and exact scaling, so they are the same on every
/// platform too; normal draws go through `log` and `cos`, whose last bit
/// may differ between C libraries.
///
/// ```swift
/// var rng = RandomGenerator(seed: 42)
/// let x = rng.normal([2, 3])           // uses indices 0..<6
/// let mask = rng.bernoulli([2, 3], probability: 0.9)  // 6..<12
/// ```
public struct RandomGenerator: Sendable, Hashable {
  /// The key: which random sequence.
  public let seed: UInt64
  /// Which of the seed's independent streams.
  public let stream: UInt64
  /// The index the next draw starts at.
  public var offset: UInt64

  /// A generator at the start (`offset` 0) of `stream` of `seed`.
  public init(seed: UInt64, stream: UInt64 = 0, offset: UInt64 = 0) {
    self.seed = seed
    self.stream = stream
    self.offset = offset
  }

  /// The four 32-bit words for element `index`.
  public func block(at index: UInt64) -> SIMD4<UInt32> {
    Philox4x32.block(
      counter: SIMD4(
        UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
        UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)),
      key: SIMD2(UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
    )
  }

  /// A uniform `Double` in [0, 1) from element `index`: words 0 and 1 form
  /// 64 bits, whose top 53 are scaled by 2⁻⁵³ (exact; every multiple of
  /// 2⁻⁵³ in [0, 1) is equally likely).
  public func unitDouble(at index: UInt64) -> Double {
    let words = block(at: index)
    return Self.unit(words[0], words[1])
  }

  static func unit(_ low: UInt32, _ high: UInt32) -> Double {
    let bits = UInt64(high) << 32 | UInt64(low)
    return Double(bits >> 11) * 0x1p-53
  }

  /// An integer in `0..<bound` from element `index`, by Lemire's
  /// multiply-shift of a 64-bit word: the high half of `word · bound`. Its
  /// bias is below `bound / 2⁶⁴`, far under anything measurable.
  func integer(below bound: Int, at index: UInt64) -> Int {
    let words = block(at: index)
    let word = UInt64(words[1]) << 32 | UInt64(words[0])
    return Int(word.multipliedFullWidth(by: UInt64(bound)).high)
  }
}
