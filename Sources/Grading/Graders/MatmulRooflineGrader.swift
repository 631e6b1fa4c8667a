import Groundwork

/// Grades the learner's roofline placement of a matrix product
/// (Lessons/1-foundation, the profiling lesson): arithmetic intensity
/// 2·m·n·k / ((m·k + k·n + m·n) · bytes per element) and the bound, compute
/// when that intensity reaches the device's ridge point peak / bandwidth.
///
/// Reference: the kernel's `RooflineEstimate` built from those FLOPs and
/// bytes. Tolerance: relative 1e-9 on the intensity, exact on the bound.
///
/// The hidden cases aim at the misconception that a matrix product is
/// always compute-bound: the products of decoding one token (m = 1) and of
/// a small batch are memory-bound on an H100, since each weight read is
/// used for only m multiply-adds. Named mistakes: m·n·k FLOPs (the factor
/// 2 forgotten), the output left out of the bytes, the element size left
/// out, and "compute" returned for every product.
public struct MatmulRooflineGrader: Grader {
  public static let name = "profiling.matmul-roofline"
  public static let entryPoints = [
    EntryPoint(
      "matmulRoofline",
      [
        .init("m", "Int"), .init("n", "Int"), .init("k", "Int"), .init("bytesPerElement", "Int"),
        .init("peakFlopsPerSecond", "Double"), .init("bytesPerSecond", "Double"),
      ],
      returns: "(intensity: Double, bound: String)")
  ]
  public static let forbiddenSymbols = ["RooflineEstimate", "ridgePoint"]

  /// The learner's function.
  let implementation: (Int, Int, Int, Int, Double, Double) -> (intensity: Double, bound: String)
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(
      entries, 0, as: ((Int, Int, Int, Int, Double, Double) -> (intensity: Double, bound: String)).self)
  }

  /// One product on one device.
  struct Product: Sendable {
    var m: Int, n: Int, k: Int
    var bytesPerElement: Int
    var peak: Double
    var bandwidth: Double
    var device: String

    var description: String {
      "m \(m), n \(n), k \(k), \(bytesPerElement) bytes per element, \(device)"
    }

    /// The kernel's estimate (nil only for inputs the grader never makes).
    var reference: (intensity: Double, bound: String)? {
      let bytes = (m * k + k * n + m * n) * bytesPerElement
      guard let estimate = try? RooflineEstimate(
        operations: 2 * Double(m) * Double(n) * Double(k), bytes: bytes, peak: peak, bandwidth: bandwidth)
      else { return nil }
      return (estimate.intensity, estimate.bound.rawValue)
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let h100 = DeviceSpec.h100SXM
    let a100 = DeviceSpec.a100SXM80GB
    func on(_ device: DeviceSpec, _ m: Int, _ n: Int, _ k: Int, format: NumberFormat = .bf16, bytes: Int = 2) -> Product {
      Product(
        m: m, n: n, k: k, bytesPerElement: bytes, peak: (try? device.peak(format)) ?? 1, bandwidth: device.bandwidth,
        device: "\(device.name) (\(format.rawValue): \(formatted((try? device.peak(format)) ?? 1)) FLOP/s, \(formatted(device.bandwidth)) B/s)")
    }
    let seeded = (0..<40).map { _ in
      let device = rng.nextBernoulli(0.5) ? h100 : a100
      return on(
        device, 1 << rng.nextInt(in: 0...13), 1 << rng.nextInt(in: 4...14), 1 << rng.nextInt(in: 4...14))
    }
    return [
      compare("a square 4096 product in bf16 on an H100", [on(h100, 4_096, 4_096, 4_096)], seed: nil),
      compare("decoding one token: m = 1, a 4096 × 4096 weight", [on(h100, 1, 4_096, 4_096)], seed: nil),
      compare("a batch of 64 tokens through a 4096 × 11008 weight", [on(h100, 64, 11_008, 4_096)], seed: nil),
      compare("fp32 on an A100", [on(a100, 512, 512, 512, format: .fp32, bytes: 4)], seed: nil),
      compare("40 seeded products on an H100 or an A100", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ products: [Product], seed: UInt64?) -> Check {
    let tried = products.count == 1 ? products[0].description : "\(products.count) products, seed \(seed ?? 0)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for product in products {
        guard let expected = product.reference else { continue }
        let got = implementation(
          product.m, product.n, product.k, product.bytesPerElement, product.peak, product.bandwidth)
        let intensityRight = tolerance.accepts(got.intensity, expected: expected.intensity)
        if intensityRight && got.bound == expected.bound { continue }
        let diagnosis = intensityRight ? nil : Mistake.allCases.first { mistake in
          tolerance.accepts(got.intensity, expected: mistake.intensity(product))
        }
        let alwaysCompute = intensityRight && got.bound == "compute" && expected.bound == "memory"
        let message =
          diagnosis?.message
          ?? (alwaysCompute
            ? "this product is memory-bound: its intensity \(formatted(expected.intensity)) FLOP/B is below the ridge point \(formatted(product.peak / product.bandwidth)). A matrix product with a small dimension reuses each value read only a few times."
            : intensityRight
              ? "the intensity is right but the bound is not; the bound must be \"compute\" or \"memory\"."
              : "the intensity differs.")
        return .failed(
          expected: "intensity \(formatted(expected.intensity)), \(expected.bound)",
          got: "intensity \(formatted(got.intensity)), \(got.bound)",
          message: "For \(product.description): " + message,
          hint: diagnosis?.hint
            ?? "Compare flops / peakFlopsPerSecond with bytes / bytesPerSecond: the larger time is the bound (\"compute\" on a tie).")
      }
      return .passed
    }
  }

  /// Intensities from a wrong count.
  enum Mistake: CaseIterable {
    case noFactorTwo, outputLeftOut, elementSizeLeftOut

    func intensity(_ p: Product) -> Double {
      let flops = 2 * Double(p.m) * Double(p.n) * Double(p.k)
      let values = Double(p.m * p.k + p.k * p.n + p.m * p.n)
      switch self {
      case .noFactorTwo: return flops / 2 / (values * Double(p.bytesPerElement))
      case .outputLeftOut: return flops / (Double(p.m * p.k + p.k * p.n) * Double(p.bytesPerElement))
      case .elementSizeLeftOut: return flops / values
      }
    }

    var message: String {
      switch self {
      case .noFactorTwo: "this counts m·n·k FLOPs; each term is a multiply and an add, 2·m·n·k."
      case .outputLeftOut: "this counts only A and B; C is written once too."
      case .elementSizeLeftOut: "this counts values, not bytes; multiply by bytesPerElement."
      }
    }

    var hint: String {
      "FLOPs 2·m·n·k; bytes (m·k + k·n + m·n) × bytesPerElement; intensity is their ratio."
    }
  }
}
