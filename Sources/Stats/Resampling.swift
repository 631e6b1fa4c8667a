import Tensors

/// A uniform integer in `0..<bound` from `generator`, by Lemire's
/// multiply-and-reject method ("Fast Random Integer Generation in an
/// Interval", 2019) on one 64-bit word at a time.
///
/// Written out rather than taken from `Int.random(in:using:)` so that the
/// shuffles of `permutationTest` (and, on 32-bit words, the resamples of
/// `bootstrapInterval`; see `ResampleStream`) are fixed by this code alone:
/// the same seed gives the same indices in every run, on every platform and with every standard
/// library, and can be reproduced outside Swift.
///
/// - Parameters:
///   - bound: the exclusive upper bound, at least 1.
///   - generator: the stream to draw from.
public func uniformIndex(below bound: Int, using generator: inout SplitMix64) -> Int {
  precondition(bound >= 1, "bound must be at least 1, got \(bound)")
  var state = generator.state
  let index = uniformIndex(below: UInt64(bound), state: &state)
  // A SplitMix64 generator is its state: seeding with it resumes the stream.
  generator = SplitMix64(seed: state)
  return index
}

// The resampling loops draw through the two functions below on a bare
// `UInt64` state rather than through `SplitMix64.next()`: the generator
// lives in another module, and a call per draw costs more than the draw
// itself. The constants and steps are SplitMix64's, so the stream is the
// same; `uniformIndex(below:using:)` and the reference tests tie them.

/// One step of SplitMix64 on `state`: advance by the golden-ratio increment
/// and return the mixed value (Steele, Lea and Flood 2014).
@inline(__always)
func splitMix64Next(_ state: inout UInt64) -> UInt64 {
  state &+= 0x9E37_79B9_7F4A_7C15
  var z = state
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return z ^ (z >> 31)
}

/// Lemire's method on a bare SplitMix64 state; `bound ≥ 1`.
@inline(__always)
func uniformIndex(below bound: UInt64, state: inout UInt64) -> Int {
  var product = splitMix64Next(&state).multipliedFullWidth(by: bound)
  if product.low < bound {
    let threshold = (0 &- bound) % bound
    while product.low < threshold {
      product = splitMix64Next(&state).multipliedFullWidth(by: bound)
    }
  }
  return Int(product.high)
}
