import RealModule

// Element-wise math functions. Each is one scalar function, generic over
// swift-numerics' `Real`, applied by the module's one unary (or binary)
// strided loop; exp alone has its own kernel, vectorised for the dtypes
// that compute in `Float` (VectorExp.swift). `float32` and `float64`
// compute in their own type; the 16-bit dtypes compute in `Float` and
// round the result once (see `DType`). Integer and boolean tensors trap:
// convert them first.

extension Tensor {
  // MARK: - Sign and magnitude

  /// Every element negated; the same as prefix `-`.
  public func neg() -> Tensor { -self }

  /// The absolute value of every element. Exact for floats (the sign bit is
  /// cleared, so `abs(-0.0) == 0.0` and NaN stays NaN); `int32` wraps at
  /// `Int32.min`, as in NumPy.
  public func abs() -> Tensor {
    switch dtype {
    case .int32: return map { (x: Int32) in x < 0 ? 0 &- x : x }
    case .bool: preconditionFailure("abs: bool tensor; convert with converted(to:) first")
    default: return mapFloating("abs", .abs)
    }
  }

  // MARK: - Exponentials, logarithms, powers

  /// eˣ for every element. Overflows to +∞ above about 88.7 (`float32`) or
  /// 709.8 (`float64`); −∞ gives 0, NaN gives NaN, ±0 gives exactly 1.
  ///
  /// `float32` uses a vectorised polynomial, not the C library's `expf`:
  /// a range reduction eˣ = 2ⁿ · eʳ and a degree-6 polynomial for eʳ, four
  /// elements per SIMD instruction, with no branches (see VectorExp.swift).
  /// It is at most 1 ULP from the correctly rounded result, checked over
  /// every float32 input: 3.5% of the inputs whose result is not 0, 1 or ∞
  /// are 1 ULP off, the rest are correctly rounded, subnormal results
  /// included. The reason is speed: a call to `expf` per element is about
  /// three times slower, and NumPy's float32 exp is a SIMD polynomial of
  /// the same kind (up to 3 ULP off, measured the same way). An element's
  /// result depends on its value only, not on its position, the tensor's
  /// layout or the number of threads. `float16` and `bfloat16` compute
  /// through the same float32 code and round once. `float64` uses the C
  /// library's `exp`, element by element.
  public func exp() -> Tensor { mapFloating("exp", .exp) }

  /// The natural logarithm of every element: `log(0) = −∞`, and NaN for
  /// negative inputs (IEEE 754).
  public func log() -> Tensor { mapFloating("log", .log) }

  /// The square root of every element, correctly rounded; NaN for negative
  /// inputs, and `sqrt(-0.0) = -0.0`.
  public func sqrt() -> Tensor { mapFloating("sqrt", .sqrt) }

  /// The hyperbolic tangent of every element, in (−1, 1); ±1 for large |x|.
  public func tanh() -> Tensor { mapFloating("tanh", .tanh) }

  /// Every element raised to the power `exponent` (C's `pow`, via
  /// `Real.pow`): `pow(x, 0) = 1` for every x, NaN for a negative base with
  /// a non-integer exponent.
  public func pow(_ exponent: Double) -> Tensor {
    pow(Tensor(shape: [], dtype: dtype, repeating: exponent))
  }

  /// Element-wise `self[i] ^ exponent[i]`, with NumPy broadcasting (see `+`).
  public func pow(_ exponent: Tensor) -> Tensor {
    Self.binaryFloating(self, exponent, "pow", powScalar, powScalar)
  }

  // MARK: - Activations

  /// The logistic function σ(x) = 1 / (1 + e⁻ˣ), in [0, 1].
  ///
  /// Computed without overflow for any x: for x ≥ 0 as 1 / (1 + e⁻ˣ), and
  /// for x < 0 as eˣ / (1 + eˣ), so that e^|x| is never formed. σ(−1000) is
  /// 0 rather than 1/∞ = 0 by luck, and σ(1000) is exactly 1. NaN stays NaN.
  public func sigmoid() -> Tensor { mapFloating("sigmoid", .sigmoid) }

  /// The rectified linear unit max(x, 0). NaN stays NaN (as in PyTorch),
  /// and −0 becomes +0.
  public func relu() -> Tensor {
    switch dtype {
    case .int32: return map { (x: Int32) in Swift.max(x, 0) }
    case .bool: preconditionFailure("relu: bool tensor; convert with converted(to:) first")
    default: return mapFloating("relu", .relu)
    }
  }

