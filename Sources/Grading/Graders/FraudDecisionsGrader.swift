import Groundwork
import RealModule

/// Grades the learner's fraud decisions (Lessons/2-training, the imbalance
/// lesson): train a model on imbalanced transactions, then decide which test
/// transactions to review, at the lowest total cost.
///
/// The data are generated from a known logistic model (6 features, about 3%
/// fraud), so the grader knows each test transaction's true probability of
/// fraud p and scores decisions by their expected cost, Σ [review]·(1 − p)·c_FP
/// + [let through]·p·c_FN, which is far less noisy than counting outcomes.
/// Reference: the Bayes-optimal decisions, review exactly when
/// p > c_FP / (c_FP + c_FN). Tolerance: the learner's expected cost may
/// exceed the optimum by at most 10% (a logistic regression trained on the
/// 4,000 training rows comes within about 1%; one stopped long before it
/// converged does not).
///
/// The misconception it is built to catch: optimising accuracy, by flagging
/// nothing (97% accurate) or flagging at probability 0.5, which roughly
/// doubles the cost. Both review far fewer transactions than the optimum,
/// and the report names it. Also named: reviewing far too many, what class
/// weights and a cost threshold together give (the costs counted twice).
public struct FraudDecisionsGrader: Grader {
  public static let name = "training.fraud-decisions"
  public static let entryPoints = [
    EntryPoint(
      "flagFraud",
      [
        .init("trainFeatures", "[[Double]]"), .init("trainLabels", "[Int]"), .init("testFeatures", "[[Double]]"),
        .init("falsePositiveCost", "Double"), .init("falseNegativeCost", "Double"),
      ],
      returns: "[Bool]")
  ]

