import ArgumentParser
import Stats

extension BootstrapMethod: ExpressibleByArgument {}

/// `groundwork stats bootstrap FILE --column NAME`: a bootstrap confidence
/// interval for the mean of a column (e.g. per-example losses).
struct StatsBootstrapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bootstrap",
    abstract: "A seeded bootstrap confidence interval (percentile or BCa) for the mean of a column.",
    discussion: """
      Resample b draws its indices from a stream keyed by (seed, b), so the \
      same seed gives the same interval on any machine and thread count. \
      percentile: the alpha/2 and 1 - alpha/2 quantiles of the resampled \
      means (Efron 1979); bca: bias-corrected and accelerated (Efron 1987), \
      acceleration from the jackknife. standard_error is the standard \
      deviation of the resampled means.
      """)

  @Argument(help: "CSV file.")
  var file: String

  @Option(help: "The numeric column whose mean is estimated.")
  var column: String

  @Option(help: "percentile or bca.")
  var method = BootstrapMethod.percentile

  @Option(help: "Number of resamples, at least 1.")
  var resamples = 2000

  @Option(help: "Confidence level, in (0, 1).")
  var level = 0.95

  @Option(help: "Seed of the resample streams, a non-negative integer.")
  var seed = 0

  @Flag(
    help: """
      Print one JSON object: {n, statistic, estimate, lower, upper, standard_error, method, level, resamples, \
      seed}.
      """)
  var json = false

  func validate() throws {
    guard seed >= 0 else { throw ValidationError("--seed must be a non-negative integer, got \(seed)") }
    guard resamples >= 1 else { throw ValidationError("--resamples must be at least 1, got \(resamples)") }
    guard level > 0 && level < 1 else {
      throw ValidationError("--level must be strictly between 0 and 1 (e.g. 0.95), got \(level)")
    }
  }

  func run() throws {
    let values = try CSVTable.load(file).numbers(column)
    let interval = bootstrapMeanInterval(values, resamples: resamples, level: level, method: method, seed: UInt64(seed))
    if json {
      printJSON(
        .object([
          ("n", .integer(values.count)), ("statistic", .string("mean")), ("estimate", .number(interval.estimate)),
          ("lower", .number(interval.lower)), ("upper", .number(interval.upper)),
          ("standard_error", .number(interval.standardError)), ("method", .string(method.rawValue)),
          ("level", .number(level)), ("resamples", .integer(resamples)), ("seed", .integer(seed)),
        ]))
    } else {
      print(
        """
        mean of \(values.count) values of "\(column)" = \(fixed(interval.estimate))
        \(keyValueLines([
            ("\(method.rawValue) interval (level \(level))", "[\(fixed(interval.lower)), \(fixed(interval.upper))]"),
            ("bootstrap standard error", fixed(interval.standardError)),
            ("resamples, seed", "\(resamples), \(seed)"),
          ]))
        """)
    }
  }
}
