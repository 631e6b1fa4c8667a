import RealModule

/// A learning rate as a function of the step number (0-based).
public protocol LearningRateSchedule: Sendable {
  /// The rate for step `step`.
  func rate(at step: Int) -> Double
}

/// Multiplies the base rate by γ every `stepSize` steps (PyTorch's StepLR).
public struct StepDecay: LearningRateSchedule {
  /// The rate at step 0.
  public var base: Double
  /// Steps between decays.
  public var stepSize: Int
  /// The factor applied at each decay.
  public var gamma: Double

  /// A step decay from `base` by `gamma` every `stepSize` steps.
  public init(base: Double, stepSize: Int, gamma: Double) {
    precondition(stepSize > 0, "stepSize must be positive, got \(stepSize)")
    self.base = base
    self.stepSize = stepSize
    self.gamma = gamma
  }

  public func rate(at step: Int) -> Double {
    base * Double.pow(gamma, Double(step / stepSize))
  }
}

/// Linear warm-up from 0 to the base rate over `warmupSteps`, then a cosine
/// decay to `minimum` at `totalSteps` (and `minimum` after): the schedule of
/// most transformer training runs. Warm-up keeps Adam's first steps, taken
/// with poorly estimated second moments, small.
public struct CosineWithWarmup: LearningRateSchedule {
  /// The peak rate, reached at the end of warm-up.
  public var base: Double
  /// Steps of linear warm-up.
  public var warmupSteps: Int
  /// The step at which the cosine reaches `minimum`.
  public var totalSteps: Int
  /// The final rate.
  public var minimum: Double

  /// A cosine schedule with warm-up.
  public init(base: Double, warmupSteps: Int, totalSteps: Int, minimum: Double = 0) {
    precondition(warmupSteps >= 0 && totalSteps > warmupSteps, "need 0 ≤ warmupSteps < totalSteps")
    self.base = base
    self.warmupSteps = warmupSteps
    self.totalSteps = totalSteps
    self.minimum = minimum
  }

  public func rate(at step: Int) -> Double {
    if step < warmupSteps { return base * Double(step + 1) / Double(warmupSteps) }
    if step >= totalSteps { return minimum }
    let progress = Double(step - warmupSteps) / Double(totalSteps - warmupSteps)
    return minimum + (base - minimum) * 0.5 * (1 + Double.cos(Double.pi * progress))
  }
}
