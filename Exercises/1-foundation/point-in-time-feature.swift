import Groundwork

/// A point-in-time feature: for each row, the mean of `values` over the
/// last `window` rows of the same entity whose time is strictly earlier
/// than the row's own time, or nil when the entity has no earlier row.
///
/// Rows come in no particular order. The row itself, and rows of the
/// entity at the same time, are not earlier: in production they are not
/// known yet when the row is scored.
func trailingMeans(entities: [String], times: [Double], values: [Double], window: Int) -> [Double?] {
  fatalError("TODO: average each row's last `window` strictly earlier rows of its entity")
}
