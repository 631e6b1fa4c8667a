import Tensors

// The element-wise operations and their local derivatives. Each rule gets
// the gradient of the output and returns one gradient per input, summed
// back to the input's shape wherever broadcasting stretched it.

extension Variable {
  /// Element-wise sum, with broadcasting: d(a+b)/da = 1, d(a+b)/db = 1.
  public static func + (a: Variable, b: Variable) -> Variable {
    Variable(a.value + b.value, operation: "add", inputs: [a, b]) { grad in
      [reduceToShape(grad, a.shape), reduceToShape(grad, b.shape)]
    }
  }

  /// Element-wise difference: d(a−b)/da = 1, d(a−b)/db = −1.
  public static func - (a: Variable, b: Variable) -> Variable {
    Variable(a.value - b.value, operation: "sub", inputs: [a, b]) { grad in
      [reduceToShape(grad, a.shape), reduceToShape(-grad, b.shape)]
    }
  }

  /// Element-wise product: d(ab)/da = b, d(ab)/db = a.
  public static func * (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    return Variable(x * y, operation: "mul", inputs: [a, b]) { grad in
      [reduceToShape(grad * y, a.shape), reduceToShape(grad * x, b.shape)]
    }
  }

  /// Element-wise quotient: d(a/b)/da = 1/b, d(a/b)/db = −a/b².
  public static func / (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    return Variable(x / y, operation: "div", inputs: [a, b]) { grad in
      [reduceToShape(grad / y, a.shape), reduceToShape(-(grad * x) / (y * y), b.shape)]
    }
  }

  /// Negation.
  public static prefix func - (a: Variable) -> Variable {
    Variable(-a.value, operation: "neg", inputs: [a]) { grad in [-grad] }
  }

  /// Adds a constant.
  public static func + (a: Variable, b: Double) -> Variable {
    Variable(a.value + b, operation: "add", inputs: [a]) { grad in [grad] }
  }

  /// Subtracts a constant.
  public static func - (a: Variable, b: Double) -> Variable {
    Variable(a.value - b, operation: "sub", inputs: [a]) { grad in [grad] }
  }

  /// Multiplies by a constant.
  public static func * (a: Variable, b: Double) -> Variable {
    Variable(a.value * b, operation: "mul", inputs: [a]) { grad in [grad * b] }
  }

  /// Divides by a constant.
  public static func / (a: Variable, b: Double) -> Variable {
    Variable(a.value / b, operation: "div", inputs: [a]) { grad in [grad / b] }
  }

  /// Multiplies a constant by a variable.
  public static func * (a: Double, b: Variable) -> Variable { b * a }

  /// Adds a constant to a variable.
  public static func + (a: Double, b: Variable) -> Variable { b + a }
}
