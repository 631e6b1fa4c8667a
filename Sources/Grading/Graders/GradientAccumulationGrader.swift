import Groundwork

/// Grades the learner's gradient accumulation (Lessons/1-foundation, the
/// batch-size and checkpointing lesson): combine the mean-loss gradients of
/// the micro-batches into the gradient of the mean loss over the whole
/// batch, calling the gradient function once per micro-batch.
///
/// The model is linear regression with mean squared error: for examples B
/// the gradient is (2/|B|) Σ_{i∈B} xᵢ(xᵢ·w − yᵢ). Reference: that formula
/// over the whole batch at once. Tolerance: relative 1e-9 of the largest
/// component.
///
/// The hidden case aims at the mean-of-means misconception: micro-batches
/// of unequal size (a batch of 100 in micro-batches of 32 leaves 4 for the
/// last), where the plain average of the micro-batch means weights the
/// last 4 examples eight times too much. Named mistakes: that average, the
/// sum of the means (the division forgotten), the sum divided by the
/// number of examples, and the gradient function called on the whole batch
/// or not once per micro-batch.
public struct GradientAccumulationGrader: Grader {
  public static let name = "batch-size.accumulation"
  public static let entryPoints = [
    EntryPoint(
      "accumulatedGradient", [.init("microBatches", "[[Int]]"), .init("meanGradient", "([Int]) -> [Double]")],
      returns: "[Double]")
  ]

