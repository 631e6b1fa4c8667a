/// The result of a two-sample permutation test.
public struct PermutationTest: Sendable, Equatable {
  /// The statistic on the samples as given.
  public var statistic: Double
  /// The two-sided p-value `min(1, 2 · min(P(T ≤ t), P(T ≥ t)))` over the
  /// permutation distribution (scipy's `alternative="two-sided"`).
  public var pValue: Double
  /// Whether every split of the pooled values was enumerated (an exact
  /// test) rather than sampled.
  public var exact: Bool
  /// The number of splits the distribution was built from.
  public var permutations: Int
}

/// A permutation test of whether two independent samples come from the same
/// distribution, for any statistic (Fisher 1935; Pitman 1937), as scipy's
/// `stats.permutation_test(permutation_type="independent")` computes it.
///
/// The pooled values are split into groups of the two original sizes. When
/// there are at most `resamples` distinct splits, all of them (the observed
/// one included) form the null distribution and the test is exact.
/// Otherwise `resamples` random splits are drawn (Fisher–Yates shuffles from
/// `SplitMix64(seed:)` through `uniformIndex(below:using:)`) and each one-sided
/// p-value is `(#{T_b ≥ t} + 1) / (B + 1)`, counting the observed split once
/// (Phipson and Smyth 2010), so it is never 0. Comparisons allow a relative
/// slack of `100 ε |t|`, so that splits whose statistic equals `t` up to
/// rounding count as ties, as scipy does.
///
/// - Parameters:
///   - first: the first sample, not empty.
///   - second: the second sample, not empty.
///   - resamples: the largest number of splits to enumerate, and the number
///     drawn otherwise; 9999 by default (scipy's default).
///   - seed: the SplitMix64 seed for sampled splits; 0 by default.
///   - statistic: the statistic of two samples; by default the difference of
///     their means, `mean(first) − mean(second)`.
public func permutationTest(
  _ first: [Double],
  _ second: [Double],
  resamples: Int = 9999,
  seed: UInt64 = 0,
  statistic: ([Double], [Double]) -> Double = { a, b in
    a.reduce(0, +) / Double(a.count) - b.reduce(0, +) / Double(b.count)
  }
) -> PermutationTest {
  precondition(!first.isEmpty && !second.isEmpty, "both samples must be non-empty")
  precondition(resamples >= 1, "resamples must be at least 1, got \(resamples)")
  let pooled = first + second
  let m = first.count
  let observed = statistic(first, second)
  let slack = abs(100 * Double.ulpOfOne * observed)
  var atLeast = 0
  var atMost = 0
  func count(_ value: Double) {
    if value >= observed - slack { atLeast += 1 }
    if value <= observed + slack { atMost += 1 }
  }

  if let splits = binomialCoefficient(pooled.count, m, atMost: resamples) {
    // Enumerate the m-subsets of positions in lexicographic order.
    var chosen = Array(0..<m)
    var a = [Double](repeating: 0, count: m)
    var b = [Double](repeating: 0, count: pooled.count - m)
    while true {
      var next = 0
      var bIndex = 0
      for (position, value) in pooled.enumerated() {
        if next < m && chosen[next] == position {
          a[next] = value
          next += 1
        } else {
          b[bIndex] = value
          bIndex += 1
        }
      }
      count(statistic(a, b))
      var i = m - 1
      while i >= 0 && chosen[i] == pooled.count - m + i { i -= 1 }
      if i < 0 { break }
      chosen[i] += 1
      for j in (i + 1)..<m { chosen[j] = chosen[j - 1] + 1 }
    }
    let total = Double(splits)
    return PermutationTest(
      statistic: observed, pValue: min(1, 2 * min(Double(atLeast), Double(atMost)) / total), exact: true,
      permutations: splits)
  }

  var state = seed  // the state of SplitMix64(seed: seed)
  var shuffled = pooled
  for _ in 0..<resamples {
    for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
      shuffled.swapAt(i, uniformIndex(below: UInt64(i + 1), state: &state))
    }
    count(statistic(Array(shuffled[..<m]), Array(shuffled[m...])))
  }
  let total = Double(resamples + 1)
  let greater = Double(atLeast + 1) / total
  let less = Double(atMost + 1) / total
  return PermutationTest(
    statistic: observed, pValue: min(1, 2 * min(greater, less)), exact: false, permutations: resamples)
}

/// `C(n, k)` if it is at most `limit`, else nil (computed without overflow:
/// each partial product `C(n − k + i, i)` is an integer no larger than the
/// final value).
func binomialCoefficient(_ n: Int, _ k: Int, atMost limit: Int) -> Int? {
  let k = min(k, n - k)
  var value = 1
  for i in 0..<k {
    let (product, overflow) = value.multipliedReportingOverflow(by: n - i)
    if overflow { return nil }
    value = product / (i + 1)
    if value > limit { return nil }
  }
  return value
}
