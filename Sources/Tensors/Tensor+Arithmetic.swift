/// The binary element-wise operators. All four run through one
/// broadcasting kernel, `Tensor.broadcastingMap`.
enum ElementwiseOperator: String, Sendable {
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
}

/// Why two shapes do not broadcast, with a drawing of the two shapes
/// right-aligned and a caret under the first axis (from the right) whose
/// lengths differ with neither being 1.
struct BroadcastMismatch: Error, CustomStringConvertible {
  /// The left operand's shape.
  let lhs: [Int]
  /// The right operand's shape.
  let rhs: [Int]
  /// The offending axis counted from the right, NumPy style: -1 is the last.
  let axis: Int

  var description: String {
    let rank = max(lhs.count, rhs.count)
    // Both shapes padded on the left to the result's rank; nil marks an axis
    // the shorter shape does not have (it broadcasts as if it were 1).
    func padded(_ shape: [Int]) -> [Int?] {
      [Int?](repeating: nil, count: rank - shape.count) + shape.map { Optional($0) }
    }
    let rows = [padded(lhs), padded(rhs)]
    let widths = (0..<rank).map { column in
      rows.map { $0[column].map { String($0).count } ?? 0 }.max() ?? 1
    }
    func cell(_ value: Int?, width: Int) -> String {
      let text = value.map(String.init) ?? ""
      return String(repeating: " ", count: width - text.count) + text
    }
    func line(_ label: String, _ row: [Int?]) -> String {
      "  \(label)  " + zip(row, widths).map { cell($0, width: $1) }.joined(separator: "  ")
    }
    let column = rank + axis
    // The caret goes under the last digit of the offending column.
    let caretPosition = 2 + 3 + 2 + widths[...column].reduce(0, +) + 2 * column - 1
    let l = lhs[lhs.count + axis], r = rhs[rhs.count + axis]
    return """
      cannot broadcast shapes \(lhs) and \(rhs)
      \(line("lhs", rows[0]))
      \(line("rhs", rows[1]))
      \(String(repeating: " ", count: caretPosition))^ axis \(axis): \(l) vs \(r) \
      (lengths must be equal, or one of them 1)
      """
  }
}

/// The shape of the result of combining two shapes element-wise, by NumPy's
/// broadcasting rule.
///
/// Shapes are aligned on the right. Along each axis the two lengths must be
/// equal, or one of them must be 1 (that operand is repeated along the
/// axis); a shape with fewer axes is treated as having extra leading axes
/// of length 1. So `[2, 1]` and `[3]` give `[2, 3]`.
///
/// - Returns: The broadcast shape, or the first mismatch counting from the
///   right.
func broadcastShape(_ lhs: [Int], _ rhs: [Int]) -> Result<[Int], BroadcastMismatch> {
  let rank = max(lhs.count, rhs.count)
  var result = [Int](repeating: 1, count: rank)
  for fromEnd in stride(from: 1, through: rank, by: 1) {
    let l = fromEnd <= lhs.count ? lhs[lhs.count - fromEnd] : 1
    let r = fromEnd <= rhs.count ? rhs[rhs.count - fromEnd] : 1
    if l == r || r == 1 {
      result[rank - fromEnd] = l
    } else if l == 1 {
      result[rank - fromEnd] = r
    } else {
      return .failure(BroadcastMismatch(lhs: lhs, rhs: rhs, axis: -fromEnd))
    }
  }
  return .success(result)
}

extension Tensor {
  // MARK: - Tensor ⊕ Tensor

