import Groundwork

/// Grades the learner's odds of a per-item weighted logistic regression
/// (Lessons/2-training, the proxy-objectives lesson).
///
/// Reference: the maximiser of the weighted log-likelihood
/// W·log p + (N − k)·log(1 − p), whose odds are W / (N − k), with W the
/// total watch time of the k clicks among N impressions (Covington et al.
/// 2016). The tests check that the kernel's Adam, run on the same weighted
/// loss, converges to it. Tolerance: relative 1e-9.
///
/// The misconception aimed at: the odds are the expected watch time per
/// impression, W / N. In expectation they are E[T]·P / (1 − P), with E[T]
/// the mean watch time of a click and P the click probability, close to
/// W / N only when P is small; the hidden case is an item clicked on half
/// its impressions, where the two differ by a factor of two. Also named: the
/// mean watch time per click W / k, and the plain click odds k / (N − k).
public struct WatchTimeOddsGrader: Grader {
  public static let name = "training.watch-time-odds"
  public static let entryPoints = [
    EntryPoint(
      "weightedClickOdds", [.init("impressions", "Int"), .init("watchSecondsOfClicks", "[Double]")], returns: "Double")
  ]

  /// The learner's function.
  let implementation: (Int, [Double]) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, [Double]) -> Double).self)
  }

  /// One item's log.
  struct Item: Sendable {
    var impressions: Int
    var watch: [Double]

    var description: String { "\(impressions) impressions, \(watch.count) clicks" }
    var expected: Double { watch.reduce(0, +) / Double(impressions - watch.count) }

    static func seeded(impressions: Int, clickRate: Double, meanWatch: Double, rng: inout SplitMix64) -> Item {
      var watch: [Double] = []
      for _ in 0..<impressions where rng.nextBernoulli(clickRate) {
        watch.append(-meanWatch * Double.log(1 - rng.nextDouble()))
      }
      if watch.count == impressions { watch.removeLast() }
      return Item(impressions: impressions, watch: watch)
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let seeded = (0..<40).map { _ in
      Item.seeded(
        impressions: rng.nextInt(in: 20...5_000), clickRate: rng.nextDouble(in: 0.001..<0.3),
        meanWatch: rng.nextDouble(in: 5..<600), rng: &rng)
    }
    return [
      compare("10 impressions, clicks watched 30 s and 90 s", [Item(impressions: 10, watch: [30, 90])], seed: seed),
      compare(
        "an item clicked on half its impressions",
        [Item.seeded(impressions: 400, clickRate: 0.5, meanWatch: 120, rng: &rng)], seed: seed),
      compare("an item never clicked", [Item(impressions: 250, watch: [])], seed: seed),
      compare("40 seeded items", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ items: [Item], seed: UInt64) -> Check {
    let tried = items.count == 1 ? "\(items[0].description), seed \(seed)" : "\(items.count) items, seed \(seed)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for item in items {
        let expected = item.expected
        let got = implementation(item.impressions, item.watch)
        if tolerance.accepts(got, expected: expected) { continue }
        let total = item.watch.reduce(0, +)
        let n = Double(item.impressions)
        let k = Double(item.watch.count)
        let mistakes: [(value: Double, message: String, hint: String)] = [
          (
            total / n, "This is W / N, the expected watch time per impression.",
            "Negatives are the N − k impressions without a click: the optimum is p = W / (W + N − k), so the odds are W / (N − k). They approach W / N only when clicks are rare."
          ),
          (
            total / k, "This is W / k, the mean watch time per click.",
            "The weighted likelihood has W on the positive side and N − k on the negative side; find the p that maximises W·log p + (N − k)·log(1 − p)."
          ),
          (
            k / (n - k), "This is k / (N − k), the odds of a click, unweighted.",
            "Each click counts with the weight of its watch time, not 1: replace k by W in the positives."
          ),
        ]
        let mistake = mistakes.first { tolerance.accepts(got, expected: $0.value) && !tolerance.accepts($0.value, expected: expected) }
        return .failed(
          expected: formatted(expected), got: formatted(got),
          message: "For \(item.description): " + (mistake?.message ?? "the odds differ."),
          hint: mistake?.hint ?? "Write the weighted log-likelihood of one probability p, set its derivative to zero, and take p / (1 − p).")
      }
      return .passed
    }
  }
}
