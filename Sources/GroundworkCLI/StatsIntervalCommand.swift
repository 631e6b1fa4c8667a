import ArgumentParser
import Stats

extension ProportionIntervalMethod: ExpressibleByArgument {}

/// `groundwork stats interval`: a confidence interval for a proportion.
struct StatsIntervalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "interval",
    abstract: "A confidence interval for a proportion (e.g. an accuracy) from K successes in N trials.",
    discussion: """
      Methods: wilson (score interval, no continuity correction), \
      clopper-pearson (exact, from the beta distribution), normal (Wald), \
      agresti-coull. Bounds are clipped to [0, 1]; the estimate is K/N.
      """)

  @Option(help: "Number of successes K (e.g. correct predictions).")
  var successes: Int

  @Option(help: "Number of trials N (e.g. test examples).")
  var trials: Int

  @Option(help: "wilson, clopper-pearson, normal or agresti-coull.")
  var method = ProportionIntervalMethod.wilson

  @Option(help: "Confidence level, in (0, 1).")
  var level = 0.95

  @Flag(help: "Print one JSON object: {estimate, lower, upper, method, level}.")
  var json = false

  func validate() throws {
    guard trials >= 1 else { throw ValidationError("--trials must be at least 1, got \(trials)") }
    guard (0...trials).contains(successes) else {
      throw ValidationError("--successes must be between 0 and --trials (\(trials)), got \(successes)")
    }
    guard level > 0 && level < 1 else {
      throw ValidationError("--level must be strictly between 0 and 1 (e.g. 0.95), got \(level)")
    }
  }

  func run() throws {
    let interval = proportionInterval(successes: successes, trials: trials, method: method, level: level)
    if json {
      printJSON(
        .object([
          ("estimate", .number(interval.estimate)),
          ("lower", .number(interval.lower)),
          ("upper", .number(interval.upper)),
          ("method", .string(interval.method.rawValue)),
          ("level", .number(interval.level)),
        ]))
    } else {
      print(
        """
        \(successes) / \(trials) = \(fixed(interval.estimate))
        \(percent(level)) \(interval.method.rawValue) interval: [\(fixed(interval.lower)), \(fixed(interval.upper))]
        """)
    }
  }

  private func percent(_ level: Double) -> String {
    let value = level * 100
    return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
  }
}
