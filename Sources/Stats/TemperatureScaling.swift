import RealModule

/// A temperature fitted to held-out logits, and what it did to their
/// negative log-likelihood.
public struct TemperatureScaling: Sendable, Equatable {
  /// The fitted temperature `T* > 0`: divide logits by it before the
  /// softmax. Above 1 the model was over-confident.
  public var temperature: Double
  /// The mean negative log-likelihood at `T = 1`.
  public var negativeLogLikelihoodBefore: Double
  /// The mean negative log-likelihood at `T*`.
  public var negativeLogLikelihoodAfter: Double
}

/// The mean negative log-likelihood (nats) of `labels` under
/// `softmax(logits / T)`: `(1/n) Σ_i [logsumexp(z_i / T) − z_{i,y_i} / T]`,
/// with the log-sum-exp shifted by the row's maximum so that it never
/// overflows.
///
/// - Parameters:
///   - logits: one row of `K` logits per example.
///   - labels: class indices in `0..<K`; same count, not empty.
///   - temperature: `T > 0`.
public func temperatureScaledNegativeLogLikelihood(logits: [[Double]], labels: [Int], temperature: Double) -> Double {
  precondition(!labels.isEmpty, "the likelihood of no examples is undefined")
  precondition(logits.count == labels.count, "\(logits.count) rows but \(labels.count) labels")
  precondition(temperature > 0, "temperature must be positive, got \(temperature)")
  let inverse = 1 / temperature
  var sum = 0.0
  for (row, label) in zip(logits, labels) {
    precondition(row.indices.contains(label), "label \(label) has no column among \(row.count)")
    let largest = row.max()! * inverse
    var exponentials = 0.0
    for z in row { exponentials += Double.exp(z * inverse - largest) }
    sum += largest + Double.log(exponentials) - row[label] * inverse
  }
  return sum / Double(labels.count)
}

/// Fits temperature scaling (Guo et al. 2017): the single `T > 0` that
/// minimises the mean negative log-likelihood of held-out `labels` under
/// `softmax(logits / T)`.
///
/// The likelihood is convex in `1/T` (a log-sum-exp of linear functions
/// minus a linear one), so it is unimodal in `u = ln T`, and a
/// golden-section search on `u` over `[ln Tmin, ln Tmax]` finds the minimum
/// (Kiefer 1953; *Numerical Recipes* §10.2), stopping when the bracket is
/// narrower than 10⁻¹⁰ in `u`. When the minimum lies outside the range (for
/// example data the logits separate perfectly, whose optimum is `T → 0`) the
/// nearer end is returned. The argmax, and so the accuracy, does not change.
///
/// - Parameters:
///   - logits: one row of `K` logits per held-out example.
///   - labels: class indices in `0..<K`; same count, not empty.
///   - range: the temperatures searched; `0.01...100` by default.
public func fitTemperature(
  logits: [[Double]], labels: [Int], range: ClosedRange<Double> = 0.01...100
) -> TemperatureScaling {
  precondition(range.lowerBound > 0, "temperatures must be positive, got \(range)")
  func objective(_ u: Double) -> Double {
    temperatureScaledNegativeLogLikelihood(logits: logits, labels: labels, temperature: Double.exp(u))
  }
  let ratio = (5.0.squareRoot() - 1) / 2
  var low = Double.log(range.lowerBound)
  var high = Double.log(range.upperBound)
  var left = high - ratio * (high - low)
  var right = low + ratio * (high - low)
  var leftValue = objective(left)
  var rightValue = objective(right)
  while high - low > 1e-10 {
    if leftValue <= rightValue {
      high = right
      right = left
      rightValue = leftValue
      left = high - ratio * (high - low)
      leftValue = objective(left)
    } else {
      low = left
      left = right
      leftValue = rightValue
      right = low + ratio * (high - low)
      rightValue = objective(right)
    }
  }
  let u = (low + high) / 2
  let temperature = Double.exp(u)
  return TemperatureScaling(
    temperature: temperature,
    negativeLogLikelihoodBefore: temperatureScaledNegativeLogLikelihood(
      logits: logits, labels: labels, temperature: 1),
    negativeLogLikelihoodAfter: objective(u))
}
