import ArgumentParser
import Stats

/// `groundwork stats t-interval FILE --column NAME`: Student's t-interval
/// for the mean of a column.
struct StatsTIntervalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "t-interval",
    abstract: "Student's t confidence interval for the mean of a column (e.g. per-example losses).",
    discussion: """
      mean ± t(1 - alpha/2, n - 1) · s / sqrt(n), with s the sample standard \
      deviation (divisor n - 1); exact for normal data, a good approximation \
      for the mean of many independent values (scipy's stats.t.interval). \
      For skewed data with few values, `stats bootstrap --method bca` is an \
      alternative.
      """)

  @Argument(help: "CSV file.")
  var file: String

  @Option(help: "The numeric column whose mean is estimated.")
  var column: String

  @Option(help: "Confidence level, in (0, 1).")
  var level = 0.95

  @Flag(help: "Print one JSON object: {n, mean, standard_error, lower, upper, level}.")
  var json = false

  func validate() throws {
    guard level > 0 && level < 1 else {
      throw ValidationError("--level must be strictly between 0 and 1 (e.g. 0.95), got \(level)")
    }
  }

  func run() throws {
    let table = try CSVTable.load(file)
    let values = try table.numbers(column)
    guard values.count >= 2 else {
      throw CLIError("\(file):\(table.rows[0].line): a t-interval needs at least two rows, got one")
    }
    let interval = tInterval(values, level: level)
    if json {
      printJSON(
        .object([
          ("n", .integer(values.count)), ("mean", .number(interval.mean)),
          ("standard_error", .number(interval.standardError)), ("lower", .number(interval.lower)),
          ("upper", .number(interval.upper)), ("level", .number(level)),
        ]))
    } else {
      print(
        """
        mean of \(values.count) values of "\(column)" = \(fixed(interval.mean))
        \(keyValueLines([
            ("t-interval (level \(level))", "[\(fixed(interval.lower)), \(fixed(interval.upper))]"),
            ("standard error", fixed(interval.standardError)),
          ]))
        """)
    }
  }
}
