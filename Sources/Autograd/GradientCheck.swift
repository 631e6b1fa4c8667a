import Tensors

/// Compares the gradients `backward()` computes with central finite
/// differences, the test every hand-written backward rule must pass.
///
/// Inputs are promoted to Float64 (in float32 the difference quotient loses
/// most of its digits to rounding: with ε = 1e-6 the perturbation is close
/// to float32's spacing near 1). For each input and each element, the
/// numerical derivative is (f(x + ε) − f(x − ε)) / 2ε, whose error is
/// O(ε²) from truncation plus O(δ/ε) from rounding (δ ≈ 1e-16 relative).
public struct GradientCheck: Sendable {
  /// The worst disagreement found for one input.
  public struct Result: Sendable, Equatable {
    /// The input's position in the list given to `check`.
    public var input: Int
    /// The largest |analytic − numeric| / max(atol, rtol · |numeric|) over its
    /// elements; at most 1 means the input passes.
    public var worstRatio: Double
    /// The flat index of the element where it occurs.
    public var worstIndex: Int
    /// The analytic and numeric derivatives there.
    public var analytic: Double
    /// The numeric derivative there.
    public var numeric: Double
    /// Whether every element is within tolerance.
    public var passed: Bool { worstRatio <= 1 }
  }

  /// The finite-difference step.
  public var epsilon = 1e-6
  /// Absolute tolerance.
  public var absoluteTolerance = 1e-5
  /// Relative tolerance.
  public var relativeTolerance = 1e-3
  /// Inputs with more elements than this are checked on a stratified
  /// sample of this many: the flat indices are cut into equal strata and
  /// one index is drawn from each (seeded), so every region is visited.
  public var maximumElementsPerInput = 1_000
  /// The seed of that sample.
  public var sampleSeed: UInt64 = 0

  /// A check with the default step and tolerances (ε 1e-6, atol 1e-5, rtol 1e-3).
  public init() {}

  /// Every index when there are at most `maximumElementsPerInput`, else one
  /// seeded index per stratum.
  func sampleIndices(count: Int) -> [Int] {
    guard count > maximumElementsPerInput else { return Array(0..<count) }
    var rng = SplitMix64(seed: sampleSeed)
    return (0..<maximumElementsPerInput).map { stratum in
      let start = stratum * count / maximumElementsPerInput
      let end = (stratum + 1) * count / maximumElementsPerInput
      return rng.nextInt(in: start...(end - 1))
    }
  }

  /// Checks the gradient of the scalar `function` at `inputs`.
  ///
  /// - Parameters:
  ///   - inputs: the points; they are converted to Float64.
  ///   - function: builds a scalar from variables for the inputs.
  /// - Returns: one result per input.
  public func check(_ inputs: [Tensor], _ function: ([Variable]) -> Variable) -> [Result] {
    let points = inputs.map { $0.converted(to: .float64) }
    let variables = points.map { Variable($0, requiresGrad: true) }
    let output = function(variables)
    output.backward()

    return points.indices.map { position in
      let analytic = variables[position].grad?.scalars(as: Double.self)
        ?? [Double](repeating: 0, count: points[position].count)
      var flat = points[position].scalars(as: Double.self)
      var result = Result(input: position, worstRatio: 0, worstIndex: 0, analytic: 0, numeric: 0)
      for index in sampleIndices(count: flat.count) {
        let original = flat[index]
        func evaluate(_ x: Double) -> Double {
          flat[index] = x
          var shifted = points.map { Variable($0) }
          shifted[position] = Variable(Tensor(flat, shape: points[position].shape))
          return withoutGradients { function(shifted).value.item() }
        }
        let numeric = (evaluate(original + epsilon) - evaluate(original - epsilon)) / (2 * epsilon)
        flat[index] = original
        let ratio = abs(analytic[index] - numeric) / max(absoluteTolerance, relativeTolerance * abs(numeric))
        if ratio > result.worstRatio || ratio.isNaN {
          result = Result(
            input: position, worstRatio: ratio.isNaN ? .infinity : ratio, worstIndex: index,
            analytic: analytic[index], numeric: numeric)
        }
      }
      return result
    }
  }
}
