import RealModule
import Tensors

/// An optimizer updates parameters from their gradients. The update rules
/// follow PyTorch's documented algorithms, so a learner can compare numbers
/// step for step.
public protocol Optimizer {
  /// The parameters it updates.
  var parameters: [Variable] { get }
  /// The learning rate of the next step (schedules change it between steps).
  var learningRate: Double { get set }
  /// Applies one update from the current gradients; parameters without a
  /// gradient are left as they are.
  mutating func step()
}

extension Optimizer {
  /// Forgets every parameter's gradient, before the next backward pass.
  public func zeroGrad() {
    for parameter in parameters { parameter.zeroGrad() }
  }
}

/// Stochastic gradient descent with optional momentum, Nesterov momentum
/// and L2 weight decay (PyTorch's `torch.optim.SGD`, dampening 0):
///
///     g ← ∇ + λ·θ
///     b ← μ·b + g                 (b = g at the first step)
///     g ← g + μ·b  (Nesterov)  or  g ← b
///     θ ← θ − η·g
public struct SGD: Optimizer {
  public let parameters: [Variable]
  public var learningRate: Double
  /// μ; 0 for plain gradient descent.
  public var momentum: Double
  /// Whether to look ahead along the momentum (Sutskever et al. 2013).
  public var nesterov: Bool
  /// λ, added to the gradient as λ·θ (L2 regularisation).
  public var weightDecay: Double
  var velocity: [ObjectIdentifier: Tensor] = [:]

  /// An SGD optimizer over `parameters`.
  public init(
    _ parameters: [Variable], learningRate: Double, momentum: Double = 0, nesterov: Bool = false,
    weightDecay: Double = 0
  ) {
    precondition(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  public mutating func step() {
    for parameter in parameters {
      // Each line is one fused pass (`adding(_:scaledBy:)` or its in-place
      // form), bit for bit the textbook expression beside it.
      guard var gradient = parameter.grad else { continue }
      if weightDecay != 0 { gradient = gradient.adding(parameter.value, scaledBy: weightDecay) }  // g + λθ
      if momentum != 0 {
        let key = ObjectIdentifier(parameter)
        let buffer = velocity[key].map { gradient.adding($0, scaledBy: momentum) } ?? gradient  // μb + g
        velocity[key] = buffer.tagged(.optimizerState)
        gradient = nesterov ? gradient.adding(buffer, scaledBy: momentum) : buffer  // g + μb
      }
      // θ − ηg, in place: the graph that read θ is gone by now, so its
      // storage is not shared (when it is, the update copies first).
      parameter.value.add(gradient, scaledBy: -learningRate)
      _ = parameter.value.tagged(.parameter)
    }
  }
}

/// Adam (Kingma and Ba 2015) and AdamW (Loshchilov and Hutter 2019), as
/// PyTorch's `torch.optim.Adam` and `AdamW` define them:
///
///     Adam:  g ← ∇ + λ·θ                         (L2: decay goes through m and v)
///     AdamW: θ ← θ − η·λ·θ                        (decoupled: decay bypasses m and v)
///     m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
///     m̂ ← m / (1 − β₁ᵗ),       v̂ ← v / (1 − β₂ᵗ)    (bias correction)
///     θ ← θ − η·m̂ / (√v̂ + ε)
///
/// The two moments are why Adam's state is twice the model's size in fp32.
public struct Adam: Optimizer {
  public let parameters: [Variable]
  public var learningRate: Double
  /// β₁, the decay of the first moment.
  public var beta1: Double
  /// β₂, the decay of the second moment.
  public var beta2: Double
  /// ε, added to √v̂ so that the step stays finite.
  public var epsilon: Double
  /// λ.
  public var weightDecay: Double
  /// Whether the decay is decoupled (AdamW) or an L2 term in the gradient (Adam).
  public var decoupledWeightDecay: Bool
  /// Steps taken so far (t).
  public private(set) var stepCount = 0
  var firstMoment: [ObjectIdentifier: Tensor] = [:]
  var secondMoment: [ObjectIdentifier: Tensor] = [:]

  /// Adam over `parameters` (PyTorch's defaults: η 1e-3, β (0.9, 0.999), ε 1e-8).
  public init(
    _ parameters: [Variable], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0, decoupledWeightDecay: Bool = false
  ) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
  }

  /// AdamW: Adam with decoupled weight decay (PyTorch's default λ 0.01).
  public static func adamW(
    _ parameters: [Variable], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, weightDecay: Double = 0.01
  ) -> Adam {
    Adam(
      parameters, learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
      decoupledWeightDecay: true)
  }

  public mutating func step() {
    stepCount += 1
    let t = Double(stepCount)
    let correction1 = 1 - Double.pow(beta1, t)
    let correction2 = 1 - Double.pow(beta2, t)
    for parameter in parameters {
      guard var gradient = parameter.grad else { continue }
      var theta = parameter.value
      if weightDecay != 0 {
        if decoupledWeightDecay {
          theta = theta - theta * (learningRate * weightDecay)
        } else {
          gradient = gradient + theta * weightDecay
        }
      }
      let key = ObjectIdentifier(parameter)
      let zeros = Tensor.zeros(theta.shape, dtype: theta.dtype)
      let m = (firstMoment[key] ?? zeros) * beta1 + gradient * (1 - beta1)
      let v = (secondMoment[key] ?? zeros) * beta2 + gradient * gradient * (1 - beta2)
      firstMoment[key] = m.tagged(.optimizerState)
      secondMoment[key] = v.tagged(.optimizerState)
      let mHat = m / correction1
      let vHat = v / correction2
      parameter.value = (theta - mHat / (vHat.sqrt() + epsilon) * learningRate).tagged(.parameter)
    }
  }
}

/// Scales all gradients together so that their joint L2 norm is at most
/// `maxNorm` (PyTorch's `clip_grad_norm_`: factor maxNorm / (norm + 1e-6),
/// applied only when below 1).
///
/// - Returns: the norm before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Variable], maxNorm: Double) -> Double {
  var sumOfSquares = 0.0
  for parameter in parameters {
    if let gradient = parameter.grad { sumOfSquares += (gradient * gradient).sum().item() }
  }
  let norm = sumOfSquares.squareRoot()
  let factor = maxNorm / (norm + 1e-6)
  if factor < 1 {
    for parameter in parameters {
      if let gradient = parameter.grad { parameter.grad = gradient * factor }
    }
  }
  return norm
}
