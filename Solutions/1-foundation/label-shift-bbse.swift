import Groundwork

/// The target's class prior under label shift, by black-box shift
/// estimation (Lipton et al. 2018).
///
/// `sourcePredictions` and `sourceLabels` are a classifier's predictions
/// and the true classes on labelled source data; `targetPredictions` are its
/// predictions on unlabelled target data; classes are 0..<classes. Return
/// q[j], the estimated share of class j in the target. Do not clip or
/// renormalise the result.
func estimateTargetPrior(sourcePredictions: [Int], sourceLabels: [Int], targetPredictions: [Int], classes: Int) -> [Double] {
  // BEGIN SOLUTION: solve C·w = μ for the weights, then scale the source prior
  // C[i][j] = P_source(ŷ = i, y = j); μ[i] = P_target(ŷ = i).
  var c = [[Double]](repeating: [Double](repeating: 0, count: classes), count: classes)
  for (prediction, label) in zip(sourcePredictions, sourceLabels) {
    c[prediction][label] += 1 / Double(sourceLabels.count)
  }
  var mu = [Double](repeating: 0, count: classes)
  for prediction in targetPredictions {
    mu[prediction] += 1 / Double(targetPredictions.count)
  }
  let sourcePrior = (0..<classes).map { j in c.reduce(0) { $0 + $1[j] } }

  // Gaussian elimination with partial pivoting on the augmented matrix [C | μ].
  var a = c
  var b = mu
  for column in 0..<classes {
    let pivot = (column..<classes).max { abs(a[$0][column]) < abs(a[$1][column]) }!
    a.swapAt(pivot, column)
    b.swapAt(pivot, column)
    for row in (column + 1)..<classes {
      let factor = a[row][column] / a[column][column]
      for j in column..<classes { a[row][j] -= factor * a[column][j] }
      b[row] -= factor * b[column]
    }
  }
  var w = [Double](repeating: 0, count: classes)
  for row in stride(from: classes - 1, through: 0, by: -1) {
    var sum = b[row]
    for j in (row + 1)..<classes { sum -= a[row][j] * w[j] }
    w[row] = sum / a[row][row]
  }
  return (0..<classes).map { w[$0] * sourcePrior[$0] }
  // END SOLUTION
}
