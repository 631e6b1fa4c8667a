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
  fatalError("TODO: fit a weighted logistic regression with the kernel and return its logit as the score")
}
