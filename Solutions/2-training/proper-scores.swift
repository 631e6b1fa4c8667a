import Groundwork

/// For an event that happens with probability `probability`, the report q
/// among `reports` with the lowest expected score under each of three
/// scoring rules, in this order:
/// 1. the log score, −log q if the event happens and −log(1 − q) if not;
/// 2. the Brier score, (1 − q)² if it happens and q² if not;
/// 3. the absolute error, 1 − q if it happens and q if not.
///
/// The expected score is p·S(q, happens) + (1 − p)·S(q, does not), with p =
/// `probability`. Ties go to the earliest report.
func bestReports(probability: Double, reports: [Double]) -> [Double] {
  // BEGIN SOLUTION: minimise each rule's expected score over the reports
  let p = probability
  let rules: [(Double) -> Double] = [
    { q in -p * Double.log(q) - (1 - p) * Double.log(1 - q) },
    { q in p * (1 - q) * (1 - q) + (1 - p) * q * q },
    { q in p * (1 - q) + (1 - p) * q },
  ]
  return rules.map { expectedScore in
    var best = reports[0]
    for q in reports.dropFirst() where expectedScore(q) < expectedScore(best) {
      best = q
    }
    return best
  }
  // END SOLUTION
}