  /// How `gelu` computes the Gaussian cumulative distribution Φ.
  public enum GELUApproximation: Sendable {
    /// The exact form x · Φ(x) = x/2 · erfc(−x/√2) (PyTorch's
    /// `approximate='none'`). `erfc` rather than `1 + erf` keeps the
    /// result accurate for negative x, where `1 + erf` cancels.
    case none
    /// The tanh approximation of Hendrycks and Gimpel (2016) used by GPT-2
    /// and BERT: x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³))) (PyTorch's
    /// `approximate='tanh'`). Within about 5e-4 of the exact form.
    case tanh
  }

  /// The Gaussian error linear unit GELU(x) = x · Φ(x), where Φ is the
  /// standard normal CDF (Hendrycks and Gimpel, "Gaussian Error Linear
  /// Units", 2016).
  ///
  /// - Parameter approximation: `.none` (the default, exact through `erfc`)
  ///   or `.tanh`.
  public func gelu(approximation: GELUApproximation = .none) -> Tensor {
    switch approximation {
    case .none: mapFloating("gelu", .geluErf)
    case .tanh: mapFloating("gelu", .geluTanh)
    }
  }

  /// Every element limited to `[lower, upper]`; either bound may be `nil`.
  /// NaN elements stay NaN. The bounds are converted to the dtype first.
  public func clamped(min lower: Double? = nil, max upper: Double? = nil) -> Tensor {
    if let lower, let upper {
      precondition(lower <= upper, "clamped: min \(lower) is greater than max \(upper)")
    }
    switch dtype {
    case .int32:
      let lo = lower.map { Int32(converting: $0.rounded(.up)) } ?? .min
      let hi = upper.map { Int32(converting: $0.rounded(.down)) } ?? .max
      return map { (x: Int32) in Swift.min(Swift.max(x, lo), hi) }
    case .bool:
      preconditionFailure("clamped: bool tensor; convert with converted(to:) first")
    default:
      // The bounds are rounded to the dtype (through `Float` for 16-bit
      // data), so clamping never produces a value the dtype cannot hold.
      let lo = lower.map { Tensor(scalar: $0, dtype: dtype).item() } ?? -.infinity
      let hi = upper.map { Tensor(scalar: $0, dtype: dtype).item() } ?? .infinity
      let (lo32, hi32) = (Float(lo), Float(hi))
      return mapFloating(
        "clamped",
        { $0.isNaN ? $0 : Swift.min(Swift.max($0, lo32), hi32) },
        { $0.isNaN ? $0 : Swift.min(Swift.max($0, lo), hi) }
      )
    }
  }

  // MARK: - Selection

