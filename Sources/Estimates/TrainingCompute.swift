/// Seconds in a day, for converting a training time.
public let secondsPerDay: Double = 86_400

/// The arithmetic of training a dense transformer with N parameters on D
/// tokens: about `6·N·D` floating-point operations, `2·N·D` in the forward
/// pass (a multiply and an add per parameter per token) and `4·N·D` in the
/// backward pass (gradients with respect to both activations and weights).
///
/// Kaplan et al. 2020, "Scaling Laws for Neural Language Models", section
/// 2.1; Anthony, Biderman and Schoelkopf 2023, "Transformer Math 101". The
/// estimate leaves out attention's `2·L·S·H`-per-token term, small next to
/// 2N unless the context is long. With full activation recomputation the
/// hardware also repeats the forward pass: about `8·N·D`.
///
/// Counts are `Double`: 6·N·D passes `Int.max` (9.2e18) for any model worth
/// training (70B × 1.4T = 5.88e23).
///
/// ```swift
/// let chinchilla = try TrainingCompute(parameters: 70_000_000_000, tokens: 1_400_000_000_000)
/// chinchilla.totalFLOPs  // 5.88e23
/// ```
public struct TrainingCompute: Sendable, Hashable {
  /// N, parameters.
  public let parameters: Int
  /// D, training tokens.
  public let tokens: Int

  /// Makes an estimate.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when N or D < 1.
  public init(parameters: Int, tokens: Int) throws(EstimateError) {
    guard parameters >= 1 else { throw .notPositive(name: "parameters", value: parameters) }
    guard tokens >= 1 else { throw .notPositive(name: "tokens", value: tokens) }
    self.parameters = parameters
    self.tokens = tokens
  }

  /// `N·D` as a `Double`.
  private var parameterTokens: Double { Double(parameters) * Double(tokens) }

  /// Forward pass: `2·N·D`.
  public var forwardFLOPs: Double { 2 * parameterTokens }
  /// Backward pass: `4·N·D`.
  public var backwardFLOPs: Double { 4 * parameterTokens }
  /// Forward and backward: `6·N·D`, the model FLOPs that MFU counts.
  public var totalFLOPs: Double { 6 * parameterTokens }
  /// With full activation recomputation: `8·N·D`, the hardware FLOPs that
  /// HFU counts.
  public var recomputedFLOPs: Double { 8 * parameterTokens }

  /// Tokens per parameter a compute-optimal model is trained on: 20
  /// (Hoffmann et al. 2022, "Training Compute-Optimal Large Language
  /// Models": Chinchilla, 70B parameters on 1.4T tokens).
  ///
  /// The rule comes from the paper's approaches 1 and 2. Its approach-3 fit
  /// with the rounded constants printed in the paper (E 1.69, A 406.4, B
  /// 410.7, α 0.34, β 0.28) gives about 93 tokens per parameter at
  /// Chinchilla's budget instead, a known trap (Besiroglu et al. 2024,
  /// "Chinchilla Scaling: A replication attempt").
  public static let chinchillaTokensPerParameter = 20

  /// `20·N`: compute-optimal training tokens for N parameters.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` when N < 1,
  ///   ``EstimateError/overflow(quantity:)`` beyond `Int.max`.
  public static func chinchillaTokens(parameters: Int) throws(EstimateError) -> Int {
    guard parameters >= 1 else { throw .notPositive(name: "parameters", value: parameters) }
    return try checkedProduct(chinchillaTokensPerParameter, parameters, "the Chinchilla token count")
  }

  /// The compute-optimal split of a budget of C FLOPs under `C = 6·N·D`
  /// and `D = 20·N`: `N = √(C / 120)`, `D = 20·N`. 5.76e23 FLOPs (Gopher's
  /// budget, which Chinchilla used) gives 69.3B parameters and 1.39T
  /// tokens.
  ///
  /// - Parameter flops: C, positive and finite.
  /// - Returns: N and D, not rounded.
  /// - Throws: ``EstimateError/outOfRange(name:value:range:)``.
  public static func chinchillaOptimal(flops: Double) throws(EstimateError) -> (parameters: Double, tokens: Double) {
    guard flops > 0, flops.isFinite else { throw .outOfRange(name: "flops", value: flops, range: "(0, ∞)") }
    let parameters = (flops / Double(6 * chinchillaTokensPerParameter)).squareRoot()
    return (parameters, Double(chinchillaTokensPerParameter) * parameters)
  }
}

/// Wall-clock seconds to execute `flops` on `devices` devices that each
/// reach `utilization` of `peak`: `C / (devices · peak · utilization)`.
///
/// With `C = 6·N·D` the utilization is MFU (Chowdhery et al. 2022, "PaLM",
/// appendix B). 5.88e23 FLOPs on 1,024 A100s (312 TFLOPS bf16) at 40% MFU:
/// 4.6e6 s ≈ 53.3 days.
///
/// - Parameters:
///   - flops: C, positive and finite.
///   - devices: at least 1.
///   - peak: one device's peak rate in FLOP/s, positive and finite.
///   - utilization: the fraction of peak reached, in (0, 1].
/// - Returns: seconds.
/// - Throws: ``EstimateError/notPositive(name:value:)`` for devices,
///   ``EstimateError/outOfRange(name:value:range:)`` for the others.
public func trainingSeconds(
  flops: Double, devices: Int, peak: Double, utilization: Double
) throws(EstimateError) -> Double {
  guard flops > 0, flops.isFinite else { throw .outOfRange(name: "flops", value: flops, range: "(0, ∞)") }
  guard devices >= 1 else { throw .notPositive(name: "devices", value: devices) }
  guard peak > 0, peak.isFinite else { throw .outOfRange(name: "peak", value: peak, range: "(0, ∞)") }
  guard utilization > 0, utilization <= 1 else {
    throw .outOfRange(name: "utilization", value: utilization, range: "(0, 1]")
  }
  return flops / (Double(devices) * peak * utilization)
}

/// Model FLOPs utilization: the fraction of peak the model's own arithmetic
/// (`6·N` per token) reaches, `6 · N · tokens per second / (devices ·
/// peak)` (Chowdhery et al. 2022, "PaLM", appendix B). 7B parameters at
/// 3,000 tokens/s per A100 (312 TFLOPS): 40.4%.
///
/// - Parameters:
///   - parameters: N, at least 1.
///   - tokensPerSecond: throughput of all devices together, positive.
///   - devices: at least 1.
///   - peak: one device's peak in FLOP/s, positive.
/// - Returns: MFU, a fraction (above 1 means the inputs are inconsistent).
/// - Throws: ``EstimateError/notPositive(name:value:)``,
///   ``EstimateError/outOfRange(name:value:range:)``.
public func modelFLOPsUtilization(
  parameters: Int, tokensPerSecond: Double, devices: Int, peak: Double
) throws(EstimateError) -> Double {
  guard parameters >= 1 else { throw .notPositive(name: "parameters", value: parameters) }
  guard devices >= 1 else { throw .notPositive(name: "devices", value: devices) }
  guard tokensPerSecond > 0, tokensPerSecond.isFinite else {
    throw .outOfRange(name: "tokens per second", value: tokensPerSecond, range: "(0, ∞)")
  }
  guard peak > 0, peak.isFinite else { throw .outOfRange(name: "peak", value: peak, range: "(0, ∞)") }
  return 6 * Double(parameters) * tokensPerSecond / (Double(devices) * peak)
}
