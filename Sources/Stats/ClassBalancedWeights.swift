/// The effective number of samples of a class with `count` examples
/// (Cui et al. 2019): E_n = (1 − βⁿ) / (1 − β).
///
/// It models diminishing returns: each new example adds less new
/// information than the last, because it overlaps with those already seen.
/// β = 0 gives 1 for any n (one example says it all); β → 1 gives n (every
/// example counts fully). With β = 0.999: 100 examples are worth 95.21,
/// 1,000 are worth 632.30 and 10,000 are worth 999.95.
///
/// - Parameters:
///   - count: the number of examples, at least 0.
///   - beta: β in [0, 1).
public func effectiveNumberOfSamples(count: Int, beta: Double) -> Double {
  precondition(count >= 0, "a class cannot have \(count) examples")
  precondition(beta >= 0 && beta < 1, "β must be in [0, 1), got \(beta)")
  var power = 1.0
  var base = beta
  var exponent = count
  // βⁿ by repeated squaring: a few roundings at most, and no libm call,
  // which a debug build of this target could not link (see STYLE.md).
  while exponent > 0 {
    if exponent & 1 == 1 { power *= base }
    base *= base
    exponent >>= 1
  }
  return (1 - power) / (1 - beta)
}

/// Class-balanced weights (Cui et al. 2019): w_c ∝ 1 / E_{n_c}, scaled so
/// that the weights sum to the number of classes K (so that, with equal
/// counts, every weight is 1 and the loss is unchanged).
///
/// - Parameters:
///   - counts: examples per class; each at least 1.
///   - beta: β in [0, 1).
/// - Returns: one weight per class.
public func classBalancedWeights(counts: [Int], beta: Double) -> [Double] {
  precondition(counts.allSatisfy { $0 > 0 }, "every class needs at least one example: \(counts)")
  let inverse = counts.map { 1 / effectiveNumberOfSamples(count: $0, beta: beta) }
  let total = inverse.reduce(0, +)
  return inverse.map { $0 * Double(counts.count) / total }
}
