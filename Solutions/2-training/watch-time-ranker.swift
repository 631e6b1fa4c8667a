import Groundwork

/// Trains a ranker for expected watch time from logged impressions, the way
/// Covington et al. (2016) trained YouTube's: logistic regression on
/// clicks, with every clicked impression weighted by its watch time and
/// every other impression by 1. Returns the scoring function: a higher
/// score for an item's features means more expected watch time per
/// impression.
///
/// `features[i]` describes the item shown at impression i, `clicked[i]`
/// says whether it was clicked and `watchMinutes[i]` how long it was then
/// watched (0 without a click).
func trainWatchTimeRanker(features: [[Double]], clicked: [Bool], watchMinutes: [Double]) -> ([Double]) -> Double {
  // BEGIN SOLUTION: fit a weighted logistic regression with the kernel and return its logit as the score
  let rows = features.count
  let columns = features.first?.count ?? 0
  let x = Variable(Tensor(features.flatMap { $0 }, shape: [rows, columns]))
  let y = Variable(Tensor(clicked.map { $0 ? 1.0 : 0.0 }, shape: [rows, 1]))
  let weights = zip(clicked, watchMinutes).map { $0 ? $1 : 1.0 }
  let w = Variable(Tensor(weights, shape: [rows, 1]))
  let totalWeight = weights.reduce(0, +)

  var rng = SplitMix64(seed: 0)
  let model = Linear(inputs: columns, outputs: 1, dtype: .float64, rng: &rng)
  var optimizer = Adam(model.parameters, learningRate: 0.1)
  for _ in 0..<300 {
    optimizer.zeroGrad()
    let z = model(x)
    // Binary cross-entropy per impression in its stable form,
    // max(z, 0) − z·y + log(1 + e^(−|z|)), then the weighted mean.
    let perImpression = z.relu() - z * y + ((-z.abs()).exp() + 1.0).log()
    ((perImpression * w).sum() / totalWeight).backward()
    optimizer.step()
  }
  // The logit is the log of the learned odds, which estimate the expected
  // watch time per impression: rank by it.
  return { item in
    withoutGradients { model(Variable(Tensor(item, shape: [1, item.count]))).value.item() }
  }
  // END SOLUTION
}
