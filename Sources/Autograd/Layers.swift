import RealModule
import Tensors

/// A layer: a function of one variable with named parameters. Layers are
/// classes because their parameters change in place as training proceeds.
public protocol Layer: AnyObject {
  /// The layer applied to `input`.
  func callAsFunction(_ input: Variable) -> Variable
  /// The parameters, each with its dotted name ("weight", "0.bias",
  /// "block0.attn.wq"), in a fixed order.
  func namedParameters() -> [(name: String, parameter: Variable)]
}

extension Layer {
  /// The parameters in the order of `namedParameters()`.
  public var parameters: [Variable] { namedParameters().map(\.parameter) }

  /// How many numbers the parameters hold.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// A trainable tensor, named, with its storage counted as a parameter by
/// the memory tracker.
func parameter(_ value: Tensor, name: String) -> Variable {
  Variable(value.tagged(.parameter), requiresGrad: true, name: name)
}

/// Uniform values in [−bound, bound) from `rng`, as `dtype`.
func uniform(_ shape: [Int], bound: Double, dtype: DType, rng: inout SplitMix64) -> Tensor {
  let values = (0..<shape.reduce(1, *)).map { _ in rng.nextDouble(in: -bound..<bound) }
  return Tensor(values, shape: shape).converted(to: dtype)
}

/// y = x·W + b, with W of shape [inputs, outputs] applied to the last axis.
///
/// Weights and bias start uniform in ±1/√inputs, PyTorch's default for
/// `nn.Linear` (Kaiming-uniform with a = √5), so the output's scale does
/// not grow with the input width.
public final class Linear: Layer {
  /// [inputs, outputs].
  public private(set) var weight: Variable
  /// [outputs], or nil without bias.
  public let bias: Variable?

  /// A linear layer initialised from `rng`.
  public init(inputs: Int, outputs: Int, bias: Bool = true, dtype: DType = .float32, rng: inout SplitMix64) {
    let bound = 1 / Double(inputs).squareRoot()
    weight = parameter(uniform([inputs, outputs], bound: bound, dtype: dtype, rng: &rng), name: "weight")
    self.bias = bias ? parameter(uniform([outputs], bound: bound, dtype: dtype, rng: &rng), name: "bias") : nil
  }

  public func callAsFunction(_ input: Variable) -> Variable {
    // With a bias, a batch of rows is one fused operation, and so is a
    // contiguous batch of sequences [B, S, in], seen as B·S rows (the
    // reshapes are views and allocate nothing).
    if let bias, input.shape.count >= 2 {
      if input.shape.count == 2 { return input.linear(weight: weight, bias: bias) }
      if input.value.isContiguous {
        let rows = input.reshaped([-1, input.shape[input.shape.count - 1]])
        return rows.linear(weight: weight, bias: bias).reshaped(input.shape.dropLast() + [bias.shape[0]])
      }
    }
    let product = input.shape.count == 1 ? input.reshaped([1, input.shape[0]]).matmul(weight) : input.matmul(weight)
    return bias.map { product + $0 } ?? product
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] {
    [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
  }

  /// Uses `weight` (same shape) from now on: for gradient checks and for
  /// loading trained weights.
  public func replaceWeight(_ weight: Variable) {
    precondition(weight.shape == self.weight.shape, "weight of shape \(weight.shape) for \(self.weight.shape)")
    self.weight = weight
  }
}

/// An element-wise function as a layer (no parameters).
public final class Activation: Layer {
  let function: (Variable) -> Variable
  /// Its name in printouts.
  public let name: String

  /// A layer applying `function`.
  public init(_ name: String, _ function: @escaping (Variable) -> Variable) {
    self.name = name
    self.function = function
  }

  /// max(0, x).
  public static var relu: Activation { Activation("relu") { $0.relu() } }
  /// tanh(x).
  public static var tanh: Activation { Activation("tanh") { $0.tanh() } }

  public func callAsFunction(_ input: Variable) -> Variable { function(input) }
  public func namedParameters() -> [(name: String, parameter: Variable)] { [] }
}

/// Layers applied in order; parameters are named by the child's name (its
/// position when not given) and the child's own names: "0.weight".
public final class Sequential: Layer {
  /// The children and their names.
  public let layers: [(name: String, layer: any Layer)]

  /// Children named by their position.
  public init(_ layers: [any Layer]) {
    self.layers = layers.enumerated().map { (String($0.offset), $0.element) }
  }

  /// Children with names of their own.
  public init(named layers: [(String, any Layer)]) {
    self.layers = layers.map { (name: $0.0, layer: $0.1) }
  }

