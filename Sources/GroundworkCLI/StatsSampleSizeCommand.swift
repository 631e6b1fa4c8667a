import ArgumentParser
import Stats

extension SampleSizeVariance: ExpressibleByArgument {}

/// `groundwork stats sample-size`: how many test examples a comparison of
/// two accuracies needs.
struct StatsSampleSizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample-size",
    abstract: "How many test examples are needed to detect a difference in accuracy.",
    discussion: """
      Two designs. Independent test sets (--from P1 --to P2): examples per \
      arm for a two-sided two-proportion z-test; variance unpooled \
      (n = (z_a + z_b)^2 (p1 q1 + p2 q2) / (p1 - p2)^2) or pooled under the \
      null (Fleiss, Levin and Paik 2003). Paired, both models on the same \
      examples (--difference D --discordant-rate PSI): McNemar's test, \
      Connor (1987): n = (z_a sqrt(PSI) + z_b sqrt(PSI - D^2))^2 / D^2, where \
      PSI is the share of examples on which exactly one model is right. \
      z_a = the two-sided critical value at --alpha, z_b = the normal \
      quantile at --power. Results are rounded up.
      """)

  @Option(help: "Independent design: the baseline accuracy, in (0, 1).")
  var from: Double?

  @Option(help: "Independent design: the accuracy to detect, in (0, 1).")
  var to: Double?

  @Option(help: "Independent design: unpooled or pooled.")
  var variance = SampleSizeVariance.unpooled

  @Option(help: "Paired design: the difference in accuracy to detect, in (0, 1].")
  var difference: Double?

  @Option(help: "Paired design: the share of examples the models disagree on, in [difference, 1].")
  var discordantRate: Double?

  @Option(help: "Two-sided significance level, in (0, 1).")
  var alpha = 0.05

  @Option(help: "Power, the probability of detecting the difference, in (0, 1).")
  var power = 0.8

  @Flag(
    help: """
      Print one JSON object: independent {design, from, to, variance, alpha, power, per_arm, total}; \
      paired {design, difference, discordant_rate, alpha, power, n}.
      """)
  var json = false

  func validate() throws {
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be strictly between 0 and 1, got \(alpha)") }
    guard power > 0 && power < 1 else { throw ValidationError("--power must be strictly between 0 and 1, got \(power)") }
    switch (from, to, difference, discordantRate) {
    case (let p1?, let p2?, nil, nil):
      for (name, p) in [("--from", p1), ("--to", p2)] where !(p > 0 && p < 1) {
        throw ValidationError("\(name) must be strictly between 0 and 1, got \(p)")
      }
      guard p1 != p2 else { throw ValidationError("--from and --to must differ, both are \(p1)") }
    case (nil, nil, let d?, let psi?):
      guard d > 0 && d <= 1 else { throw ValidationError("--difference must lie in (0, 1], got \(d)") }
      guard psi >= d && psi <= 1 else {
        throw ValidationError("--discordant-rate must lie in [--difference, 1] = [\(d), 1], got \(psi)")
      }
    default:
      throw ValidationError(
        "give either --from and --to (independent test sets) or --difference and --discordant-rate (paired)")
    }
  }

  func run() throws {
    if let p1 = from, let p2 = to {
      let perArm = sampleSizePerArm(from: p1, to: p2, alpha: alpha, power: power, variance: variance)
      if json {
        printJSON(
          .object([
            ("design", .string("independent")), ("from", .number(p1)), ("to", .number(p2)),
            ("variance", .string(variance.rawValue)), ("alpha", .number(alpha)), ("power", .number(power)),
            ("per_arm", .integer(perArm)), ("total", .integer(2 * perArm)),
          ]))
      } else {
        print(
          """
          Independent test sets, accuracy \(p1) vs \(p2), alpha \(alpha), power \(power) (\(variance.rawValue) variance)
          \(keyValueLines([("examples per arm", String(perArm)), ("total", String(2 * perArm))]))
          """)
      }
    } else if let d = difference, let psi = discordantRate {
      let n = pairedSampleSize(difference: d, discordantRate: psi, alpha: alpha, power: power)
      if json {
        printJSON(
          .object([
            ("design", .string("paired")), ("difference", .number(d)), ("discordant_rate", .number(psi)),
            ("alpha", .number(alpha)), ("power", .number(power)), ("n", .integer(n)),
          ]))
      } else {
        print(
          """
          Paired (McNemar), difference \(d), discordant rate \(psi), alpha \(alpha), power \(power)
          \(keyValueLines([("examples, each scored by both models", String(n))]))
          """)
      }
    }
  }
}
