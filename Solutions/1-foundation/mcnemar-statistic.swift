import Groundwork

/// McNemar's statistic, with continuity correction, for two models scored on
/// the same examples: `a[i]` and `b[i]` say whether each model got example i
/// right.
///
///     χ² = (|b01 − b10| − 1)² / (b01 + b10)
///
/// b01 counts the examples that model a got wrong and model b got right,
/// b10 the reverse. Examples both got right, or both got wrong, say nothing
/// about which model is better and do not enter.
func mcNemarStatistic(a: [Bool], b: [Bool]) -> Double {
  // BEGIN SOLUTION: count the two kinds of disagreement, then apply the formula
  var b01 = 0
  var b10 = 0
  for (rightA, rightB) in zip(a, b) {
    if !rightA && rightB { b01 += 1 }
    if rightA && !rightB { b10 += 1 }
  }
  let excess = Double(abs(b01 - b10)) - 1
  return excess * excess / Double(b01 + b10)
  // END SOLUTION
}