  public func callAsFunction(_ input: Variable) -> Variable {
    layers.reduce(input) { value, child in child.layer(value) }
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] {
    layers.flatMap { child in
      child.layer.namedParameters().map { (name: "\(child.name).\($0.name)", parameter: $0.parameter) }
    }
  }
}

/// A multi-layer perceptron: Linear, activation, …, Linear (no activation
/// after the last layer, so it can produce logits or any real value).
public func multilayerPerceptron(
  sizes: [Int], activation: @escaping () -> Activation = { .relu }, dtype: DType = .float32, rng: inout SplitMix64
) -> Sequential {
  precondition(sizes.count >= 2, "an MLP needs at least an input and an output size")
  var layers: [any Layer] = []
  for (index, (inputs, outputs)) in zip(sizes, sizes.dropFirst()).enumerated() {
    layers.append(Linear(inputs: inputs, outputs: outputs, dtype: dtype, rng: &rng))
    if index < sizes.count - 2 { layers.append(activation()) }
  }
  return Sequential(layers)
}

/// Layer normalisation over the last axis (Ba et al. 2016):
/// y = (x − mean) / √(var + ε) · γ + β, with the biased variance, as
/// PyTorch's `nn.LayerNorm` (ε 1e-5, γ = 1 and β = 0 at the start).
public final class LayerNorm: Layer {
  /// γ, [features].
  public let weight: Variable
  /// β, [features].
  public let bias: Variable
  /// ε.
  public let epsilon: Double

  /// Normalisation of vectors of `features` numbers.
  public init(features: Int, epsilon: Double = 1e-5, dtype: DType = .float32) {
    weight = parameter(Tensor.ones([features], dtype: dtype), name: "weight")
    bias = parameter(Tensor.zeros([features], dtype: dtype), name: "bias")
    self.epsilon = epsilon
  }

  public func callAsFunction(_ input: Variable) -> Variable {
    let centered = input - input.mean(axis: -1, keepDims: true)
    let variance = (centered * centered).mean(axis: -1, keepDims: true)
    return centered / (variance + epsilon).sqrt() * weight + bias
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] { [("weight", weight), ("bias", bias)] }
}

/// Root-mean-square normalisation over the last axis (Zhang and Sennrich
/// 2019): y = x / √(mean(x²) + ε) · γ. No centring and no bias: cheaper
/// than LayerNorm, and what Llama-style models use.
public final class RMSNorm: Layer {
  /// γ, [features].
  public let weight: Variable
  /// ε.
  public let epsilon: Double

  /// Normalisation of vectors of `features` numbers.
  public init(features: Int, epsilon: Double = 1e-6, dtype: DType = .float32) {
    weight = parameter(Tensor.ones([features], dtype: dtype), name: "weight")
    self.epsilon = epsilon
  }

  public func callAsFunction(_ input: Variable) -> Variable {
    input / ((input * input).mean(axis: -1, keepDims: true) + epsilon).sqrt() * weight
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] { [("weight", weight)] }
}

/// A table of `count` vectors of `dimension` numbers, looked up by index
/// (token embeddings). Starts from N(0, 1), PyTorch's `nn.Embedding` default.
public final class Embedding {
  /// [count, dimension].
  public let weight: Variable

  /// A table initialised from `rng`.
  public init(count: Int, dimension: Int, dtype: DType = .float32, rng: inout SplitMix64) {
    let values = (0..<count * dimension).map { _ in rng.nextNormal() }
    weight = parameter(Tensor(values, shape: [count, dimension]).converted(to: dtype), name: "weight")
  }

  /// The vectors of `indices`, as [indices.count, dimension].
  public func callAsFunction(_ indices: [Int]) -> Variable { weight.rows(indices) }

  /// The table, named "weight".
  public func namedParameters() -> [(name: String, parameter: Variable)] { [("weight", weight)] }
}

/// Dropout (Srivastava et al. 2014): in training, each element is zeroed
/// with probability p and the survivors scaled by 1/(1 − p), so the
/// expected value is unchanged; in evaluation it is the identity. The mask
/// comes from a seeded generator, so a run can be repeated exactly.
public final class Dropout: Layer {
  /// p.
  public let probability: Double
  /// Whether masks are applied (set to false for evaluation).
  public var isTraining = true
  var rng: SplitMix64

  /// Dropout with probability `probability`, masks drawn from `seed`.
  public init(probability: Double, seed: UInt64) {
    precondition((0..<1).contains(probability), "dropout probability must be in [0, 1), got \(probability)")
    self.probability = probability
    rng = SplitMix64(seed: seed)
  }

  public func callAsFunction(_ input: Variable) -> Variable {
    guard isTraining, probability > 0 else { return input }
    let keep = 1 - probability
    let mask = (0..<input.value.count).map { _ in rng.nextBernoulli(keep) ? 1 / keep : 0 }
    return input * Variable(Tensor(mask, shape: input.shape).converted(to: input.value.dtype))
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] { [] }
}
