import Groundwork

/// Grades the learner's model FLOPs utilization (Lessons/1-foundation, the
/// profiling lesson): 6·N·(tokens per second) / (devices · peak), with 6·N
/// whether or not the job recomputes activations (Chowdhery et al. 2022,
/// "PaLM", appendix B).
///
/// Reference: the kernel's `modelFLOPsUtilization`. Tolerance: relative 1e-9.
///
/// The hidden case aims at the misconception that recomputation belongs
/// in MFU: a job with full activation recomputation, where 8·N gives the
/// hardware FLOPs utilization (HFU) instead, a third higher. Named
/// mistakes: 8·N, 2·N (the forward pass only), the devices left out, and
/// the throughput taken as per device (multiplied by the devices).
public struct ModelFlopsUtilizationGrader: Grader {
  public static let name = "profiling.mfu"
  public static let entryPoints = [
    EntryPoint(
      "mfu",
      [
        .init("parameters", "Int"), .init("tokensPerSecond", "Double"), .init("devices", "Int"),
        .init("peakFlopsPerDevice", "Double"), .init("recomputesActivations", "Bool"),
      ],
      returns: "Double")
  ]
  public static let forbiddenSymbols = ["modelFLOPsUtilization", "TrainingCompute"]

  /// The learner's function.
  let implementation: (Int, Double, Int, Double, Bool) -> Double
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, Double, Int, Double, Bool) -> Double).self)
  }

  /// One training job.
  struct Job: Sendable {
    var parameters: Int
    var tokensPerSecond: Double
    var devices: Int
    var peak: Double
    var recomputes: Bool

    var description: String {
      "\(parameters) parameters, \(formatted(tokensPerSecond)) tokens/s on \(devices) devices of \(formatted(peak)) FLOP/s"
        + (recomputes ? ", with activation recomputation" : "")
    }

    var expected: Double {
      (try? modelFLOPsUtilization(parameters: parameters, tokensPerSecond: tokensPerSecond, devices: devices, peak: peak)) ?? .nan
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let seeded = (0..<40).map { _ in
      let devices = 1 << rng.nextInt(in: 0...11)
      let parameters = rng.nextInt(in: 100_000_000...200_000_000_000)
      let peak = [312e12, 989.4e12, 165.2e12, 19.5e12][rng.nextInt(in: 0...3)]
      let utilization = rng.nextDouble(in: 0.1..<0.6)
      let tokens = utilization * Double(devices) * peak / (6 * Double(parameters))
      return Job(parameters: parameters, tokensPerSecond: tokens, devices: devices, peak: peak, recomputes: rng.nextBernoulli(0.5))
    }
    return [
      compare("7B at 3,000 tokens/s on one A100", [Job(parameters: 7_000_000_000, tokensPerSecond: 3_000, devices: 1, peak: 312e12, recomputes: false)], seed: nil),
      compare("the same throughput per GPU on 1,024 A100s", [Job(parameters: 7_000_000_000, tokensPerSecond: 3_072_000, devices: 1_024, peak: 312e12, recomputes: false)], seed: nil),
      compare("a job with full activation recomputation", [Job(parameters: 70_000_000_000, tokensPerSecond: 400_000, devices: 512, peak: 989.4e12, recomputes: true)], seed: nil),
      compare("40 seeded jobs", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ jobs: [Job], seed: UInt64?) -> Check {
    let tried = jobs.count == 1 ? jobs[0].description : "\(jobs.count) jobs, seed \(seed ?? 0)"
    return Check(name, tried: tried) { [implementation, tolerance] in
      for job in jobs {
        let expected = job.expected
        let got = implementation(job.parameters, job.tokensPerSecond, job.devices, job.peak, job.recomputes)
        if tolerance.accepts(got, expected: expected) { continue }
        let diagnosis = Mistake.allCases.first { tolerance.accepts(got, expected: $0.factor(job) * expected) }
        return .failed(
          expected: formatted(expected), got: formatted(got),
          message: "For \(job.description): " + (diagnosis?.message ?? "the utilization differs."),
          hint: diagnosis?.hint ?? "6 × parameters × tokens per second, divided by devices × peak per device.")
      }
      return .passed
    }
  }

  /// Wrong answers as multiples of the right one.
  enum Mistake: CaseIterable {
    case hardwareFlops, forwardOnly, devicesLeftOut, perDeviceThroughput

    func factor(_ job: Job) -> Double {
      switch self {
      case .hardwareFlops: 8.0 / 6
      case .forwardOnly: 2.0 / 6
      case .devicesLeftOut: Double(job.devices)
      case .perDeviceThroughput: Double(job.devices)
      }
    }

    var message: String {
      switch self {
      case .hardwareFlops:
        "this counts 8·N per token, the hardware FLOPs with recomputation (HFU). MFU counts the model's 6·N, so that jobs with and without recomputation compare."
      case .forwardOnly: "this counts 2·N per token, the forward pass only; training adds 4·N for the backward pass."
      case .devicesLeftOut, .perDeviceThroughput:
        "this is as many times too large as there are devices: the throughput is the whole job's, shared by all devices."
      }
    }

    var hint: String {
      switch self {
      case .hardwareFlops: "Use 6·N whatever recomputesActivations says."
      case .forwardOnly: "Forward 2·N plus backward 4·N: 6·N FLOPs per token."
      case .devicesLeftOut, .perDeviceThroughput: "Divide by devices × peakFlopsPerDevice, the whole job's peak."
      }
    }
  }
}
