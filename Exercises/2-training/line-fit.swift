import Groundwork

/// Fits y ≈ slope · x + intercept by full-batch gradient descent on the mean
/// squared error L = (1/n) Σ (slope · xᵢ + intercept − yᵢ)², starting from
/// slope = intercept = 0 and taking `steps` steps of size `learningRate`.
///
/// Both parameters move at once: each step computes both partial
/// derivatives at the current (slope, intercept), then updates both.
///
/// - Returns: [slope, intercept] after the last step.
func fitLine(x: [Double], y: [Double], learningRate: Double, steps: Int) -> [Double] {
  var slope = 0.0
  var intercept = 0.0
  let n = Double(x.count)
  for _ in 0..<steps {
    fatalError("TODO: take one gradient step on both parameters")
  }
  return [slope, intercept]
}
