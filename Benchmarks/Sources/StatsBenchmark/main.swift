// Bootstrap confidence intervals and calibration summaries, timed, printed
// as one JSON object per line so that `run-stats` can set them beside scipy
// and scikit-learn: {"task", "n", "seconds", "lower", "upper"}.
//
// Sizes are the issue's: the mean of 1e5 values with 2000 resamples
// (percentile and BCa), and a 15-bin reliability summary of 1e6
// predictions. The data go to the folder named by the first argument, for
// the peer to read. Each figure is the best of `repeats` runs after one warm-up.
// The mean's bootstrap uses every core (`GROUNDWORK_THREADS` caps it).
import Foundation
import Groundwork

func best(_ repeats: Int, _ body: () -> Void) -> Double {
  body()
  var fastest = Double.infinity
  for _ in 0..<repeats {
    let start = Date()
    body()
    fastest = min(fastest, Date().timeIntervalSince(start))
  }
  return fastest
}

/// The best CPU time of the calling thread over `repeats` runs after one
/// warm-up: on a loaded machine it moves far less than the wall clock.
func bestThreadCPU(_ repeats: Int, _ body: () -> Void) -> Double {
  func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }
  body()
  var fastest = Double.infinity
  for _ in 0..<repeats {
    let start = now()
    body()
    fastest = min(fastest, now() - start)
  }
  return fastest
}

func report(
  _ task: String, n: Int, seconds: Double, cpuSeconds: Double? = nil, lower: Double? = nil, upper: Double? = nil
) {
  var fields = ["\"task\": \"\(task)\"", "\"n\": \(n)", "\"seconds\": \(seconds)"]
  if let cpuSeconds { fields.append("\"cpu_seconds\": \(cpuSeconds)") }
  if let lower, let upper { fields += ["\"lower\": \(lower)", "\"upper\": \(upper)"] }
  print("{" + fields.joined(separator: ", ") + "}")
}

/// Writes `values`' bytes (little-endian on every machine this runs on) to
/// `name` in the folder given as the first argument, if any, so that the
/// peer measures the very same data.
func share<T>(_ values: [T], as name: String) {
  guard CommandLine.arguments.count > 1 else { return }
  let url = URL(fileURLWithPath: CommandLine.arguments[1]).appendingPathComponent(name)
  try! values.withUnsafeBytes { Data($0) }.write(to: url)
}

// Exponential data (skewed, so that BCa and percentile differ).
var rng = SplitMix64(seed: 1)
let sample = (0..<100_000).map { _ in -log(1 - rng.nextDouble()) }
share(sample, as: "sample.f64")
for method in BootstrapMethod.allCases {
  var interval = bootstrapMeanInterval(sample, resamples: 2000, method: method, seed: 7)
  let seconds = best(3) { interval = bootstrapMeanInterval(sample, resamples: 2000, method: method, seed: 7) }
  report("bootstrap-mean-\(method.rawValue)", n: sample.count, seconds: seconds, lower: interval.lower, upper: interval.upper)
}
// The same percentile interval on one thread: the resamples' streams are
// keyed by (seed, resample), so the bounds are identical and only the time
// changes.
var serial = bootstrapMeanInterval(sample, resamples: 2000, seed: 7, threads: 1)
let serialSeconds = best(3) { serial = bootstrapMeanInterval(sample, resamples: 2000, seed: 7, threads: 1) }
let serialCPU = bestThreadCPU(3) { serial = bootstrapMeanInterval(sample, resamples: 2000, seed: 7, threads: 1) }
report(
  "bootstrap-mean-percentile-1-thread", n: sample.count, seconds: serialSeconds, cpuSeconds: serialCPU,
  lower: serial.lower, upper: serial.upper)
// The generic form with a closure, percentile only: its jackknife for BCa
// would evaluate the statistic 1e5 times on 1e5 values.
var generic = bootstrapInterval(sample, resamples: 2000, seed: 7) { $0.reduce(0, +) / Double($0.count) }
let genericSeconds = best(1) {
  generic = bootstrapInterval(sample, resamples: 2000, seed: 7) { $0.reduce(0, +) / Double($0.count) }
}
report("bootstrap-generic-percentile", n: sample.count, seconds: genericSeconds, lower: generic.lower, upper: generic.upper)

var confidences: [Double] = []
var correct: [Bool] = []
for _ in 0..<1_000_000 {
  let confidence = 0.5 + 0.5 * rng.nextDouble()
  confidences.append(confidence)
  correct.append(rng.nextDouble() < confidence - 0.05)
}
share(confidences, as: "confidences.f64")
share(correct.map { UInt8($0 ? 1 : 0) }, as: "correct.u8")
var summary = calibrationSummary(confidences: confidences, correct: correct, binCount: 15)
let calibrationSeconds = best(5) {
  summary = calibrationSummary(confidences: confidences, correct: correct, binCount: 15)
}
let calibrationCPU = bestThreadCPU(5) {
  summary = calibrationSummary(confidences: confidences, correct: correct, binCount: 15)
}
report("calibration-uniform-15", n: confidences.count, seconds: calibrationSeconds, cpuSeconds: calibrationCPU)