  /// `a[i]` where `condition[i]` is true, else `b[i]`, with NumPy
  /// broadcasting of all three (NumPy's `where`).
  ///
  /// - Parameters:
  ///   - condition: A `bool` tensor.
  ///   - a: Values taken where the condition holds.
  ///   - b: Values taken elsewhere; the same dtype as `a`.
  /// - Returns: A tensor of the broadcast shape and the dtype of `a`.
  public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
    precondition(condition.dtype == .bool, "where: condition has dtype \(condition.dtype), not bool")
    let valueShape = checkedBroadcastShape(a, b, op: "where")
    let shape: [Int]
    switch broadcastShape(condition.shape, valueShape) {
    case .success(let s): shape = s
    case .failure(let mismatch): preconditionFailure("where: condition against values: \(mismatch)")
    }
    switch a.dtype {
    case .float32: return select(condition, a, b, shape: shape, Float.self)
    case .float64: return select(condition, a, b, shape: shape, Double.self)
    case .float16: return select(condition, a, b, shape: shape, Float16.self)
    case .bfloat16: return select(condition, a, b, shape: shape, BFloat16.self)
    case .int32: return select(condition, a, b, shape: shape, Int32.self)
    case .bool: return select(condition, a, b, shape: shape, Bool.self)
    }
  }

  private static func select<T: TensorScalar>(
    _ condition: Tensor, _ a: Tensor, _ b: Tensor, shape: [Int], _ type: T.Type
  ) -> Tensor {
    let result = Tensor(zeroed: shape, dtype: T.dtype)
    if condition.shape == shape && a.shape == shape && b.shape == shape
      && condition.isContiguous && a.isContiguous && b.isContiguous
    {
      // Three dense operands of the result's shape (a ReLU's gradient, a
      // masked fill): one flat loop, without a strided walk to set up.
      condition.storage.withUnsafeBufferPointer(as: Bool.self) { c in
        a.storage.withUnsafeBufferPointer(as: T.self) { x in
          b.storage.withUnsafeBufferPointer(as: T.self) { y in
            result.storage.withUnsafeMutableBufferPointer(as: T.self) { out in
              let (c, x, y) = (c.baseAddress! + condition.offset, x.baseAddress! + a.offset, y.baseAddress! + b.offset)
              for t in 0..<out.count { out[t] = c[t] ? x[t] : y[t] }
            }
          }
        }
      }
      return result
    }
    let walk = StridedWalk(
      shape: shape,
      operands: [
        result.stridedOperand, condition.broadcastOperand(to: shape),
        a.broadcastOperand(to: shape), b.broadcastOperand(to: shape),
      ]
    )
    let step = walk.innerStrides
    condition.storage.withUnsafeBufferPointer(as: Bool.self) { c in
      a.storage.withUnsafeBufferPointer(as: T.self) { x in
        b.storage.withUnsafeBufferPointer(as: T.self) { y in
          result.storage.withUnsafeMutableBufferPointer(as: T.self) { out in
            walk.forEachRow { starts, length in
              var (o, k, i, j) = (starts[0], starts[1], starts[2], starts[3])
              for _ in 0..<length {
                out[o] = c[k] ? x[i] : y[j]
                o += step[0]
                k += step[1]
                i += step[2]
                j += step[3]
              }
            }
          }
        }
      }
    }
    return result
  }

  // MARK: - Kernels

  /// Applies a scalar function to every element of a floating-point
  /// tensor: `f` for `float32` and the 16-bit dtypes (rounding the `Float`
  /// result once), `g` for `float64`.
  func mapFloating(_ name: String, _ function: RealFunction) -> Tensor {
    profiled(name, flops: count, bytesRead: elementBytes) {
      switch dtype {
      case .float32: return map(Float.self, function)
      case .float64: return map(Double.self, function)
      case .float16: return map(Float16.self, function)
      case .bfloat16: return map(BFloat16.self, function)
      case .int32, .bool:
        preconditionFailure("\(name): needs a floating-point tensor, got \(dtype); convert with converted(to: .float32) first")
      }
    }
  }

  /// `function` applied to this tensor, whose storage holds `S`: exp
  /// through its own kernel (vectorised for the dtypes that compute in
  /// `Float`), ReLU through one whose loop the compiler vectorises (it runs
  /// on every hidden layer), everything else through `RealFunctionKernel`.
  private func map<S: FloatingStorage>(_: S.Type, _ function: RealFunction) -> Tensor {
    switch function {
    case .exp: map(ExponentialKernel<S>())
    case .relu: map(ReluKernel<S>())
    default: map(RealFunctionKernel<S>(function: function))
    }
  }

  /// `mapFloating` with the function given as closures (used by `clamped`).
  func mapFloating(_ name: String, _ f: (Float) -> Float, _ g: (Double) -> Double) -> Tensor {
    profiled(name, flops: count, bytesRead: elementBytes) { mapFloatingUnprofiled(name, f, g) }
  }

  private func mapFloatingUnprofiled(_ name: String, _ f: (Float) -> Float, _ g: (Double) -> Double) -> Tensor {
    switch dtype {
    case .float32: return map(f)
    case .float64: return map(g)
    case .float16: return map { (x: Float16) in Float16(f(Float(x))) }
    case .bfloat16: return map { (x: BFloat16) in BFloat16(f(Float(x))) }
    case .int32, .bool:
      preconditionFailure("\(name): needs a floating-point tensor, got \(dtype); convert with converted(to: .float32) first")
    }
  }

  /// The binary counterpart of `mapFloating`, with NumPy broadcasting.
  static func binaryFloating(
    _ lhs: Tensor, _ rhs: Tensor, _ name: String,
    _ f: (Float, Float) -> Float, _ g: (Double, Double) -> Double
  ) -> Tensor {
    let shape = checkedBroadcastShape(lhs, rhs, op: name)
    return profiled(name, flops: elementCount(of: shape), bytesRead: lhs.elementBytes + rhs.elementBytes) {
      binaryFloating(lhs, rhs, shape: shape, name, f, g)
    }
  }

  private static func binaryFloating(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ name: String,
    _ f: (Float, Float) -> Float, _ g: (Double, Double) -> Double
  ) -> Tensor {
    switch lhs.dtype {
    case .float32: return broadcastingMap(lhs, rhs, shape: shape, f)
    case .float64: return broadcastingMap(lhs, rhs, shape: shape, g)
    case .float16:
      return broadcastingMap(lhs, rhs, shape: shape) { (a: Float16, b: Float16) in Float16(f(Float(a), Float(b))) }
    case .bfloat16:
      return broadcastingMap(lhs, rhs, shape: shape) { (a: BFloat16, b: BFloat16) in BFloat16(f(Float(a), Float(b))) }
    case .int32, .bool:
      preconditionFailure("\(name): needs floating-point tensors, got \(lhs.dtype); convert with converted(to: .float32) first")
    }
  }
}