  /// The learner's function.
  let implementation: ([[Double]], [Int], [[Double]], Double, Double) -> [Bool]
  /// How much above the optimal expected cost is accepted.
  static let budget = 1.10

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0, as: (([[Double]], [Int], [[Double]], Double, Double) -> [Bool]).self)
  }

  /// Transactions drawn from a known logistic model.
  public struct Transactions: Sendable {
    /// The training rows, 6 features each.
    public var trainFeatures: [[Double]]
    /// The training labels, 1 for fraud and 0 for legitimate, drawn from the true model.
    public var trainLabels: [Int]
    /// The test rows, 6 features each.
    public var testFeatures: [[Double]]
    /// The true probability of fraud of each test row, which the learner never sees.
    public var testProbabilities: [Double]

    /// 4,000 training and 10,000 test rows with 6 standard normal features;
    /// the true logit is w·x + bias with |w| = 2 in a seeded direction, so
    /// that the bias sets the share of fraud (−5 gives about 3%).
    public static func generate(seed: UInt64, bias: Double, train: Int = 4_000, test: Int = 10_000) -> Transactions {
      var rng = SplitMix64(seed: seed)
      let direction = (0..<6).map { _ in rng.nextNormal() }
      let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
      let w = direction.map { 2 * $0 / norm }
      func row() -> [Double] { (0..<6).map { _ in rng.nextNormal() } }
      func probability(_ x: [Double]) -> Double {
        1 / (1 + Double.exp(-(zip(w, x).reduce(bias) { $0 + $1.0 * $1.1 })))
      }
      let trainFeatures = (0..<train).map { _ in row() }
      let trainLabels = trainFeatures.map { rng.nextBernoulli(probability($0)) ? 1 : 0 }
      let testFeatures = (0..<test).map { _ in row() }
      return Transactions(
        trainFeatures: trainFeatures, trainLabels: trainLabels, testFeatures: testFeatures,
        testProbabilities: testFeatures.map(probability))
    }

    /// The expected cost per transaction of `decisions` (true = review).
    public func expectedCost(_ decisions: [Bool], falsePositiveCost: Double, falseNegativeCost: Double) -> Double {
      zip(decisions, testProbabilities).reduce(0) { total, pair in
        total + (pair.0 ? (1 - pair.1) * falsePositiveCost : pair.1 * falseNegativeCost)
      } / Double(testProbabilities.count)
    }

    /// The decisions that minimise expected cost: review when
    /// p > c_FP / (c_FP + c_FN) (Elkan 2001).
    public func optimalDecisions(falsePositiveCost: Double, falseNegativeCost: Double) -> [Bool] {
      let threshold = falsePositiveCost / (falsePositiveCost + falseNegativeCost)
      return testProbabilities.map { $0 > threshold }
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    [
      compare("review costs 1, a missed fraud 20", seed: seed, bias: -5, falsePositiveCost: 1, falseNegativeCost: 20),
      compare(
        "review costs 5, a missed fraud 60, rarer fraud", seed: seed &+ 1_000, bias: -5.5, falsePositiveCost: 5,
        falseNegativeCost: 60),
    ]
  }

  func compare(_ name: String, seed: UInt64, bias: Double, falsePositiveCost: Double, falseNegativeCost: Double) -> Check {
    let tried = "4,000 training and 10,000 test transactions, c_FP \(falsePositiveCost), c_FN \(falseNegativeCost), seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      let data = Transactions.generate(seed: seed, bias: bias)
      let decisions = implementation(
        data.trainFeatures, data.trainLabels, data.testFeatures, falsePositiveCost, falseNegativeCost)
      guard decisions.count == data.testFeatures.count else {
        return .failed(
          expected: "\(data.testFeatures.count) decisions", got: "\(decisions.count) decisions",
          message: "Return one decision per test transaction.", hint: "One Bool per row of testFeatures.")
      }
      let optimal = data.optimalDecisions(falsePositiveCost: falsePositiveCost, falseNegativeCost: falseNegativeCost)
      let best = data.expectedCost(optimal, falsePositiveCost: falsePositiveCost, falseNegativeCost: falseNegativeCost)
      let cost = data.expectedCost(decisions, falsePositiveCost: falsePositiveCost, falseNegativeCost: falseNegativeCost)
      if cost <= Self.budget * best { return .passed }
      let reviewed = decisions.filter { $0 }.count
      let optimalReviewed = optimal.filter { $0 }.count
      let (message, hint) = Self.diagnose(reviewed: reviewed, optimalReviewed: optimalReviewed, total: decisions.count)
      return .failed(
        expected: "expected cost per transaction at most \(Self.show(Self.budget * best)) (optimum \(Self.show(best)), \(optimalReviewed) reviews)",
        got: "\(Self.show(cost)), \(reviewed) reviews", message: message, hint: hint)
    }
  }

  static func diagnose(reviewed: Int, optimalReviewed: Int, total: Int) -> (String, String) {
    if reviewed == 0 {
      return (
        "You review nothing: the most accurate rule on 3% fraud, and one of the most expensive.",
        "Each missed fraud costs many reviews. Decide by expected cost, not by the most likely label."
      )
    }
    if Double(reviewed) < 0.6 * Double(optimalReviewed) {
      return (
        "You review far fewer transactions than the cost-optimal rule: this is what a threshold of 0.5 on the probability does.",
        "Review when p·c_FN > (1 − p)·c_FP, that is when p > c_FP / (c_FP + c_FN)."
      )
    }
    if Double(reviewed) > 1.5 * Double(optimalReviewed) {
      return (
        "You review far more transactions than the cost-optimal rule: the costs may be counted twice (class weights in training and a cost threshold).",
        "Train on the data as given, so that the probabilities are P(fraud | features), and let the threshold alone carry the costs."
      )
    }
    return (
      "The expected cost is more than 10% above the optimum.",
      "Check that training converged (the loss should stop falling) and that the threshold is c_FP / (c_FP + c_FN)."
    )
  }

  /// A cost per transaction, to four decimals.
  static func show(_ value: Double) -> String { formatted((value * 10_000).rounded() / 10_000) }
}
