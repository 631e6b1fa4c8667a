/// The `p`-quantile of already sorted values by linear interpolation between
/// order statistics: Hyndman and Fan's type 7, numpy's default.
///
/// The position is `(n − 1) · p` (0-based); between the two neighbouring
/// order statistics the value is interpolated linearly. The interpolation is
/// written the way numpy writes it (from the lower neighbour when the
/// fraction is below one half, from the upper one otherwise), so results agree
/// with `numpy.quantile` to the last bit and stay monotone in `p`.
///
/// - Parameters:
///   - sorted: values in non-decreasing order; must not be empty.
///   - p: a probability in [0, 1].
/// - Returns: the interpolated quantile.
public func quantileOfSorted(_ sorted: [Double], _ p: Double) -> Double {
  precondition(!sorted.isEmpty, "quantile of an empty sample is undefined")
  precondition((0...1).contains(p), "quantile level \(p) is outside [0, 1]")
  let position = Double(sorted.count - 1) * p
  let lowerIndex = Int(position.rounded(.down))
  let fraction = position - Double(lowerIndex)
  if lowerIndex + 1 >= sorted.count { return sorted[sorted.count - 1] }
  let lower = sorted[lowerIndex]
  let upper = sorted[lowerIndex + 1]
  let gap = upper - lower
  return fraction < 0.5 ? lower + gap * fraction : upper - gap * (1 - fraction)
}
