import Groundwork

/// The constant predictions that minimise three losses over `values`, in
/// this order:
/// 1. the mean squared error, mean of (c − yᵢ)²;
/// 2. the mean absolute error, mean of |c − yᵢ|;
/// 3. the mean pinball loss at level `tau`, mean of ρ_τ(yᵢ − c) with
///    ρ_τ(u) = max(τ·u, (τ − 1)·u).
///
/// Where several constants tie (the median of an even count, say), any of
/// them is right.
func bestConstants(values: [Double], tau: Double) -> [Double] {
  fatalError("TODO: return the mean, a median and a tau-quantile of the values")
}
