// Least-squares polynomial regression, the model family of the
// bias-variance lesson: a degree that is too low cannot bend with the
// target (bias), a degree that is too high bends with the noise (variance).

/// A polynomial `c₀ + c₁x + … + c_d x^d` fitted by (ridge) least squares.
public struct PolynomialFit: Sendable, Equatable {
  /// The coefficients `c₀ … c_d`, constant term first.
  public var coefficients: [Double]

  /// The degree `d`.
  public var degree: Int { coefficients.count - 1 }

  /// The polynomial's value at `x`, by Horner's rule.
  public func callAsFunction(_ x: Double) -> Double {
    coefficients.reversed().reduce(0) { $0 * x + $1 }
  }
}

/// Fits a polynomial of `degree` to the points `(x[i], y[i])` by minimising
/// `Σ (y_i − p(x_i))² + ridge · Σ_{j≥1} c_j²`.
///
/// The normal equations `(XᵀX + ridge·I′) c = Xᵀy` (with `I′` the identity
/// without its first diagonal entry, so the constant term is not shrunk)
/// are solved by Gaussian elimination with partial pivoting. The monomial
/// basis is ill-conditioned at high degree; a small ridge (1e-8 for x in
/// [0, 1] and degrees up to about 12) keeps the system solvable without
/// visibly changing the fit. With fewer distinct points than `degree + 1`
/// the problem has many solutions and the ridge picks one.
///
/// - Parameters:
///   - x: the inputs, not empty.
///   - y: the targets, one per input.
///   - degree: `d ≥ 0`.
///   - ridge: the penalty on the non-constant coefficients, `≥ 0`.
public func fitPolynomial(x: [Double], y: [Double], degree: Int, ridge: Double = 1e-8) -> PolynomialFit {
  precondition(!x.isEmpty && x.count == y.count, "\(x.count) inputs for \(y.count) targets")
  precondition(degree >= 0, "the degree must be at least 0, got \(degree)")
  precondition(ridge >= 0, "the ridge penalty must be at least 0, got \(ridge)")
  let size = degree + 1
  var gram = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
  var moment = [Double](repeating: 0, count: size)
  for (xi, yi) in zip(x, y) {
    var powers = [Double](repeating: 1, count: size)
    for j in 1..<max(size, 1) { powers[j] = powers[j - 1] * xi }
    for row in 0..<size {
      moment[row] += powers[row] * yi
      for column in 0..<size { gram[row][column] += powers[row] * powers[column] }
    }
  }
  for j in 1..<max(size, 1) { gram[j][j] += ridge }
  return PolynomialFit(coefficients: solveLinearSystem(gram, moment))
}
