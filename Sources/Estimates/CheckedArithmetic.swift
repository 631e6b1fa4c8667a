// Every estimate is exact integer arithmetic on `Int` (64 bits on every
// platform Groundwork builds for). A 175B-parameter model needs 2.8e12 bytes
// of model states, far below Int.max ≈ 9.2e18, but a mistyped `--params 1e18`
// would wrap silently with `&*` and trap with `*`. These helpers turn an
// overflow into an `EstimateError` naming the quantity instead.

/// `lhs · rhs`, or ``EstimateError/overflow(quantity:)``.
func checkedProduct(_ lhs: Int, _ rhs: Int, _ quantity: String) throws(EstimateError) -> Int {
  let (value, overflow) = lhs.multipliedReportingOverflow(by: rhs)
  if overflow { throw .overflow(quantity: quantity) }
  return value
}

/// The product of all `factors`, or ``EstimateError/overflow(quantity:)``.
func checkedProduct(_ factors: [Int], _ quantity: String) throws(EstimateError) -> Int {
  var value = 1
  for factor in factors { value = try checkedProduct(value, factor, quantity) }
  return value
}

/// The sum of all `terms`, or ``EstimateError/overflow(quantity:)``.
func checkedSum(_ terms: [Int], _ quantity: String) throws(EstimateError) -> Int {
  var value = 0
  for term in terms {
    let (sum, overflow) = value.addingReportingOverflow(term)
    if overflow { throw .overflow(quantity: quantity) }
    value = sum
  }
  return value
}
