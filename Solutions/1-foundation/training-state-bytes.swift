import Groundwork

/// The bytes of model states one training run keeps for `parameters`
/// parameters: weights, gradients and optimizer states, as ZeRO counts them.
///
/// Per parameter:
///
/// | | weights | gradients | optimizer state |
/// |---|---|---|---|
/// | fp32 | 4 | 4 | the optimizer's own |
/// | mixed (fp16 or bf16) | 2 | 2 | the optimizer's own + 4 (fp32 master copy) |
///
/// The optimizer's own state, in bytes per parameter: "sgd" 0, "momentum"
/// 4 (one fp32 buffer), "adam" and "adamw" 8 (fp32 m and v), "adam-8bit" 2.
/// `mixedPrecision` is true for fp16 or bf16 mixed precision, false for
/// fp32.
func modelStateBytes(parameters: Int, optimizer: String, mixedPrecision: Bool) -> Int {
  // BEGIN SOLUTION: add up weights, gradients and optimizer states per parameter
  let ownState: Int
  switch optimizer {
  case "sgd": ownState = 0
  case "momentum": ownState = 4
  case "adam", "adamw": ownState = 8
  case "adam-8bit": ownState = 2
  default: fatalError("unknown optimizer \(optimizer)")
  }
  let perParameter = mixedPrecision ? 2 + 2 + ownState + 4 : 4 + 4 + ownState
  return perParameter * parameters
  // END SOLUTION
}
