import Groundwork

/// The gradients of a model (one array per parameter tensor) clipped by
/// their global L2 norm, as PyTorch's `clip_grad_norm_` and the kernel's
/// `clipGradientNorm` do:
///
///     ‖g‖ = √(Σ over every tensor and element of g²)
///     factor = maxNorm / (‖g‖ + 1e-6)
///     g ← g · factor   for every tensor, only when factor < 1
///
/// One factor for all tensors keeps the direction of the whole update.
func clipByGlobalNorm(gradients: [[Double]], maxNorm: Double) -> [[Double]] {
  fatalError("TODO: scale every gradient by one common factor when their joint norm exceeds maxNorm")
}
