import Groundwork

/// Offline watch time at k: for each session, rank its candidates by
/// `scores` (highest first; ties keep the order of the rows), add up the
/// logged `watchSeconds` of the first k (all of them when the session has
/// fewer), and average that over sessions.
///
/// Row i is one candidate of session `sessions[i]`; a session's rows need
/// not be adjacent. The logs come from an exploration slice that showed
/// every candidate, so each row's watch time is known.
func watchTimeAtK(scores: [Double], watchSeconds: [Double], sessions: [Int], k: Int) -> Double {
  // BEGIN SOLUTION: rank within each session, sum the top k's watch time, average over sessions
  var rowsBySession: [Int: [Int]] = [:]
  for (row, session) in sessions.enumerated() { rowsBySession[session, default: []].append(row) }
  var total = 0.0
  for rows in rowsBySession.values {
    // A stable ranking: by score, then by row, so that ties keep the logged order.
    let ranked = rows.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
    total += ranked.prefix(k).reduce(0) { $0 + watchSeconds[$1] }
  }
  return total / Double(rowsBySession.count)
  // END SOLUTION
}
