import Groundwork
import RealModule

/// The learning rate at `step` (counted from 0) of a linear warm-up to
/// `peak` over `warmupSteps` steps followed by a cosine decay to `minimum`
/// at `totalSteps`, the schedule of the kernel's `CosineWithWarmup`:
///
///     step < W:       peak · (step + 1) / W
///     W ≤ step < T:   minimum + (peak − minimum) · ½ · (1 + cos(π · (step − W) / (T − W)))
///     step ≥ T:       minimum
///
/// Warm-up counts from step + 1 so that the first step already moves.
func warmupCosineRate(step: Int, peak: Double, warmupSteps: Int, totalSteps: Int, minimum: Double) -> Double {
  fatalError("TODO: the warm-up, the cosine and the floor after totalSteps")
}
