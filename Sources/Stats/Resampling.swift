import Tensors

/// A uniform integer in `0..<bound` from `generator`, by Lemire's
/// multiply-and-reject method ("Fast Random Integer Generation in an
/// Interval", 2019) on one 64-bit word at a time.
///
/// Written out rather than taken from `Int.random(in:using:)` so that the
/// resampling streams of `bootstrapInterval`, `pairedBootstrap` and
/// `permutationTest` are fixed by this code alone: the same seed gives the
/// same indices in every run, on every platform and with every standard
/// library, and can be reproduced outside Swift.
///
/// - Parameters:
///   - bound: the exclusive upper bound, at least 1.
///   - generator: the stream to draw from.
public func uniformIndex(below bound: Int, using generator: inout SplitMix64) -> Int {
  precondition(bound >= 1, "bound must be at least 1, got \(bound)")
  let range = UInt64(bound)
  var product = generator.next().multipliedFullWidth(by: range)
  if product.low < range {
    let threshold = (0 &- range) % range
    while product.low < threshold {
      product = generator.next().multipliedFullWidth(by: range)
    }
  }
  return Int(product.high)
}
