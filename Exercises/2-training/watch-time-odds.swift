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
  fatalError("TODO: maximise the weighted log-likelihood of one logit and return its odds")
}
