// Training steps per second of an MLP with the Autograd module, printed as
// one JSON object per line so that the runner script can set them beside
// a peer: {"model", "batch", "steps", "seconds", "steps_per_second", "microseconds_per_step"}.
// `TrainingBenchmark mlp-32-32-2` runs one model only; `--profile` prints
// where the time of its steps goes, operation by operation.
import Foundation
import Groundwork

/// Times `steps` SGD steps of an MLP of `sizes` on a batch of random inputs.
func measure(sizes: [Int], batch: Int, steps: Int) -> (seconds: Double, steps: Int) {
  var rng = SplitMix64(seed: 1)
  let model = multilayerPerceptron(sizes: sizes, dtype: .float32, rng: &rng)
  let inputs = Tensor((0..<batch * sizes[0]).map { _ in Float(rng.nextNormal()) }, shape: [batch, sizes[0]])
  let labels = (0..<batch).map { _ in rng.nextInt(in: 0...(sizes.last! - 1)) }
  var sgd = SGD(model.parameters, learningRate: 0.01)
  func step() {
    sgd.zeroGrad()
    Loss.crossEntropy(logits: model(Variable(inputs)), targets: labels).backward()
    sgd.step()
  }
  for _ in 0..<max(3, steps / 20) { step() }  // warm caches and the allocator
  let start = Date()
  for _ in 0..<steps { step() }
  return (Date().timeIntervalSince(start), steps)
}

// Model names given as arguments run only those models (for profiling one);
// `--profile` prints the kernel's per-operation profile of the timed steps
// instead of the JSON line.
let arguments = CommandLine.arguments.dropFirst()
let profiling = arguments.contains("--profile")
let chosen = Set(arguments.filter { $0 != "--profile" })
for (name, sizes, batch, steps) in [("mlp-784-256-10", [784, 256, 10], 128, 200), ("mlp-32-32-2", [32, 32, 2], 8, 2000)]
where chosen.isEmpty || chosen.contains(name) {
  if profiling {
    let (_, report) = profile { measure(sizes: sizes, batch: batch, steps: steps) }
    print("\(name), \(steps) steps and their warm-up:\n\(report)")
    continue
  }
  let (seconds, count) = measure(sizes: sizes, batch: batch, steps: steps)
  print(
    "{\"model\": \"\(name)\", \"batch\": \(batch), \"steps\": \(count), \"seconds\": \(seconds), "
      + "\"steps_per_second\": \(Double(count) / seconds), \"microseconds_per_step\": \(seconds / Double(count) * 1e6)}")
}
