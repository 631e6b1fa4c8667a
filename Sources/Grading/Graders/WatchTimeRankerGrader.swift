import Groundwork
import RealModule

/// Grades the learner's watch-time ranker (Lessons/2-training, the
/// proxy-objectives lesson): a model trained on logged impressions, judged
/// by the product metric on a held-out catalogue.
///
/// The grader simulates a catalogue in which "clickbait" raises the click
/// probability and lowers the watch time after a click:
/// P(click) = σ(−2.5 + 2.5·b + 0.5·q) and watch time after a click with mean
/// 8·e^(2q − 3b) minutes, spread uniformly by ±50%, for a clickbait score b and a quality q uniform in
/// [0, 1). It trains on 2,000 impressions and ranks 300 unseen items; the
/// outcome is the true expected watch time per impression of the learner's
/// top 10. Tolerance: at least half of the best possible top 10's (a
/// weighted logistic regression reached 64–100% of it on the 20 seeds tried,
/// a model of clicks alone 14–33%).
///
/// The misconception aimed at: a model of clicks is a model of what users
/// want. A ranker trained on clicks alone fills its top 10 with clickbait;
/// the report says so with both numbers: its click rate and its watch time.
public struct WatchTimeRankerGrader: Grader {
  public static let name = "training.watch-time-ranker"
  public static let entryPoints = [
    EntryPoint(
      "trainWatchTimeRanker",
      [.init("features", "[[Double]]"), .init("clicked", "[Bool]"), .init("watchMinutes", "[Double]")],
      returns: "([Double]) -> Double")
  ]

  /// The learner's function.
  let implementation: ([[Double]], [Bool], [Double]) -> ([Double]) -> Double

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0, as: (([[Double]], [Bool], [Double]) -> ([Double]) -> Double).self)
  }

  /// The simulated world: how features drive clicks and watch time.
  struct Catalogue: Sendable {
    var clickbaitPull: Double

    func clickProbability(_ item: [Double]) -> Double {
      1 / (1 + Double.exp(-(-2.5 + clickbaitPull * item[0] + 0.5 * item[1])))
    }

    func meanWatch(_ item: [Double]) -> Double { 8 * Double.exp(2 * item[1] - 3 * item[0]) }

    /// The product metric: expected watch time per impression.
    func expectedWatch(_ item: [Double]) -> Double { clickProbability(item) * meanWatch(item) }

    func items(_ count: Int, rng: inout SplitMix64) -> [[Double]] {
      (0..<count).map { _ in [rng.nextDouble(), rng.nextDouble()] }
    }

    func impressions(_ count: Int, rng: inout SplitMix64) -> (features: [[Double]], clicked: [Bool], watch: [Double]) {
      let features = items(count, rng: &rng)
      var clicked: [Bool] = []
      var watch: [Double] = []
      for item in features {
        let click = rng.nextBernoulli(clickProbability(item))
        clicked.append(click)
        watch.append(click ? meanWatch(item) * rng.nextDouble(in: 0.5..<1.5) : 0)
      }
      return (features, clicked, watch)
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    // One training run: the check is the outcome on unseen items, and each
    // run of the learner's training takes a second or more.
    [compare("2,000 impressions, 300 unseen items", Catalogue(clickbaitPull: 2.5), seed: seed, stream: 0)]
  }

  func compare(_ name: String, _ catalogue: Catalogue, seed: UInt64, stream: UInt64) -> Check {
    Check(name, tried: "2,000 logged impressions, 300 unseen items, top 10, seed \(seed)") { [implementation] in
      var rng = SplitMix64(seed: seed &* 1_000_003 &+ stream)
      let log = catalogue.impressions(2_000, rng: &rng)
      let unseen = catalogue.items(300, rng: &rng)
      let score = implementation(log.features, log.clicked, log.watch)
      let scores = unseen.map(score)
      guard scores.allSatisfy(\.isFinite) else {
        return .failed(
          expected: "finite scores", got: "a score of \(scores.first { !$0.isFinite }.map(formatted) ?? "")",
          message: "The scoring function returned a value that is not a number.",
          hint: "Use the stable form of the logistic loss, max(z, 0) − z·y + log(1 + e^(−|z|)), and a moderate learning rate.")
      }
      func topTen(_ ranking: [Double]) -> [Int] {
        Array(unseen.indices.sorted { ranking[$0] != ranking[$1] ? ranking[$0] > ranking[$1] : $0 < $1 }.prefix(10))
      }
      let truth = unseen.map(catalogue.expectedWatch)
      let mean = { (indices: [Int], values: [Double]) in indices.reduce(0) { $0 + values[$1] } / Double(indices.count) }
      let best = mean(topTen(truth), truth)
      let chosen = topTen(scores)
      let got = mean(chosen, truth)
      if got >= 0.5 * best { return .passed }
      let clickRates = unseen.map(catalogue.clickProbability)
      let chosenRate = mean(chosen, clickRates)
      let bestRate = mean(topTen(truth), clickRates)
      let clickbait = chosenRate > bestRate + 0.1
      return .failed(
        expected: "top-10 expected watch ≥ \(format2(0.5 * best)) min per impression (best possible \(format2(best)))",
        got: "\(format2(got)) min per impression, click rate \(format2(chosenRate)) (best top 10: \(format2(bestRate)))",
        message: clickbait
          ? "Your top 10 gets more clicks and less watching: this is what a model of clicks ranks first."
          : "Your top 10 does not hold the items people watch most.",
        hint: clickbait
          ? "Weight each clicked impression by its watch time and each unclicked one by 1 in the logistic loss; the learned odds then estimate watch time, not clicks."
          : "Train a logistic regression on the clicks, weighted (clicked: watch time, not clicked: 1), for a few hundred Adam steps at a learning rate near 0.1, and score an item by its logit.")
    }
  }
}

/// A number with two decimals, for reports about minutes and rates.
private func format2(_ value: Double) -> String {
  let scaled = (value * 100).rounded()
  let sign = scaled < 0 ? "-" : ""
  let magnitude = abs(scaled)
  let whole = Int(magnitude / 100)
  let fraction = Int(magnitude.truncatingRemainder(dividingBy: 100))
  return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
}
