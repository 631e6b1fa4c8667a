import Groundwork
import RealModule

/// Grades the learner's scalar autograd (Lessons/2-training, the gradient
/// descent lesson): the gradient of a recorded computation's last value with
/// respect to each input.
///
/// Reference: the kernel's `Variable` graph on the same tape, in float64.
/// Tolerance: relative 1e-9.
///
/// The misconception it is built to catch is micrograd's classic bug: a
/// gradient *assigned* (`=`) rather than *accumulated* (`+=`), which is right
/// until a value is used twice. The hidden cases are `x · x`, `x + x` and a
/// shared subexpression; a wrong answer that matches what assignment gives
/// is named. Also named: gradients left at zero (the output's gradient was
/// never set to 1).
public struct ScalarBackwardGrader: Grader {
  public static let name = "training.scalar-backward"
  public static let entryPoints = [
    EntryPoint(
      "tapeGradients", [.init("inputs", "[Double]"), .init("tape", "[(String, Int, Int)]")], returns: "[Double]")
  ]
  public static let forbiddenSymbols = ["Variable", "GradientCheck"]

  /// One recorded computation: input values and (operation, a, b) entries.
  struct Tape: Sendable {
    var inputs: [Double]
    var entries: [(String, Int, Int)]

    var description: String {
      "\(inputs.count) input\(inputs.count == 1 ? "" : "s"), \(entries.count) operation\(entries.count == 1 ? "" : "s")"
    }
  }

