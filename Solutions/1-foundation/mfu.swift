import Groundwork

/// Model FLOPs utilization of a training job: the FLOPs the model itself
/// needs, 6 per parameter per token (2 forward, 4 backward), at the
/// measured throughput, as a fraction of what the devices could do at peak.
///
/// - Parameters:
///   - parameters: N, the model's parameters.
///   - tokensPerSecond: the whole job's training throughput.
///   - devices: how many accelerators the job runs on.
///   - peakFlopsPerDevice: one accelerator's peak rate, FLOP/s.
///   - recomputesActivations: whether the job recomputes activations
///     (gradient checkpointing).
func mfu(
  parameters: Int, tokensPerSecond: Double, devices: Int, peakFlopsPerDevice: Double, recomputesActivations: Bool
) -> Double {
  // BEGIN SOLUTION: model FLOPs per second over peak FLOPs per second
  // Recomputation makes the hardware work more (that is HFU), not the
  // model need more: MFU counts 6·N either way.
  let modelFlopsPerSecond = 6 * Double(parameters) * tokensPerSecond
  return modelFlopsPerSecond / (Double(devices) * peakFlopsPerDevice)
  // END SOLUTION
}
