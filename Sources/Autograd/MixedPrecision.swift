import Tensors

/// Scales the loss before the backward pass so that small fp16 gradients do
/// not flush to zero, and adapts the scale (Micikevicius et al. 2018;
/// PyTorch's `GradScaler` policy):
///
/// - a step whose gradients contain inf or NaN is skipped and the scale is
///   multiplied by `backoffFactor` (0.5);
/// - after `growthInterval` good steps in a row the scale is multiplied by
///   `growthFactor` (2).
///
/// fp16's smallest positive value is about 6e-8 (2⁻²⁴) and its largest
/// 65504: multiplying the loss by 2¹⁶ moves gradients of 1e-8 into range,
/// and the scaler backs off when that pushes large ones past 65504.
public struct DynamicLossScaler: Sendable {
  /// The current scale.
  public private(set) var scale: Double
  /// Multiplier after `growthInterval` good steps.
  public var growthFactor: Double
  /// Multiplier after an overflow.
  public var backoffFactor: Double
  /// Good steps needed before the scale grows.
  public var growthInterval: Int
  /// Steps skipped because a gradient overflowed.
  public private(set) var overflowCount = 0
  /// Good steps since the last change of scale.
  public private(set) var goodSteps = 0

  /// A scaler starting at `scale` (PyTorch's default 2¹⁶).
  public init(scale: Double = 65_536, growthFactor: Double = 2, backoffFactor: Double = 0.5, growthInterval: Int = 2000) {
    self.scale = scale
    self.growthFactor = growthFactor
    self.backoffFactor = backoffFactor
    self.growthInterval = growthInterval
  }

  /// The loss multiplied by the scale: call `backward()` on this.
  public func scaled(_ loss: Variable) -> Variable { loss * scale }

  /// Unscales `gradients` into fp32 and decides whether the step may be
  /// taken. Returns the unscaled fp32 gradients, or nil when one of them
  /// is not finite (the step must be skipped; the scale has been lowered).
  public mutating func unscale(_ gradients: [Tensor]) -> [Tensor]? {
    let unscaled = gradients.map { $0.converted(to: .float32) / scale }
    let finite = unscaled.allSatisfy { gradient in
      gradient.scalars(as: Float.self).allSatisfy { $0.isFinite }
    }
    if !finite {
      overflowCount += 1
      goodSteps = 0
      scale *= backoffFactor
      return nil
    }
    goodSteps += 1
    if goodSteps == growthInterval {
      scale *= growthFactor
      goodSteps = 0
    }
    return unscaled
  }
}

/// Mixed-precision training: a model whose parameters are 16-bit
/// (`float16` or `bfloat16`, every operation rounded to that format) and
/// fp32 master copies that the optimizer updates. Small updates that would
/// vanish when added to a 16-bit weight (1 + 1e-4 rounds to 1 in fp16)
/// accumulate in the master copy instead.
public struct MixedPrecisionTraining<O: Optimizer> {
  /// The model's 16-bit parameters, as the forward pass uses them.
  public let modelParameters: [Variable]
  /// The optimizer over the fp32 master copies.
  public var optimizer: O
  /// The loss scaler (nil for bf16, whose range makes scaling unnecessary).
  public var scaler: DynamicLossScaler?
  /// Gradient elements that were exactly zero in 16 bits while the model
  /// had a non-zero fp32 gradient would not be visible; this counts the
  /// zero elements of the unscaled gradients, a proxy for underflow.
  public private(set) var zeroGradientElements = 0

  /// Training `modelParameters` (16-bit) through `makeOptimizer`, which
  /// receives the fp32 master copies.
  public init(modelParameters: [Variable], scaler: DynamicLossScaler?, makeOptimizer: ([Variable]) -> O) {
    self.modelParameters = modelParameters
    let masters = modelParameters.map { parameter in
      Variable(parameter.value.converted(to: .float32).tagged(.parameter), requiresGrad: true, name: parameter.name)
    }
    self.optimizer = makeOptimizer(masters)
    self.scaler = scaler
  }

  /// One step: backward on the (scaled) loss, unscale into fp32, update the
  /// masters, copy them back to 16 bits. Returns false when the step was
  /// skipped for overflow.
  @discardableResult
  public mutating func step(loss: Variable) -> Bool {
    for parameter in modelParameters { parameter.zeroGrad() }
    (scaler?.scaled(loss) ?? loss).backward()
    let gradients = modelParameters.map { parameter in
      parameter.grad ?? Tensor.zeros(parameter.shape, dtype: parameter.value.dtype)
    }
    let unscaled: [Tensor]
    if scaler != nil {
      guard let result = scaler!.unscale(gradients) else { return false }
      unscaled = result
    } else {
      unscaled = gradients.map { $0.converted(to: .float32) }
    }
    zeroGradientElements += unscaled.reduce(0) { count, gradient in
      count + gradient.scalars(as: Float.self).filter { $0 == 0 }.count
    }
    for (master, gradient) in zip(optimizer.parameters, unscaled) {
      master.zeroGrad()
      master.grad = gradient.tagged(.gradient)
    }
    optimizer.step()
    for (parameter, master) in zip(modelParameters, optimizer.parameters) {
      parameter.value = master.value.converted(to: parameter.value.dtype).tagged(.parameter)
    }
    return true
  }
}
