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
    profiled("neg", flops: operand.count, bytesRead: operand.elementBytes) { negated(operand) }
  }

  private static func negated(_ operand: Tensor) -> Tensor {
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
    return profiled(op.rawValue, flops: elementCount(of: shape), bytesRead: lhs.elementBytes + rhs.elementBytes) {
      elementwise(lhs, rhs, shape: shape, op)
    }
  }

  private static func elementwise(_ lhs: Tensor, _ rhs: Tensor, shape: [Int], _ op: ElementwiseOperator) -> Tensor {
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
    // Equal shapes broadcast to themselves; returning the operand's own
    // array spares an allocation on every same-shape operation.
    if lhs.shape == rhs.shape { return lhs.shape }
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
    case .add: broadcastingMap(lhs, rhs, shape: shape, FloatingAdd<S>())
    case .subtract: broadcastingMap(lhs, rhs, shape: shape, FloatingSubtract<S>())
    case .multiply: broadcastingMap(lhs, rhs, shape: shape, FloatingMultiply<S>())
    case .divide: broadcastingMap(lhs, rhs, shape: shape, FloatingDivide<S>())
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

  /// The one binary element-wise loop: `result[i] = kernel(lhs[i], rhs[i])`
  /// over the broadcast `shape`, reading both operands through their
  /// strides.
  ///
  /// Broadcasting costs nothing extra: a broadcast axis gets stride 0, so
  /// the walk keeps reading the same element along it. Rows with unit
  /// strides, or a scalar on one side, get loops the compiler vectorises
  /// (the kernel is a type, so each kernel gets its own specialised loop).
  /// Tensors of `parallelElementThreshold` elements or more are split into
  /// one contiguous range of elements per thread; each element is computed
  /// from its own inputs alone, so the result is bit-identical for any
  /// number of threads.
  ///
  /// - Parameters:
  ///   - shape: The broadcast shape of `lhs` and `rhs`.
  ///   - threads: How many threads large tensors use.
  ///   - kernel: The scalar operation; its argument types must be the
  ///     stored types of the operands' dtypes.
  /// - Returns: A new row-major tensor of `shape`, of the dtype stored as `K.R`.
  static func broadcastingMap<K: BinaryKernel>(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], threads: Int = defaultThreadCount, _ kernel: K
  ) -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: K.R.dtype)
    if let pattern = DenseBroadcast(lhs, rhs, shape: shape) {
      denseMap(lhs, rhs, into: result, pattern, threads: threads, kernel)
      return result
    }
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
    let count = walk.count
    lhs.storage.withUnsafeBufferPointer(as: K.A.self) { a in
      rhs.storage.withUnsafeBufferPointer(as: K.B.self) { b in
        result.storage.withUnsafeMutableBufferPointer(as: K.R.self) { out in
          let pointers = UncheckedSendable(value: (a.baseAddress!, b.baseAddress!, out.baseAddress!))
          let chunks = count >= parallelElementThreshold ? threads : 1
          parallelChunks(count: count, threads: chunks) { range in
            let (a, b, out) = pointers.value
            walk.forEachRow(elements: range) { starts, length in
              let (x, y, z) = (a + starts[1], b + starts[2], out + starts[0])
              if so == 1 && sa == 1 && sb == 1 {
                for t in 0..<length { z[t] = kernel(x[t], y[t]) }
              } else if so == 1 && sa == 1 && sb == 0 {
                let y0 = y[0]
                for t in 0..<length { z[t] = kernel(x[t], y0) }
              } else if so == 1 && sa == 0 && sb == 1 {
                let x0 = x[0]
                for t in 0..<length { z[t] = kernel(x0, y[t]) }
              } else {
                var (o, i, j) = (0, 0, 0)
                for _ in 0..<length {
                  z[o] = kernel(x[i], y[j])
                  o += so
                  i += sa
                  j += sb
                }
              }
            }
          }
        }
      }
    }
    return result
  }

  /// The loops of `broadcastingMap` for dense operands, without a strided
  /// walk to set up (which costs more than the arithmetic on a small
  /// tensor): both operands of the result's shape, one of them a single
  /// element, or one of them a row repeated down the other (a bias added
  /// to a batch). Each element is computed from the same two inputs as the
  /// strided walk would, so the results are identical.
  private static func denseMap<K: BinaryKernel>(
    _ lhs: Tensor, _ rhs: Tensor, into result: Tensor, _ pattern: DenseBroadcast, threads: Int, _ kernel: K
  ) {
    let count = result.count
    lhs.storage.withUnsafeBufferPointer(as: K.A.self) { a in
      rhs.storage.withUnsafeBufferPointer(as: K.B.self) { b in
        result.storage.withUnsafeMutableBufferPointer(as: K.R.self) { out in
          let pointers = UncheckedSendable(
            value: (a.baseAddress! + lhs.offset, b.baseAddress! + rhs.offset, out.baseAddress!))
          let chunks = count >= parallelElementThreshold ? threads : 1
          switch pattern {
          case .same:
            parallelChunks(count: count, threads: chunks) { range in
              let (x, y, z) = pointers.value
              for t in range { z[t] = kernel(x[t], y[t]) }
            }
          case .scalarRight:
            parallelChunks(count: count, threads: chunks) { range in
              let (x, y, z) = pointers.value
              let y0 = y[0]
              for t in range { z[t] = kernel(x[t], y0) }
            }
          case .scalarLeft:
            parallelChunks(count: count, threads: chunks) { range in
              let (x, y, z) = pointers.value
              let x0 = x[0]
              for t in range { z[t] = kernel(x0, y[t]) }
            }
          case .rowRight(let width):
            parallelChunks(count: count / width, threads: chunks) { rows in
              let (x, y, z) = pointers.value
              for row in rows {
                let (xr, zr) = (x + row * width, z + row * width)
                for t in 0..<width { zr[t] = kernel(xr[t], y[t]) }
              }
            }
          case .rowLeft(let width):
            parallelChunks(count: count / width, threads: chunks) { rows in
              let (x, y, z) = pointers.value
              for row in rows {
                let (yr, zr) = (y + row * width, z + row * width)
                for t in 0..<width { zr[t] = kernel(x[t], yr[t]) }
              }
            }
          case .columnRight(let width):
            parallelChunks(count: count / width, threads: chunks) { rows in
              let (x, y, z) = pointers.value
              for row in rows {
                let (xr, zr, y0) = (x + row * width, z + row * width, y[row])
                for t in 0..<width { zr[t] = kernel(xr[t], y0) }
              }
            }
          case .columnLeft(let width):
            parallelChunks(count: count / width, threads: chunks) { rows in
              let (x, y, z) = pointers.value
              for row in rows {
                let (yr, zr, x0) = (y + row * width, z + row * width, x[row])
                for t in 0..<width { zr[t] = kernel(x0, yr[t]) }
              }
            }
          }
        }
      }
    }
  }

  /// `broadcastingMap` with the scalar operation given as a closure, for
  /// the many operations that are not hot enough to deserve a kernel type.
  /// `f` must compute from its arguments only (it may run on several
  /// threads at once).
  static func broadcastingMap<A: TensorScalar, B: TensorScalar, R: TensorScalar>(
    _ lhs: Tensor, _ rhs: Tensor, shape: [Int], threads: Int = defaultThreadCount, _ f: (A, B) -> R
  ) -> Tensor {
    withoutActuallyEscaping(f) { f in
      broadcastingMap(lhs, rhs, shape: shape, threads: threads, ClosureBinaryKernel(f: f))
    }
  }

  /// The one unary element-wise loop: `result[i] = kernel(self[i])`, reading
  /// `self` through its strides into a new row-major tensor of the dtype
  /// stored as `K.R`. Threads and vectorisation as in `broadcastingMap`.
  func map<K: UnaryKernel>(threads: Int = defaultThreadCount, _ kernel: K) -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: K.R.dtype)
    if isContiguous {
      // Dense input: one flat loop, as in `broadcastingMap`.
      let count = result.count
      storage.withUnsafeBufferPointer(as: K.A.self) { a in
        result.storage.withUnsafeMutableBufferPointer(as: K.R.self) { out in
          let pointers = UncheckedSendable(value: (a.baseAddress! + offset, out.baseAddress!))
          parallelChunks(count: count, threads: count >= parallelElementThreshold ? threads : 1) { range in
            let (x, z) = pointers.value
            kernel.apply(x + range.lowerBound, z + range.lowerBound, count: range.count)
          }
        }
      }
      return result
    }
    let walk = StridedWalk(shape: shape, operands: [result.stridedOperand, stridedOperand])
    let step = walk.innerStrides
    let (so, sa) = (step[0], step[1])
    let count = walk.count
    storage.withUnsafeBufferPointer(as: K.A.self) { a in
      result.storage.withUnsafeMutableBufferPointer(as: K.R.self) { out in
        let pointers = UncheckedSendable(value: (a.baseAddress!, out.baseAddress!))
        let chunks = count >= parallelElementThreshold ? threads : 1
        parallelChunks(count: count, threads: chunks) { range in
          let (a, out) = pointers.value
          walk.forEachRow(elements: range) { starts, length in
            let (x, z) = (a + starts[1], out + starts[0])
            if so == 1 && sa == 1 {
              kernel.apply(x, z, count: length)
            } else {
              var (o, i) = (0, 0)
              for _ in 0..<length {
                z[o] = kernel(x[i])
                o += so
                i += sa
              }
            }
          }
        }
      }
    }
    return result
  }

  /// `map` with the scalar operation given as a closure (see the closure
  /// form of `broadcastingMap`).
  func map<A: TensorScalar, R: TensorScalar>(threads: Int = defaultThreadCount, _ f: (A) -> R) -> Tensor {
    withoutActuallyEscaping(f) { f in
      map(threads: threads, ClosureUnaryKernel(f: f))
    }
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

/// How two dense operands of a binary element-wise operation line up with
/// its result, when they do in one of the simple ways that `denseMap`
/// runs as flat loops; `nil` (from `init`) for anything else.
enum DenseBroadcast {
  /// Both operands have the result's shape.
  case same
  /// The right operand is a single element; the left has the result's shape.
  case scalarRight
  /// The left operand is a single element; the right has the result's shape.
  case scalarLeft
  /// The right operand is the result's last axes (`width` elements),
  /// repeated for every leading index; the left has the result's shape.
  case rowRight(width: Int)
  /// The mirror image of `rowRight`.
  case rowLeft(width: Int)
  /// The right operand has the result's shape with a last axis of 1: one
  /// value per row of `width` elements (a row's maximum or sum, kept with
  /// `keepDims`, against the rows it came from).
  case columnRight(width: Int)
  /// The mirror image of `columnRight`.
  case columnLeft(width: Int)

  /// Classifies `lhs` and `rhs` against the broadcast `shape`; both must
  /// be contiguous.
  init?(_ lhs: Tensor, _ rhs: Tensor, shape: [Int]) {
    guard lhs.isContiguous && rhs.isContiguous else { return nil }
    let (lhsFull, rhsFull) = (lhs.shape == shape, rhs.shape == shape)
    if lhsFull && rhsFull {
      self = .same
    } else if lhsFull && rhs.count == 1 {
      self = .scalarRight
    } else if rhsFull && lhs.count == 1 {
      self = .scalarLeft
    } else if lhsFull, let width = Self.rowWidth(rhs.shape, of: shape) {
      self = .rowRight(width: width)
    } else if rhsFull, let width = Self.rowWidth(lhs.shape, of: shape) {
      self = .rowLeft(width: width)
    } else if lhsFull, let width = Self.columnWidth(rhs.shape, of: shape) {
      self = .columnRight(width: width)
    } else if rhsFull, let width = Self.columnWidth(lhs.shape, of: shape) {
      self = .columnLeft(width: width)
    } else {
      return nil
    }
  }

  /// The element count of `row` when it is exactly the trailing axes of
  /// `shape` (and not empty), so that it repeats once per leading index.
  private static func rowWidth(_ row: [Int], of shape: [Int]) -> Int? {
    guard row.count <= shape.count else { return nil }
    let lead = shape.count - row.count
    for axis in row.indices where row[axis] != shape[lead + axis] { return nil }
    let width = elementCount(of: row)
    return width > 0 ? width : nil
  }

  /// The length of `shape`'s last axis when `column` is `shape` with that
  /// axis set to 1 (and the result is not empty), so that each value of
  /// `column` stands for one row.
  private static func columnWidth(_ column: [Int], of shape: [Int]) -> Int? {
    guard let width = shape.last, width > 0, column.count == shape.count, column.last == 1 else { return nil }
    for axis in 0..<(shape.count - 1) where column[axis] != shape[axis] { return nil }
    return elementCount(of: shape) > 0 ? width : nil
  }
}

// MARK: - Kernel types

/// A scalar operation of two arguments, as a type: element-wise loops are
/// generic over it, so that each operation gets a specialised, inlined,
/// vectorisable loop instead of a call through a closure per element.
/// Kernels must compute from their arguments only, as a loop may call one
/// kernel value from several threads at once.
protocol BinaryKernel: Sendable {
  associatedtype A: TensorScalar
  associatedtype B: TensorScalar
  associatedtype R: TensorScalar
  func callAsFunction(_ a: A, _ b: B) -> R
}

/// A scalar operation of one argument, as a type (see `BinaryKernel`).
protocol UnaryKernel: Sendable {
  associatedtype A: TensorScalar
  associatedtype R: TensorScalar
  func callAsFunction(_ a: A) -> R
  /// `z[t] = self(x[t])` for `count` contiguous elements: what `map` calls
  /// on each dense run. A kernel may replace the element loop (with a
  /// vectorised one, say) as long as every element gets exactly the bits
  /// `callAsFunction` gives it, wherever the run starts and ends.
  func apply(_ x: UnsafePointer<A>, _ z: UnsafeMutablePointer<R>, count: Int)
}

extension UnaryKernel {
  @inline(__always)
  func apply(_ x: UnsafePointer<A>, _ z: UnsafeMutablePointer<R>, count: Int) {
    for t in 0..<count { z[t] = self(x[t]) }
  }
}

/// `a + b`, computed in `S.Compute` and rounded to `S`.
struct FloatingAdd<S: FloatingStorage>: BinaryKernel {
  @inline(__always) func callAsFunction(_ a: S, _ b: S) -> S { S(rounding: a.widened + b.widened) }
}

/// `a − b`, computed in `S.Compute` and rounded to `S`.
struct FloatingSubtract<S: FloatingStorage>: BinaryKernel {
  @inline(__always) func callAsFunction(_ a: S, _ b: S) -> S { S(rounding: a.widened - b.widened) }
}

/// `a × b`, computed in `S.Compute` and rounded to `S`.
struct FloatingMultiply<S: FloatingStorage>: BinaryKernel {
  @inline(__always) func callAsFunction(_ a: S, _ b: S) -> S { S(rounding: a.widened * b.widened) }
}

/// `a ÷ b`, computed in `S.Compute` and rounded to `S`.
struct FloatingDivide<S: FloatingStorage>: BinaryKernel {
  @inline(__always) func callAsFunction(_ a: S, _ b: S) -> S { S(rounding: a.widened / b.widened) }
}

/// A closure as a kernel. `@unchecked Sendable` under the contract of
/// `UncheckedSendable`: the closures passed here compute from their
/// arguments and capture immutable values only.
struct ClosureBinaryKernel<A: TensorScalar, B: TensorScalar, R: TensorScalar>: BinaryKernel, @unchecked Sendable {
  let f: (A, B) -> R
  @inline(__always) func callAsFunction(_ a: A, _ b: B) -> R { f(a, b) }
}

/// A closure as a unary kernel (see `ClosureBinaryKernel`).
struct ClosureUnaryKernel<A: TensorScalar, R: TensorScalar>: UnaryKernel, @unchecked Sendable {
  let f: (A) -> R
  @inline(__always) func callAsFunction(_ a: A) -> R { f(a) }
}
