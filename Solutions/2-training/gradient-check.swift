import Groundwork

/// The gradient of `function` at `point` by central differences: for each
/// coordinate i, (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h with h = `step`, every
/// other coordinate left at its value in `point`.
func centralDifferenceGradient(function: ([Double]) -> Double, point: [Double], step: Double) -> [Double] {
  // BEGIN SOLUTION: estimate each partial derivative by a central difference
  var gradient = [Double](repeating: 0, count: point.count)
  for i in point.indices {
    // A fresh copy for each side: a coordinate moved for one partial must
    // be back at its value before the next one is measured.
    var forward = point
    var backward = point
    forward[i] += step
    backward[i] -= step
    // The central difference's error shrinks like h², the one-sided
    // (f(x + h) − f(x)) / h's only like h.
    gradient[i] = (function(forward) - function(backward)) / (2 * step)
  }
  return gradient
  // END SOLUTION
}