// MARK: - Free functions

/// eˣ element-wise; the same as `x.exp()`.
public func exp(_ x: Tensor) -> Tensor { x.exp() }
/// The natural logarithm element-wise; the same as `x.log()`.
public func log(_ x: Tensor) -> Tensor { x.log() }
/// The square root element-wise; the same as `x.sqrt()`.
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
/// The hyperbolic tangent element-wise; the same as `x.tanh()`.
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
/// `base ^ exponent` element-wise with broadcasting; the same as `base.pow(exponent)`.
public func pow(_ base: Tensor, _ exponent: Tensor) -> Tensor { base.pow(exponent) }
/// `base ^ exponent` element-wise; the same as `base.pow(exponent)`.
public func pow(_ base: Tensor, _ exponent: Double) -> Tensor { base.pow(exponent) }
/// The absolute value element-wise; the same as `x.abs()`.
public func abs(_ x: Tensor) -> Tensor { x.abs() }

// MARK: - Scalar definitions

/// `x ^ y` with C's conventions: `pow(x, 0) = 1`, and a negative base is
/// allowed with an integral exponent.
func powScalar<T: Real & BinaryFloatingPoint>(_ x: T, _ y: T) -> T {
  if y == 0 { return 1 }
  if x < 0, y == y.rounded() {
    // Real.pow(x, y) is exp(y · log x): NaN for x < 0. An integral
    // exponent has a real answer whose sign is the exponent's parity.
    let magnitude = T.pow(-x, y)
    let isOdd = (y / 2).rounded(.towardZero) * 2 != y
    return isOdd ? -magnitude : magnitude
  }
  return T.pow(x, y)
}

/// σ(x), stable for large |x| (see `Tensor.sigmoid()`).
func sigmoidScalar<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
  if x >= 0 {
    return 1 / (1 + T.exp(-x))
  }
  let e = T.exp(x)
  return e / (1 + e)
}

/// max(x, 0), with NaN kept.
func reluScalar<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
  x > 0 || x.isNaN ? x : 0
}

/// x · Φ(x) through `erfc` (see `Tensor.GELUApproximation.none`).
func geluErfScalar<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
  x / 2 * T.erfc(-x / T.sqrt(2))
}

/// The tanh approximation of GELU (see `Tensor.GELUApproximation.tanh`).
func geluTanhScalar<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
  let c: T = T.sqrt(2 / T.pi)
  let k: T = 0.044715
  let inner: T = c * (x + k * x * x * x)
  return x / 2 * (1 + T.tanh(inner))
}

/// The unary math functions as values, so that one kernel type applies
/// any of them with a specialised loop per dtype.
enum RealFunction: Sendable {
  case abs, exp, log, sqrt, tanh, sigmoid, relu, geluErf, geluTanh

  @inline(__always)
  func callAsFunction<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
    switch self {
    case .abs: x.magnitude
    case .exp: T.exp(x)  // The C library's; `Tensor.exp()` uses `ExponentialKernel`.
    case .log: T.log(x)
    case .sqrt: x.squareRoot()
    case .tanh: T.tanh(x)
    case .sigmoid: sigmoidScalar(x)
    case .relu: reluScalar(x)
    case .geluErf: geluErfScalar(x)
    case .geluTanh: geluTanhScalar(x)
    }
  }
}

/// Applies a `RealFunction` in `S.Compute` and rounds the result to `S`.
struct RealFunctionKernel<S: FloatingStorage>: UnaryKernel {
  let function: RealFunction
  @inline(__always) func callAsFunction(_ x: S) -> S { S(rounding: function(x.widened)) }
}

/// max(x, 0) with NaN kept, as `reluScalar`, without `RealFunction`'s
/// switch in the loop.
struct ReluKernel<S: FloatingStorage>: UnaryKernel {
  @inline(__always) func callAsFunction(_ x: S) -> S { S(rounding: reluScalar(x.widened)) }
}

/// eˣ as `Tensor.exp()` defines it for `S` (`FloatingStorage.exponential`):
/// four lanes at a time on dense runs, one element at a time through the
/// same lane code on strided ones.
struct ExponentialKernel<S: FloatingStorage>: UnaryKernel {
  @inline(__always) func callAsFunction(_ x: S) -> S { S.exponential(x) }
  @inline(__always) func apply(_ x: UnsafePointer<S>, _ z: UnsafeMutablePointer<S>, count: Int) {
    S.exponential(x, z, count: count)
  }
}
