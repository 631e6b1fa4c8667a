import Groundwork

/// A point-in-time feature: for each row, the mean of `values` over the
/// last `window` rows of the same entity whose time is strictly earlier
/// than the row's own time, or nil when the entity has no earlier row.
///
/// Rows come in no particular order. The row itself, and rows of the
/// entity at the same time, are not earlier: in production they are not
/// known yet when the row is scored.
func trailingMeans(entities: [String], times: [Double], values: [Double], window: Int) -> [Double?] {
  // BEGIN SOLUTION: average each row's last `window` strictly earlier rows of its entity
  var rowsByEntity: [String: [Int]] = [:]
  for row in entities.indices {
    rowsByEntity[entities[row], default: []].append(row)
  }
  var features = [Double?](repeating: nil, count: values.count)
  for rows in rowsByEntity.values {
    let inTimeOrder = rows.sorted { times[$0] < times[$1] }
    for row in rows {
      let earlier = inTimeOrder.filter { times[$0] < times[row] }
      let last = earlier.suffix(window)
      if !last.isEmpty {
        features[row] = last.reduce(0) { $0 + values[$1] } / Double(last.count)
      }
    }
  }
  return features
  // END SOLUTION
}
