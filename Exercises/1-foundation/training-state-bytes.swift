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
  fatalError("TODO: add up weights, gradients and optimizer states per parameter")
}
