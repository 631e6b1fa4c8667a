import Groundwork

/// One number in a computation, and the gradient of the final output with
/// respect to it: reverse-mode automatic differentiation on scalars, the
/// size of micrograd.
///
/// Each operation makes a new `Value` that remembers its inputs and how to
/// pass a gradient back to them. `backward()` then visits the graph from the
/// output to the inputs, so that a node's gradient is complete before it is
/// passed on.
final class Value {
  /// The number computed in the forward pass.
  let data: Double
  /// d(output)/d(this value), filled in by `backward()` on the output.
  var grad = 0.0
  /// The values this one was computed from.
  let inputs: [Value]
  /// Given this value's finished gradient, adds its share to each input's
  /// gradient: the chain rule for the one operation that made this value.
  var passGradientBack: (Double) -> Void = { _ in }

  init(_ data: Double, inputs: [Value] = []) {
    self.data = data
    self.inputs = inputs
  }

  static func + (a: Value, b: Value) -> Value {
    let out = Value(a.data + b.data, inputs: [a, b])
    out.passGradientBack = { upstream in
      fatalError("TODO: pass the gradient of a sum to both inputs")
    }
    return out
  }

  static func * (a: Value, b: Value) -> Value {
    let out = Value(a.data * b.data, inputs: [a, b])
    out.passGradientBack = { upstream in
      fatalError("TODO: pass the gradient of a product to both inputs")
    }
    return out
  }

  func tanh() -> Value {
    let t = Double.tanh(data)
    let out = Value(t, inputs: [self])
    out.passGradientBack = { [self] upstream in
      fatalError("TODO: pass the gradient of tanh to its input")
    }
    return out
  }

  func exp() -> Value {
    let e = Double.exp(data)
    let out = Value(e, inputs: [self])
    out.passGradientBack = { [self] upstream in
      fatalError("TODO: pass the gradient of exp to its input")
    }
    return out
  }

  /// Fills `grad` of every value this one depends on with d(self)/d(value).
  func backward() {
    fatalError("TODO: order the graph, then apply the chain rule from the output back")
  }
}

/// Replays a recorded computation with `Value`s and returns the gradient of
/// its last result with respect to each input.
///
/// Values are numbered: the inputs are 0..<inputs.count, and each tape entry
/// (operation, a, b) appends the next one. The operations are "add" and
/// "mul" (of values a and b), "tanh" and "exp" (of value a; b is ignored).
func tapeGradients(inputs: [Double], tape: [(String, Int, Int)]) -> [Double] {
  var values = inputs.map { Value($0) }
  for (operation, a, b) in tape {
    switch operation {
    case "add": values.append(values[a] + values[b])
    case "mul": values.append(values[a] * values[b])
    case "tanh": values.append(values[a].tanh())
    case "exp": values.append(values[a].exp())
    default: preconditionFailure("unknown operation \(operation)")
    }
  }
  values[values.count - 1].backward()
  return values[0..<inputs.count].map(\.grad)
}