  /// Element-wise sum, with NumPy broadcasting.
  ///
  /// The operands' shapes are aligned on the right; along each axis their
  /// lengths must be equal or one must be 1, which repeats that operand
  /// along the axis. `[2, 1] + [3]` is a `[2, 3]` tensor. A mismatch traps
  /// with a drawing of both shapes and the axis that does not fit. Strided
  /// views, such as `transposed()`, are read in place, without a copy.
  ///
  /// Both operands must have the same dtype: nothing is promoted silently.
  public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
    elementwise(lhs, rhs, .add)
  }

  /// Element-wise difference, with NumPy broadcasting (see `+`).
  public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
    elementwise(lhs, rhs, .subtract)
  }

  /// Element-wise product (Hadamard product, not matrix product), with NumPy
  /// broadcasting (see `+`). For the matrix product use `matmul(_:_:)`.
  public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
    elementwise(lhs, rhs, .multiply)
  }

  /// Element-wise quotient, with NumPy broadcasting (see `+`). Division by
  /// zero follows IEEE 754: ±infinity, or NaN for 0 / 0.
  public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
    elementwise(lhs, rhs, .divide)
  }

  // MARK: - Tensor ⊕ scalar

  /// Adds `rhs` to every element. The scalar is rounded to the tensor's
  /// dtype first, so a `float32` tensor stays `float32` (NumPy's rule for
  /// Python scalars).
  public static func + (lhs: Tensor, rhs: Double) -> Tensor {
    lhs + Tensor(scalar: rhs, dtype: lhs.dtype)
  }

  /// Adds `lhs` to every element of `rhs` (see `+(Tensor, Double)`).
  public static func + (lhs: Double, rhs: Tensor) -> Tensor {
    Tensor(scalar: lhs, dtype: rhs.dtype) + rhs
  }

  /// Subtracts `rhs` from every element (see `+(Tensor, Double)`).
  public static func - (lhs: Tensor, rhs: Double) -> Tensor {
    lhs - Tensor(scalar: rhs, dtype: lhs.dtype)
  }

  /// Subtracts every element of `rhs` from `lhs` (see `+(Tensor, Double)`).
  public static func - (lhs: Double, rhs: Tensor) -> Tensor {
    Tensor(scalar: lhs, dtype: rhs.dtype) - rhs
  }

  /// Multiplies every element by `rhs` (see `+(Tensor, Double)`).
  public static func * (lhs: Tensor, rhs: Double) -> Tensor {
    lhs * Tensor(scalar: rhs, dtype: lhs.dtype)
  }

  /// Multiplies every element of `rhs` by `lhs` (see `+(Tensor, Double)`).
  public static func * (lhs: Double, rhs: Tensor) -> Tensor {
    Tensor(scalar: lhs, dtype: rhs.dtype) * rhs
  }

  /// Divides every element by `rhs` (see `+(Tensor, Double)`).
  public static func / (lhs: Tensor, rhs: Double) -> Tensor {
    lhs / Tensor(scalar: rhs, dtype: lhs.dtype)
  }

  /// Divides `lhs` by every element of `rhs` (see `+(Tensor, Double)`).
  public static func / (lhs: Double, rhs: Tensor) -> Tensor {
    Tensor(scalar: lhs, dtype: rhs.dtype) / rhs
  }

  // MARK: - Unary

  /// Every element negated. Exact for floats: only the sign bit changes, so
  /// `-0.0` and `0.0` swap, which `0 - x` would not do. `int32` wraps
  /// (`-Int32.min == Int32.min`), as in NumPy; `bool` traps.
  public static prefix func - (operand: Tensor) -> Tensor {
    switch operand.dtype {
    case .float32: return operand.map { (x: Float) in -x }
    case .float64: return operand.map { (x: Double) in -x }
    case .float16: return operand.map { (x: Float16) in -x }
    case .bfloat16: return operand.map { (x: BFloat16) in BFloat16(bitPattern: x.bitPattern ^ 0x8000) }
    case .int32: return operand.map { (x: Int32) in 0 &- x }
    case .bool: preconditionFailure("-: negation of a bool tensor; convert with converted(to:) first")
    }
  }

  // MARK: - The kernel

  /// Checks dtypes and shapes, then dispatches to the typed kernel.
  static func elementwise(_ lhs: Tensor, _ rhs: Tensor, _ op: ElementwiseOperator) -> Tensor {
    let shape = checkedBroadcastShape(lhs, rhs, op: op.rawValue)
    switch lhs.dtype {
    case .float32: return floatingElementwise(lhs, rhs, shape: shape, Float.self, op)
    case .float64: return floatingElementwise(lhs, rhs, shape: shape, Double.self, op)
    case .float16: return floatingElementwise(lhs, rhs, shape: shape, Float16.self, op)
    case .bfloat16: return floatingElementwise(lhs, rhs, shape: shape, BFloat16.self, op)
    case .int32: return integerElementwise(lhs, rhs, shape: shape, op)
    case .bool:
      preconditionFailure(
        "\(op.rawValue): arithmetic on bool tensors; convert with converted(to: .int32) first"
      )
    }
  }

  /// The broadcast shape of two operands of one dtype, or a trap whose
  /// message draws both shapes and names the axis that does not fit.
  static func checkedBroadcastShape(_ lhs: Tensor, _ rhs: Tensor, op: String) -> [Int] {
    precondition(
      lhs.dtype == rhs.dtype,
      "\(op): dtypes differ: \(lhs.dtype) and \(rhs.dtype); "
        + "convert one with converted(to:) first"
    )
    switch broadcastShape(lhs.shape, rhs.shape) {
    case .success(let broadcast): return broadcast
    case .failure(let mismatch): preconditionFailure("\(op): \(mismatch)")
    }
  }

  /// Picks the operator once, outside the loop, so each specialisation of
  /// `broadcastingMap` has a plain `+` (or `-`, …) in its inner loop. The
  /// 16-bit types compute in `Float` and round each result once.
  private static func floatingElementwise<S: FloatingStorage>(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ type: S.Type, _ op: ElementwiseOperator
  ) -> Tensor {
    switch op {
    case .add: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in S(rounding: a.widened + b.widened) }
    case .subtract: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in S(rounding: a.widened - b.widened) }
    case .multiply: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in S(rounding: a.widened * b.widened) }
    case .divide: broadcastingMap(lhs, rhs, shape: shape) { (a: S, b: S) in S(rounding: a.widened / b.widened) }
    }
  }

  /// `int32` arithmetic: wrapping `+ − ×` (two's complement, as NumPy and
  /// PyTorch do), and `/` truncating toward zero, as Swift's `/` does
  /// (NumPy's `/` would return floats; convert first for that). Division by
  /// zero traps.
  private static func integerElementwise(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ op: ElementwiseOperator
  ) -> Tensor {
    switch op {
    case .add: return broadcastingMap(lhs, rhs, shape: shape) { (a: Int32, b: Int32) in a &+ b }
    case .subtract: return broadcastingMap(lhs, rhs, shape: shape) { (a: Int32, b: Int32) in a &- b }
    case .multiply: return broadcastingMap(lhs, rhs, shape: shape) { (a: Int32, b: Int32) in a &* b }
    case .divide:
      return broadcastingMap(lhs, rhs, shape: shape) { (a: Int32, b: Int32) -> Int32 in
        precondition(b != 0, "/: int32 division by zero")
        return a.dividedReportingOverflow(by: b).partialValue
      }
    }
  }

  /// The one binary element-wise loop: `result[i] = f(lhs[i], rhs[i])`
  /// over the broadcast `shape`, reading both operands through their
  /// strides.
  ///
  /// Broadcasting costs nothing extra: a broadcast axis gets stride 0, so
  /// the walk keeps reading the same element along it.
  ///
  /// - Parameters:
  ///   - shape: The broadcast shape of `lhs` and `rhs`.
  ///   - f: The scalar operation; its argument types must be the stored
  ///     types of the operands' dtypes.
  /// - Returns: A new row-major tensor of `shape`, of the dtype stored as `R`.
  static func broadcastingMap<A: TensorScalar, B: TensorScalar, R: TensorScalar>(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ f: (A, B) -> R
  ) -> Tensor {
    let result = Tensor(zeroed: shape, dtype: R.dtype)
    let walk = StridedWalk(
      shape: shape,
      operands: [
        result.stridedOperand,
        lhs.broadcastOperand(to: shape),
        rhs.broadcastOperand(to: shape),
      ]
    )
    let step = walk.innerStrides
    let (so, sa, sb) = (step[0], step[1], step[2])
    lhs.storage.withUnsafeBufferPointer(as: A.self) { a in
      rhs.storage.withUnsafeBufferPointer(as: B.self) { b in
        result.storage.withUnsafeMutableBufferPointer(as: R.self) { out in
          walk.forEachRow { starts, length in
            var o = starts[0], i = starts[1], j = starts[2]
            for _ in 0..<length {
              out[o] = f(a[i], b[j])
              o += so
              i += sa
              j += sb
            }
          }
        }
      }
    }
    return result
  }

  /// The one unary element-wise loop: `result[i] = f(self[i])`, reading
  /// `self` through its strides into a new row-major tensor of the dtype
  /// stored as `R`.
  func map<A: TensorScalar, R: TensorScalar>(_ f: (A) -> R) -> Tensor {
    let result = Tensor(zeroed: shape, dtype: R.dtype)
    let walk = StridedWalk(shape: shape, operands: [result.stridedOperand, stridedOperand])
    let step = walk.innerStrides
    let (so, sa) = (step[0], step[1])
    storage.withUnsafeBufferPointer(as: A.self) { a in
      result.storage.withUnsafeMutableBufferPointer(as: R.self) { out in
        walk.forEachRow { starts, length in
          var o = starts[0], i = starts[1]
          for _ in 0..<length {
            out[o] = f(a[i])
            o += so
            i += sa
          }
        }
      }
    }
    return result
  }

  /// This tensor's layout stretched to `shape` (which must be a broadcast
  /// of `self.shape`): leading axes it lacks, and axes where it has length
  /// 1 but `shape` does not, get stride 0.
  func broadcastOperand(to shape: [Int]) -> StridedOperand {
    let lead = shape.count - rank
    var stretched = [Int](repeating: 0, count: shape.count)
    for axis in 0..<rank where self.shape[axis] == shape[lead + axis] {
      stretched[lead + axis] = strides[axis]
    }
    return StridedOperand(strides: stretched, offset: offset)
  }
}
