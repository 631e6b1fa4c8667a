import Groundwork

/// The trace of a dynamic loss scaler over a run (PyTorch's `GradScaler`
/// policy, Micikevicius et al. 2018).
///
/// Step i multiplies its loss by the current scale. If its gradients
/// overflowed (`overflows[i]` is true) the step is skipped, the scale is
/// halved and the count of good steps starts again from 0. Otherwise the
/// step is taken, and after `growthInterval` good steps in a row the scale
/// doubles and the count starts again.
///
/// - Returns: for each step, the scale its loss was multiplied by and
///   whether the optimizer step was taken.
func lossScaleTrace(overflows: [Bool], initialScale: Double, growthInterval: Int) -> [(scale: Double, stepTaken: Bool)] {
  // BEGIN SOLUTION: run the scaler's state machine over the steps
  var scale = initialScale
  var goodSteps = 0
  var trace: [(scale: Double, stepTaken: Bool)] = []
  for overflowed in overflows {
    trace.append((scale: scale, stepTaken: !overflowed))
    if overflowed {
      scale *= 0.5
      goodSteps = 0
    } else {
      goodSteps += 1
      if goodSteps == growthInterval {
        scale *= 2
        goodSteps = 0
      }
    }
  }
  return trace
  // END SOLUTION
}
