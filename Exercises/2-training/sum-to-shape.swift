import Groundwork

/// The gradient of a value of shape `target` that broadcasting stretched to
/// `shape`: `gradient` (row-major, laid out with `shape`) summed over every
/// axis that broadcasting created or stretched.
///
/// Broadcasting aligns shapes from the right: `target` may have fewer axes
/// (the missing leading ones count as 1), and each of its axes is either 1
/// or equal to the matching axis of `shape`.
///
/// - Returns: the summed gradient, row-major, with `target.reduce(1, *)`
///   elements.
func sumToShape(gradient: [Double], shape: [Int], target: [Int]) -> [Double] {
  fatalError("TODO: add each gradient element into the target element it was copied from")
}
