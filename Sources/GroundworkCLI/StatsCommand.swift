import ArgumentParser

/// `groundwork stats`: the graders' reference statistics as tools a learner
/// can point at their own model's outputs (see `../shared/spec/toolbox-cli.md`).
///
/// With `--json` each subcommand prints exactly one JSON object; without it,
/// a table. Bad input exits with status 2 and one line on stderr naming the
/// file, the line and row, and the column; nothing is printed on stdout.
struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: """
      Statistics for your own model's outputs: calibration, intervals, comparisons, shift, bias-variance, \
      metrics, agreement, bootstrap and t-intervals, two-proportion and permutation tests, sample size, \
      temperature scaling.
      """,
    discussion: """
      CSV input: a header row, commas, optional double quotes, CRLF or LF; \
      columns are found by name and extra columns are ignored. Add --json for \
      one JSON object on stdout.
      """,
    subcommands: [
      StatsCalibrationCommand.self, StatsIntervalCommand.self, StatsCompareCommand.self,
      StatsShiftCommand.self, StatsBiasVarianceCommand.self, StatsMetricsCommand.self,
      StatsAgreementCommand.self, StatsBootstrapCommand.self, StatsTIntervalCommand.self,
      StatsTwoProportionCommand.self, StatsPermutationCommand.self, StatsSampleSizeCommand.self,
      StatsTemperatureCommand.self,
    ]
  )
}