  /// The learner's function.
  let implementation: ([[Int]], ([Int]) -> [Double]) -> [Double]

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([[Int]], ([Int]) -> [Double]) -> [Double]).self)
  }

  /// A regression problem and a way to split its batch.
  struct Problem: Sendable {
    var inputs: [[Double]]
    var targets: [Double]
    var weights: [Double]
    var microBatches: [[Int]]

    var description: String {
      let sizes = microBatches.map(\.count)
      let shown = sizes.count <= 8 ? sizes.map(String.init).joined(separator: ", ") : "\(sizes.count) micro-batches"
      return "\(targets.count) examples, \(weights.count) weights, micro-batch sizes [\(shown)]"
    }

    /// The gradient of the mean squared error over `indices`.
    func meanGradient(_ indices: [Int]) -> [Double] {
      var gradient = [Double](repeating: 0, count: weights.count)
      for i in indices {
        let residual = zip(inputs[i], weights).reduce(0) { $0 + $1.0 * $1.1 } - targets[i]
        for j in weights.indices { gradient[j] += 2 * inputs[i][j] * residual }
      }
      return gradient.map { $0 / Double(indices.count) }
    }

    static func random(examples: Int, features: Int, microBatchSizes: [Int], rng: inout SplitMix64) -> Problem {
      precondition(microBatchSizes.reduce(0, +) == examples)
      let inputs = (0..<examples).map { _ in (0..<features).map { _ in rng.nextDouble(in: -1..<1) } }
      let targets = (0..<examples).map { _ in rng.nextDouble(in: -2..<2) }
      let weights = (0..<features).map { _ in rng.nextDouble(in: -1..<1) }
      // Shuffle the indices so that a micro-batch is not a contiguous range.
      var order = Array(0..<examples)
      for i in stride(from: examples - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(in: 0...i)) }
      var batches: [[Int]] = []
      var start = 0
      for size in microBatchSizes {
        batches.append(Array(order[start..<(start + size)]))
        start += size
      }
      return Problem(inputs: inputs, targets: targets, weights: weights, microBatches: batches)
    }
  }

  /// The index lists the learner's code asked gradients for.
  final class CallLog {
    var calls: [[Int]] = []
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let seeded = (0..<20).map { _ in
      let sizes = (0..<rng.nextInt(in: 1...8)).map { _ in rng.nextInt(in: 1...40) }
      return Problem.random(examples: sizes.reduce(0, +), features: rng.nextInt(in: 1...6), microBatchSizes: sizes, rng: &rng)
    }
    return [
      compare("4 equal micro-batches of 8", [Problem.random(examples: 32, features: 3, microBatchSizes: [8, 8, 8, 8], rng: &rng)], seed: seed),
      compare("one micro-batch: the whole batch", [Problem.random(examples: 10, features: 2, microBatchSizes: [10], rng: &rng)], seed: seed),
      compare("100 examples in micro-batches of 32: the last holds 4", [Problem.random(examples: 100, features: 4, microBatchSizes: [32, 32, 32, 4], rng: &rng)], seed: seed),
      compare("one example per micro-batch", [Problem.random(examples: 7, features: 3, microBatchSizes: Array(repeating: 1, count: 7), rng: &rng)], seed: seed),
      compare("20 seeded batches of unequal micro-batches", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ problems: [Problem], seed: UInt64) -> Check {
    let tried = problems.count == 1 ? problems[0].description + ", seed \(seed)" : "\(problems.count) batches, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for problem in problems {
        let log = CallLog()
        let got = implementation(problem.microBatches) { indices in
          log.calls.append(indices)
          return problem.meanGradient(indices)
        }
        let whole = problem.microBatches.flatMap { $0 }
        let expected = problem.meanGradient(whole)
        if problem.microBatches.count > 1, log.calls.contains(where: { $0.count == whole.count }) {
          return .failed(
            expected: "\(problem.microBatches.count) calls, one per micro-batch",
            got: "a call on all \(whole.count) examples",
            message: "For \(problem.description): the gradient was computed on the whole batch, which is what accumulation exists to avoid (it would not fit in memory).",
            hint: "Call meanGradient once for each element of microBatches and combine the results.")
        }
        let sortedCalls = log.calls.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
        let sortedBatches = problem.microBatches.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
        if sortedCalls != sortedBatches {
          return .failed(
            expected: "\(problem.microBatches.count) calls, one per micro-batch", got: "\(log.calls.count) calls",
            message: "For \(problem.description): meanGradient must run exactly once on each micro-batch, as a real step runs each micro-batch's forward and backward pass once.",
            hint: "Loop over microBatches and call meanGradient(batch) once per batch.")
        }
        let scale = expected.map(abs).max() ?? 0
        if got.count == expected.count, zip(got, expected).allSatisfy({ abs($0 - $1) <= 1e-9 * max(scale, 1e-12) }) {
          continue
        }
        let means = problem.microBatches.map(problem.meanGradient)
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.combine(means, sizes: problem.microBatches.map(\.count))
          return value.count == got.count && zip(value, got).allSatisfy { abs($0 - $1) <= 1e-9 * max(scale, 1e-12) }
        }
        let show = { (vector: [Double]) in "[" + vector.prefix(4).map(formatted).joined(separator: ", ") + (vector.count > 4 ? ", …" : "") + "]" }
        return .failed(
          expected: show(expected), got: show(got),
          message: "For \(problem.description): " + (diagnosis?.message ?? "this is not the gradient of the mean loss over the whole batch."),
          hint: diagnosis?.hint
            ?? "The batch's mean loss is Σ over micro-batches of (size / total) × that micro-batch's mean loss; its gradient is the same weighted sum of their gradients.")
      }
      return .passed
    }
  }

  /// Wrong ways of combining the micro-batch means.
  enum Mistake: CaseIterable {
    case meanOfMeans, sumOfMeans, sumOverExamples

    func combine(_ means: [[Double]], sizes: [Int]) -> [Double] {
      let total = Double(sizes.reduce(0, +))
      let sum = means.dropFirst().reduce(means[0]) { zip($0, $1).map(+) }
      switch self {
      case .meanOfMeans: return sum.map { $0 / Double(means.count) }
      case .sumOfMeans: return sum
      case .sumOverExamples: return sum.map { $0 / total }
      }
    }

    var message: String {
      switch self {
      case .meanOfMeans:
        "this is the plain average of the micro-batch means; with micro-batches of unequal size it gives the examples of the small ones too much weight."
      case .sumOfMeans:
        "this is the sum of the micro-batch means: as many times too large as there are micro-batches (equal sizes), since the division was forgotten."
      case .sumOverExamples:
        "this divides the sum of the micro-batch means by the number of examples; each mean is already divided by its micro-batch's size."
      }
    }

    var hint: String {
      switch self {
      case .meanOfMeans:
        "Weight each micro-batch's mean gradient by its size over the total number of examples, not by 1 over the number of micro-batches."
      case .sumOfMeans, .sumOverExamples:
        "Each micro-batch's mean gradient counts with weight (its size) / (all examples)."
      }
    }
  }
}
