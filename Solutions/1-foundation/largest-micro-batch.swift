import Groundwork

/// The largest micro-batch b that fits in `gpuGiB` GiB (2^30 bytes each)
/// when training a GPT-style transformer of `parameters` parameters and
/// `layers` layers with Adam in bf16 mixed precision and no activation
/// recomputation:
///
///     16·N + b · L · (34·s·h + 5·a·s²)  ≤  gpuGiB · 2^30
///
/// 16 bytes per parameter of model states (ZeRO), plus Korthikanti et al.'s
/// activations for every layer, which grow linearly with b. Returns 0 when
/// not even b = 1 fits.
func largestMicroBatch(gpuGiB: Int, parameters: Int, layers: Int, sequence: Int, hidden: Int, heads: Int) -> Int {
  // BEGIN SOLUTION: subtract the model states, then divide by one sample's activations
  let memory = gpuGiB * (1 << 30)
  let modelStates = 16 * parameters
  let perSample = layers * (34 * sequence * hidden + 5 * heads * sequence * sequence)
  guard memory >= modelStates else { return 0 }
  return (memory - modelStates) / perSample
  // END SOLUTION
}
