import Grading
import RealModule
import Testing

/// AdamW written out in the test, independent of the kernel and the grader,
/// with switches for the mistakes the grader names.
private func adamWTrajectory(
  start: [Double], gradient: ([Double]) -> [Double], steps: Int, learningRate η: Double, beta1 β1: Double,
  beta2 β2: Double, epsilon ε: Double, weightDecay λ: Double, decoupled: Bool = true, biasCorrection: Bool = true,
  epsilonInsideRoot: Bool = false
) -> [[Double]] {
  var θ = start
  var m = [Double](repeating: 0, count: θ.count)
  var v = m
  var rows: [[Double]] = []
  for t in stride(from: 1, through: steps, by: 1) {
    var g = gradient(θ)
    for i in θ.indices {
      if decoupled { θ[i] *= 1 - η * λ } else { g[i] += λ * θ[i] }
      m[i] = β1 * m[i] + (1 - β1) * g[i]
      v[i] = β2 * v[i] + (1 - β2) * g[i] * g[i]
      let mHat = biasCorrection ? m[i] / (1 - Double.pow(β1, Double(t))) : m[i]
      let vHat = biasCorrection ? v[i] / (1 - Double.pow(β2, Double(t))) : v[i]
      θ[i] -= η * mHat / (epsilonInsideRoot ? (vHat + ε).squareRoot() : vHat.squareRoot() + ε)
    }
    rows.append(θ)
  }
  return rows
}

@Suite("AdamW trajectory grader")
struct AdamWTrajectoryGraderTests {
  typealias Implementation = ([Double], ([Double]) -> [Double], Int, Double, Double, Double, Double, Double) -> [[Double]]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try AdamWTrajectoryGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  @Test("an independent AdamW passes every check", arguments: [1, 2, 3, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    let verdicts = try verdicts(
      { adamWTrajectory(start: $0, gradient: $1, steps: $2, learningRate: $3, beta1: $4, beta2: $5, epsilon: $6, weightDecay: $7) },
      seed: seed)
    #expect(verdicts.allSatisfy { $0 == .passed })
  }

  @Test("L2 in the gradient, no bias correction and ε inside the root are each named")
  func mistakes() throws {
    let l2 = failureMessages(
      try verdicts {
        adamWTrajectory(
          start: $0, gradient: $1, steps: $2, learningRate: $3, beta1: $4, beta2: $5, epsilon: $6, weightDecay: $7,
          decoupled: false)
      })
    #expect(l2.contains { $0.hasSuffix("this is Adam with an L2 penalty (λ·θ added to the gradient), not AdamW's decoupled decay.") })
    let uncorrected = failureMessages(
      try verdicts {
        adamWTrajectory(
          start: $0, gradient: $1, steps: $2, learningRate: $3, beta1: $4, beta2: $5, epsilon: $6, weightDecay: $7,
          biasCorrection: false)
      })
    #expect(uncorrected.contains { $0 == "After step 1, parameter 0: this is AdamW without bias correction." })
    let inside = failureMessages(
      try verdicts {
        adamWTrajectory(
          start: $0, gradient: $1, steps: $2, learningRate: $3, beta1: $4, beta2: $5, epsilon: $6, weightDecay: $7,
          epsilonInsideRoot: true)
      })
    #expect(inside.contains { $0.hasSuffix("this divides by √(v̂ + ε); AdamW divides by √v̂ + ε.") })
  }

  @Test("returning the start, or too few rows, fails")
  func constants() throws {
    #expect(try verdicts { start, _, steps, _, _, _, _, _ in Array(repeating: start, count: steps) }.allSatisfy { $0 != .passed })
    #expect(try verdicts { start, _, _, _, _, _, _, _ in [start] }.contains { $0 != .passed })
  }
}

@Suite("Global-norm clipping grader")
struct GlobalNormClippingGraderTests {
  typealias Implementation = ([[Double]], Double) -> [[Double]]

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try GlobalNormClippingGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// Clipping as PyTorch documents it, per tensor when asked.
  static func clip(_ gradients: [[Double]], _ maxNorm: Double, perTensor: Bool = false) -> [[Double]] {
    func scaled(_ group: [[Double]]) -> [[Double]] {
      let norm = group.joined().reduce(0) { $0 + $1 * $1 }.squareRoot()
      let factor = maxNorm / (norm + 1e-6)
      return factor < 1 ? group.map { $0.map { $0 * factor } } : group
    }
    return perTensor ? gradients.flatMap { scaled([$0]) } : scaled(gradients)
  }

  @Test("global clipping passes every check", arguments: [1, 2, 3, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ Self.clip($0, $1) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the (3, 0), (0, 4) example clips to (0.6, 0), (0, 0.8) up to the 1e-6")
  func handExample() {
    let clipped = Self.clip([[3, 0], [0, 4]], 1)
    #expect(abs(clipped[0][0] - 3 / (5 + 1e-6)) < 1e-15 && abs(clipped[1][1] - 4 / (5 + 1e-6)) < 1e-15)
  }

  @Test("per-tensor clipping and clipping by value are named")
  func mistakes() throws {
    #expect(failureMessages(try verdicts { Self.clip($0, $1, perTensor: true) }).contains { $0.hasSuffix("this clips each tensor to maxNorm on its own.") })
    let byValue = failureMessages(try verdicts { g, c in g.map { $0.map { min(max($0, -c), c) } } })
    #expect(byValue.contains { $0.hasSuffix("this clamps each element to ±maxNorm (clipping by value).") })
  }

  @Test("returning the gradients unchanged fails")
  func unchanged() throws {
    #expect(try verdicts { g, _ in g }.contains { $0 != .passed })
  }
}

@Suite("Warm-up and cosine grader")
struct WarmupCosineGraderTests {
  typealias Implementation = (Int, Double, Int, Int, Double) -> Double

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try WarmupCosineGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  /// The schedule from its formula, with the warm-up numerator as a switch.
  static func rate(_ s: Int, _ peak: Double, _ w: Int, _ t: Int, _ floor: Double, warmupFromZero: Bool = false) -> Double {
    if s < w { return peak * Double(warmupFromZero ? s : s + 1) / Double(w) }
    if s >= t { return floor }
    return floor + (peak - floor) * (1 + Double.cos(.pi * Double(s - w) / Double(t - w))) / 2
  }

  @Test("the formula passes every check", arguments: [1, 2, 3, 2026] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts({ Self.rate($0, $1, $2, $3, $4) }, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the lesson's example: halfway through the cosine is half the peak")
  func halfway() {
    #expect(Self.rate(8, 1e-3, 4, 12, 0) == 5e-4)
    #expect(Self.rate(3, 1e-3, 4, 12, 0) == 1e-3)
  }

  @Test("a warm-up from 0 is named")
  func warmupFromZero() throws {
    let messages = failureMessages(try verdicts { Self.rate($0, $1, $2, $3, $4, warmupFromZero: true) })
    #expect(messages.contains { $0 == "At step 0: this warms up as peak · step / W, which is 0 at step 0." })
  }

  @Test("a constant rate fails")
  func constant() throws {
    #expect(try verdicts { _, peak, _, _, _ in peak }.contains { $0 != .passed })
  }
}
