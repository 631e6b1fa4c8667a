import Groundwork

/// The odds e^θ that weighted logistic regression learns for one item when
/// its only feature is the item itself (one free logit θ), with YouTube's
/// weighting (Covington et al. 2016): every clicked impression is a positive
/// weighted by its watch time, every impression without a click a negative
/// of weight 1.
///
/// The item had `impressions` impressions; `watchSecondsOfClicks` holds the
/// watch time of each one that was clicked (so the clicks are its count).
func weightedClickOdds(impressions: Int, watchSecondsOfClicks: [Double]) -> Double {
  // BEGIN SOLUTION: maximise the weighted log-likelihood of one logit and return its odds
  // The weighted log-likelihood W·log p + (N − k)·log(1 − p), with W the
  // total watch time, is largest at p = W / (W + N − k), whose odds
  // p / (1 − p) are W / (N − k).
  let totalWatch = watchSecondsOfClicks.reduce(0, +)
  let negatives = impressions - watchSecondsOfClicks.count
  return totalWatch / Double(negatives)
  // END SOLUTION
}
