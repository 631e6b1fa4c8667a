import Tensors

/// The index stream of one bootstrap resample: resample `b` of a bootstrap
/// seeded with `seed` draws its indices from its own SplitMix64 stream,
/// whose state is the first 64 bits of the Philox4x32-10 block at index 0
/// of `RandomGenerator(seed: seed, stream: b)` (words 0 and 1, low word
/// first).
///
/// Keying each resample by `(seed, b)` through a counter-based generator
/// makes every resample computable on its own, by any thread, in any
/// order, so a bootstrap gives bit-identical results for every thread
/// count. Within a resample the draws are sequential: SplitMix64 (Steele,
/// Lea and Flood 2014) is far cheaper per word than a Philox block, and a
/// resample of `n` draws is long enough to amortise the one Philox block
/// that seeds it.
///
/// When `n < 2³²` each 64-bit SplitMix64 output is read as two 32-bit
/// words, low half first, and each word becomes an index by Lemire's
/// multiply-and-reject method ("Fast Random Integer Generation in an
/// Interval", 2019): `⌊w · n / 2³²⌋`, drawing the next word instead when
/// the low 32 bits of `w · n` fall below `2³² mod n`, so every index is
/// exactly equally likely. For larger `n` each 64-bit output is one word
/// and the same rule works on 64 bits.
///
/// This layout replaced a single SplitMix64 stream running through all
/// resamples in order: that change altered every seeded bootstrap's
/// replicates (and so its bounds) once; the layout is fixed from then on.
struct ResampleStream {
  /// The SplitMix64 state.
  var state: UInt64
  /// The high half of the last 64-bit output, waiting to be used.
  var spare: UInt64 = 0
  /// Whether `spare` holds an unused word.
  var hasSpare = false
  /// The exclusive upper bound of the indices, `n`.
  let bound: UInt64
  /// Lemire's rejection threshold: `2³² mod n` for 32-bit words, else
  /// `2⁶⁴ mod n`.
  let threshold: UInt64
  /// Whether words are 32 bits wide (`n < 2³²`).
  let narrow: Bool

  /// The stream of resample `resample` of a bootstrap of `count` values
  /// seeded with `seed`.
  init(seed: UInt64, resample: Int, count: Int) {
    precondition(count >= 1, "a resample needs at least one value")
    let words = RandomGenerator(seed: seed, stream: UInt64(resample)).block(at: 0)
    state = UInt64(words[1]) << 32 | UInt64(words[0])
    bound = UInt64(count)
    narrow = bound < 1 << 32
    threshold = narrow ? ((1 << 32) - bound) % bound : (0 &- bound) % bound
  }

  /// The next two indices, the same as `(next(), next())`.
  ///
  /// For `n < 2³²` one SplitMix64 output covers both draws unless a word is
  /// rejected (probability below `n / 2³²` per word), so the common case
  /// takes one output and two multiplications, with no per-draw check of
  /// `spare`.
  @inline(__always)
  mutating func nextPair() -> (Int, Int) {
    guard narrow else { return (next(), next()) }
    let full = splitMix64Next(&state)
    let first: UInt64
    let second: UInt64
    if hasSpare {
      first = spare
      second = full & 0xFFFF_FFFF
      spare = full >> 32
    } else {
      first = full & 0xFFFF_FFFF
      second = full >> 32
    }
    // The words are consumed in order either way; `spare` and `hasSpare`
    // already describe what follows them.
    let p0 = first &* bound
    let p1 = second &* bound
    let accepted0 = p0 & 0xFFFF_FFFF >= threshold
    let accepted1 = p1 & 0xFFFF_FFFF >= threshold
    if accepted0 && accepted1 { return (Int(p0 >> 32), Int(p1 >> 32)) }
    if accepted0 { return (Int(p0 >> 32), next()) }
    if accepted1 { return (Int(p1 >> 32), next()) }
    let index = next()
    return (index, next())
  }

  /// The next index in `0..<n`.
  @inline(__always)
  mutating func next() -> Int {
    if narrow {
      while true {
        let word: UInt64
        if hasSpare {
          word = spare
          hasSpare = false
        } else {
          let full = splitMix64Next(&state)
          word = full & 0xFFFF_FFFF
          spare = full >> 32
          hasSpare = true
        }
        let product = word &* bound
        if product & 0xFFFF_FFFF >= threshold { return Int(product >> 32) }
      }
    }
    while true {
      let product = splitMix64Next(&state).multipliedFullWidth(by: bound)
      if product.low >= threshold { return Int(product.high) }
    }
  }
}
