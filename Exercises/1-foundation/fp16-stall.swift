import Groundwork

/// Start a Float16 sum at 0 and add `increment` to it again and again, in
/// Float16. Returns the number of the first addition that leaves the sum
/// unchanged, counting additions from 1.
///
/// With increment 1 the sum climbs to 2048 exactly; there 2048 + 1 lies
/// halfway between 2048 and 2050 and rounds to even, back to 2048, so the
/// answer is 2049.
func firstStalledAddition(increment: Float16) -> Int {
  fatalError("TODO: add the increment in Float16 until the sum stops changing")
}
