import ArgumentParser
import Stats

/// `groundwork stats shift REFERENCE CURRENT --column NAME`: has a numeric
/// feature's distribution moved?
struct StatsShiftCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "shift",
    abstract: "Distribution shift of one numeric column: two-sample KS test and PSI.",
    discussion: """
      KS: D = sup |F_ref - F_cur| with an asymptotic p-value. PSI: bins cut at \
      the reference's quantiles, empty proportions set to 1e-4, \
      PSI = sum (p_cur - p_ref) ln(p_cur / p_ref); below 0.1 is usually read \
      as stable, above 0.25 as a major shift.
      """)

  @Argument(help: "CSV file with the reference sample.")
  var reference: String

  @Argument(help: "CSV file with the current sample.")
  var current: String

  @Option(help: "The numeric column to compare (in both files).")
  var column: String

  @Option(help: "Number of PSI bins B.")
  var bins = 10

  @Flag(help: "Print one JSON object: {n_reference, n_current, ks, psi}.")
  var json = false

  func validate() throws {
    guard bins >= 1 else { throw ValidationError("--bins must be at least 1, got \(bins)") }
  }

  func run() throws {
    let referenceValues = try CSVTable.load(reference).numbers(column)
    let currentValues = try CSVTable.load(current).numbers(column)
    let ks = kolmogorovSmirnovTwoSample(reference: referenceValues, current: currentValues)
    let psi = populationStabilityIndex(reference: referenceValues, current: currentValues, binCount: bins)
    if json {
      printJSON(
        .object([
          ("n_reference", .integer(referenceValues.count)),
          ("n_current", .integer(currentValues.count)),
          ("ks", .object([("statistic", .number(ks.statistic)), ("p_value", .number(ks.pValue))])),
          ("psi", .number(psi.value)),
        ]))
      return
    }
    var lines = [
      "Column \"\(column)\": \(referenceValues.count) reference and \(currentValues.count) current values",
      "  KS statistic  \(fixed(ks.statistic))   p-value \(pValueText(ks.pValue))",
      "  PSI           \(fixed(psi.value))   (\(psiReading(psi.value)))",
      "",
    ]
    let total = (Double(referenceValues.count), Double(currentValues.count))
    let rows = (0..<bins).map { bin -> [String] in
      let lower = bin == 0 ? "-inf" : fixed(psi.edges[bin - 1])
      let upper = bin == bins - 1 ? "+inf" : fixed(psi.edges[bin])
      return [
        "(\(lower), \(upper)\(bin == bins - 1 ? ")" : "]")",
        String(psi.referenceCounts[bin]), fixed(Double(psi.referenceCounts[bin]) / total.0),
        String(psi.currentCounts[bin]), fixed(Double(psi.currentCounts[bin]) / total.1),
      ]
    }
    lines.append(
      textTable(
        headers: ["bin", "reference", "share", "current", "share"], rows: rows,
        rightAligned: [false, true, true, true, true]))
    print(lines.joined(separator: "\n"))
  }

  private func psiReading(_ value: Double) -> String {
    if value < 0.1 { return "stable" }
    if value < 0.25 { return "moderate shift" }
    return "major shift"
  }
}