  /// The learner's function.
  let implementation: ([Double], [(String, Int, Int)]) -> [Double]
  let tolerance = Tolerance.relative(1e-9)

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Double], [(String, Int, Int)]) -> [Double]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let x = rng.nextDouble(in: 0.5..<2)
    let (a, b, c) = (rng.nextDouble(in: -2..<2), rng.nextDouble(in: -2..<2), rng.nextDouble(in: -1..<1))
    let cases: [(String, Tape)] = [
      // tanh(a·b + c): each input used once, so even `=` passes here.
      ("tanh(a·b + c)", Tape(inputs: [a, b, c], entries: [("mul", 0, 1), ("add", 3, 2), ("tanh", 4, 4)])),
      ("x · x, one value used twice", Tape(inputs: [x], entries: [("mul", 0, 0)])),
      ("x + x", Tape(inputs: [x], entries: [("add", 0, 0)])),
      // e = a·b feeds both exp(e) and the sum, then the sum is squared.
      (
        "a shared subexpression: (e + exp(e))², e = a·b",
        Tape(inputs: [a, b], entries: [("mul", 0, 1), ("exp", 2, 2), ("add", 2, 3), ("mul", 4, 4)])
      ),
      ("a random computation of 40 operations", Self.randomTape(inputs: 3, operations: 40, rng: &rng)),
      ("a chain 150 operations deep", Self.deepChain(length: 150, rng: &rng)),
    ]
    return cases.map { name, tape in compare(name, tape, seed: seed) }
  }

  func compare(_ name: String, _ tape: Tape, seed: UInt64) -> Check {
    Check(name, tried: "\(tape.description), seed \(seed)") { [implementation, tolerance] in
      let expected = Self.kernelGradients(tape)
      let got = implementation(tape.inputs, tape.entries)
      guard let index = TrainingVectors.firstMismatch(got, expected, tolerance) else { return .passed }
      let shown = TrainingVectors.mismatchText(got, expected, at: index)
      let (message, hint) = Self.diagnose(got: got, expected: expected, tape: tape, tolerance: tolerance)
      return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
    }
  }

  static func diagnose(got: [Double], expected: [Double], tape: Tape, tolerance: Tolerance) -> (String, String) {
    if got.count != expected.count {
      return ("Return one gradient per input, in input order.", "The inputs are the first inputs.count values.")
    }
    if got.contains(where: { $0.isNaN }) {
      return ("Your gradients contain nan.", "Check each local derivative; none of these operations should produce nan here.")
    }
    let assigned = assignedGradients(tape)
    if TrainingVectors.agree(got, assigned, tolerance) && !TrainingVectors.agree(assigned, expected, tolerance) {
      return (
        "This is what assigning gradients (grad = …) instead of adding them (grad += …) gives.",
        "A value used in two places receives gradient from both: for x · x, d/dx = x + x = 2x. Accumulate with +=."
      )
    }
    if got.allSatisfy({ $0 == 0 }) {
      return (
        "Every gradient is 0: nothing reached the inputs.",
        "Before walking back, set the output's own gradient to 1 (d output / d output), then pass gradients from the output towards the inputs."
      )
    }
    return (
      "The gradients differ by more than relative 1e-9.",
      "Check each operation's local derivative, that every operation adds (+=) to its inputs' gradients rather than assigning them, and that a value passes its gradient on only after every value that uses it has done so (a topological order, walked backwards)."
    )
  }

  /// The gradients the kernel's autograd computes for the same computation.
  static func kernelGradients(_ tape: Tape) -> [Double] {
    let leaves = tape.inputs.map { Variable(Tensor([$0], shape: [1]), requiresGrad: true) }
    var values = leaves
    for (operation, a, b) in tape.entries {
      switch operation {
      case "add": values.append(values[a] + values[b])
      case "mul": values.append(values[a] * values[b])
      case "tanh": values.append(values[a].tanh())
      default: values.append(values[a].exp())
      }
    }
    values[values.count - 1].backward()
    return leaves.map { $0.grad?.item() ?? 0 }
  }

  /// What a backward pass gives when each use overwrites a value's gradient
  /// instead of adding to it, visiting the tape from the end.
  static func assignedGradients(_ tape: Tape) -> [Double] {
    let values = forwardValues(tape)
    var grads = [Double](repeating: 0, count: values.count)
    grads[values.count - 1] = 1
    for (offset, (operation, a, b)) in tape.entries.enumerated().reversed() {
      let node = tape.inputs.count + offset
      let upstream = grads[node]
      switch operation {
      case "add": (grads[a], grads[b]) = (upstream, upstream)
      case "mul": (grads[a], grads[b]) = (upstream * values[b], upstream * values[a])
      case "tanh": grads[a] = upstream * (1 - values[node] * values[node])
      default: grads[a] = upstream * values[node]
      }
    }
    return Array(grads[0..<tape.inputs.count])
  }

  static func forwardValues(_ tape: Tape) -> [Double] {
    var values = tape.inputs
    for (operation, a, b) in tape.entries { values.append(apply(operation, values[a], values[b])) }
    return values
  }

  static func apply(_ operation: String, _ a: Double, _ b: Double) -> Double {
    switch operation {
    case "add": a + b
    case "mul": a * b
    case "tanh": Double.tanh(a)
    default: Double.exp(a)
    }
  }

  /// Random operations on earlier values, often reusing them. Values that
  /// grow past 3 in size are squashed with tanh, so exp never overflows.
  static func randomTape(inputs count: Int, operations: Int, rng: inout SplitMix64) -> Tape {
    var tape = Tape(inputs: (0..<count).map { _ in rng.nextDouble(in: -1.5..<1.5) }, entries: [])
    var values = tape.inputs
    let names = ["add", "mul", "tanh", "exp"]
    while tape.entries.count < operations {
      var operation = names[rng.nextInt(in: 0...3)]
      // Recent values are picked more often, so the graph is deep as well as wide.
      let a = max(0, values.count - 1 - rng.nextInt(in: 0...min(5, values.count - 1)))
      let b = rng.nextInt(in: 0...(values.count - 1))
      if abs(apply(operation, values[a], values[b])) > 3 { operation = "tanh" }
      tape.entries.append((operation, a, b))
      values.append(apply(operation, values[a], values[b]))
    }
    return tape
  }

  /// x → tanh(x) → tanh(x)·w → … : a long chain whose every link needs the
  /// gradient of the one after it.
  static func deepChain(length: Int, rng: inout SplitMix64) -> Tape {
    var tape = Tape(inputs: [rng.nextDouble(in: -1..<1), rng.nextDouble(in: 0.9..<1.3)], entries: [])
    var last = 0
    for step in 0..<length {
      tape.entries.append(step.isMultiple(of: 2) ? ("tanh", last, last) : ("mul", last, 1))
      last = tape.inputs.count + step
    }
    return tape
  }
}
