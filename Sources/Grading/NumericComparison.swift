/// A tolerance class, as stated on an exercise card.
///
/// `relative(r)` accepts `got` when |got − expected| ≤ r · |expected|, with an
/// absolute floor of `r · 1e-3` so that an expected 0 does not demand an
/// exact 0. NaN never matches; infinities match only themselves.
public enum Tolerance: Sendable, Equatable, CustomStringConvertible {
  /// Exactly equal.
  case exact
  /// Equal up to a relative error.
  case relative(Double)

  /// Whether `got` is close enough to `expected`.
  public func accepts(_ got: Double, expected: Double) -> Bool {
    if got.isNaN || expected.isNaN { return false }
    if got.isInfinite || expected.isInfinite { return got == expected }
    switch self {
    case .exact:
      return got == expected
    case .relative(let r):
      return abs(got - expected) <= max(r * abs(expected), r * 1e-3)
    }
  }

  public var description: String {
    switch self {
    case .exact: return "exact"
    case .relative(let r): return "relative \(r)"
    }
  }
}

/// A number as a report shows it: the shortest text that reads back as the
/// same double, so that two values that differ are never shown the same.
public func formatted(_ value: Double) -> String {
  if value.isNaN { return "nan" }
  if value.isInfinite { return value < 0 ? "-inf" : "inf" }
  return "\(value)"
}
