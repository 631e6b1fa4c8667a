/// A progress bar such as `[██████░░░░] 3/5`: `width` cells inside the
/// brackets, filled in proportion to `done / total` (rounded down, so the bar
/// is full only when everything is done), followed by the count. Plain styles
/// draw `[######----] 3/5`. Negative inputs count as zero, `done` is capped at
/// `total`, and `0/0` draws an empty bar.
public func progressBar(done: Int, total: Int, width: Int, style: TerminalStyle) -> String {
  let total = max(0, total)
  let done = min(max(0, done), total)
  let cells = max(0, width)
  let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(cells)).rounded(.down))
  let empty = cells - filled
  let bar: String
  if style.color {
    bar = ANSI.apply(ANSI.green, to: String(repeating: "█", count: filled), style: style)
      + ANSI.apply(ANSI.gray, to: String(repeating: "░", count: empty), style: style)
  } else {
    bar = String(repeating: "#", count: filled) + String(repeating: "-", count: empty)
  }
  return "[" + bar + "] \(done)/\(total)"
}
