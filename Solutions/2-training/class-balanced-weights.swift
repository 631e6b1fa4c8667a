import Groundwork

/// Class-balanced weights (Cui et al. 2019) for classes with `counts`
/// examples each: w_c ∝ 1 / E_c, with the effective number of samples
/// E_c = (1 − β^{n_c}) / (1 − β), scaled so that the weights sum to the
/// number of classes.
///
/// β is in [0, 1): β = 0 weights every class equally, and β close to 1
/// approaches inverse-frequency weighting.
func classBalancedWeights(counts: [Int], beta: Double) -> [Double] {
  // BEGIN SOLUTION: weight each class by the inverse of its effective number, normalised to sum to K
  let inverseEffective = counts.map { n in
    // β^n by repeated multiplication is exact enough for these counts.
    var power = 1.0
    for _ in 0..<n { power *= beta }
    let effective = (1 - power) / (1 - beta)
    return 1 / effective
  }
  let total = inverseEffective.reduce(0, +)
  return inverseEffective.map { $0 * Double(counts.count) / total }
  // END SOLUTION
}
