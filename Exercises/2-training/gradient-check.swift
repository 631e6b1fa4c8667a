import Groundwork

/// The gradient of `function` at `point` by central differences: for each
/// coordinate i, (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h with h = `step`, every
/// other coordinate left at its value in `point`.
func centralDifferenceGradient(function: ([Double]) -> Double, point: [Double], step: Double) -> [Double] {
  fatalError("TODO: estimate each partial derivative by a central difference")
}
