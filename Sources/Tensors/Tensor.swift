/// An n-dimensional array of numbers with a run-time dtype.
///
/// A tensor is a view: a `shape`, one `strides` entry per axis and an
/// `offset`, laid over a shared block of storage. The element at logical
/// index `(i₀, i₁, …)` lives at storage position
/// `offset + i₀·strides[0] + i₁·strides[1] + …`. A freshly built tensor is
/// row-major (C order): the last axis varies fastest and has stride 1.
/// Operations such as `transposed()` and `reshaped(_:)` return new views of
/// the same storage without copying a single element.
///
/// ```swift
/// let a = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
/// a.strides                 // [3, 1]
/// a.transposed().strides    // [1, 3], same storage
/// ```
///
/// ## Value semantics
///
/// `Tensor` is a Swift value type with copy-on-write storage. Copying a
/// tensor or taking a view is O(1) and shares storage; the first write
/// through a tensor whose storage is shared copies the storage, so that the
/// write is seen by that tensor alone. This differs from PyTorch and NumPy,
/// where a view and its base share writes (`b = a.T; b[0, 1] = 9` changes
/// `a`): here, writing through a view never changes the tensor it came from,
/// and vice versa, just as with `Array`.
///
/// ## Where things are
///
/// - Element types, including the 16-bit formats: `DType`, `BFloat16`.
/// - Views (permute, slice, expand, squeeze): `Tensor+Views.swift`, `TensorIndex`.
/// - `+ − × ÷` with broadcasting: `Tensor+Arithmetic.swift`; math functions
///   and activations: `Tensor+Math.swift`; `.<`, `.==`, …: `Tensor+Comparison.swift`.
/// - Sums, means, variances, extremes, softmax: `Tensor+Reductions.swift`.
/// - `matmul` and its reference `naiveMatmul`: `Tensor+Linalg.swift`.
/// - Random tensors: `RandomGenerator` (Philox4x32-10).
/// - Where the bytes go: `withMemoryTracking`, `MemoryTag`; where the time
///   goes: `profile`; what this machine can do: `Benchmark`.
public struct Tensor: Sendable {
  /// The length of each axis; `[]` for a 0-d (scalar) tensor.
  public private(set) var shape: [Int]

  /// The distance in storage, in elements (not bytes), between neighbours
  /// along each axis.
  public private(set) var strides: [Int]

  /// The storage position, in elements, of the element at index (0, …, 0).
  public private(set) var offset: Int

  /// The element type of every element.
  public private(set) var dtype: DType

  /// The elements, possibly shared with other tensors.
  var storage: TensorStorage

  /// A view of `storage` with an explicit layout. No elements are copied.
  init(storage: TensorStorage, shape: [Int], strides: [Int], offset: Int) {
    self.storage = storage
    self.shape = shape
    self.strides = strides
    self.offset = offset
    self.dtype = storage.dtype
  }

  /// A new row-major tensor of `shape` with every element zero. Kernels
  /// allocate their results with it and then fill them in.
  init(zeroed shape: [Int], dtype: DType, reason: String = "result") {
    self.init(shape: shape, dtype: dtype, reason: reason, zeroed: true)
  }

  /// A new row-major tensor of `shape` whose elements the caller must all
  /// write before anyone reads them: the result of a kernel that fills
  /// every position (see `TensorStorage.init`).
  init(uninitialized shape: [Int], dtype: DType, reason: String = "result") {
    self.init(shape: shape, dtype: dtype, reason: reason, zeroed: false)
  }

  private init(shape: [Int], dtype: DType, reason: String, zeroed: Bool) {
    Self.checkShape(shape, in: "Tensor")
    self.init(
      storage: TensorStorage(count: elementCount(of: shape), dtype: dtype, reason: reason, zeroed: zeroed),
      shape: shape,
      strides: rowMajorStrides(for: shape),
      offset: 0
    )
  }

  // MARK: - Creating tensors

  /// A `float32` tensor holding `scalars` in row-major order.
  ///
  /// An untyped literal such as `Tensor([1, 2], shape: [2])` picks the
  /// `[Double]` initialiser, as Swift picks `Double` for a bare float
  /// literal (and NumPy picks float64); write `[1, 2] as [Float]` for
  /// `float32`.
  ///
  /// - Parameters:
  ///   - scalars: The elements, last axis fastest. Their number must equal
  ///     the product of `shape`.
  ///   - shape: The length of each axis; `[]` makes a 0-d tensor of one
  ///     element.
  // Disfavoured so that an untyped array literal is not ambiguous between
  // the two initialisers.
  @_disfavoredOverload
  public init(_ scalars: [Float], shape: [Int]) {
    self.init(storing: scalars, shape: shape)
  }

  /// A `float64` tensor holding `scalars` in row-major order.
  ///
  /// - Parameters:
  ///   - scalars: The elements, last axis fastest. Their number must equal
  ///     the product of `shape`.
  ///   - shape: The length of each axis; `[]` makes a 0-d tensor of one
  ///     element.
  public init(_ scalars: [Double], shape: [Int]) {
    self.init(storing: scalars, shape: shape)
  }

  /// A `float16` tensor holding `scalars` in row-major order.
  @_disfavoredOverload
  public init(_ scalars: [Float16], shape: [Int]) {
    self.init(storing: scalars, shape: shape)
  }

  /// A `bfloat16` tensor holding `scalars` in row-major order.
  @_disfavoredOverload
  public init(_ scalars: [BFloat16], shape: [Int]) {
    self.init(storing: scalars, shape: shape)
  }

  /// An `int32` tensor holding `scalars` in row-major order.
  @_disfavoredOverload
  public init(_ scalars: [Int32], shape: [Int]) {
    self.init(storing: scalars, shape: shape)
  }

  /// A `bool` tensor holding `scalars` in row-major order.
  public init(_ scalars: [Bool], shape: [Int]) {
    self.init(storing: scalars, shape: shape)
  }

  /// A tensor of `T.dtype` holding `scalars` in row-major order.
  init<T: TensorScalar>(storing scalars: [T], shape: [Int]) {
    Self.checkScalarCount(scalars.count, shape: shape)
    self.init(zeroed: shape, dtype: T.dtype)
    storage.withUnsafeMutableBufferPointer(as: T.self) { buffer in
      _ = buffer.update(fromContentsOf: scalars)
    }
  }

  /// A tensor of `shape` with every element equal to `value`.
  ///
  /// - Parameters:
  ///   - shape: The length of each axis.
  ///   - dtype: The element type; `value` is converted to it (rounded for
  ///     floats, truncated toward zero for `int32`, `value != 0` for `bool`).
  ///   - value: The fill value.
  public init(shape: [Int], dtype: DType = .float32, repeating value: Double) {
    self.init(zeroed: shape, dtype: dtype)
    switch dtype {
    case .float32: fill(Float.self, with: value)
    case .float64: fill(Double.self, with: value)
    case .float16: fill(Float16.self, with: value)
    case .bfloat16: fill(BFloat16.self, with: value)
    case .int32: fill(Int32.self, with: value)
    case .bool: fill(Bool.self, with: value)
    }
  }

  private func fill<T: TensorScalar>(_ type: T.Type, with value: Double) {
    let converted = T(converting: value)
    storage.withUnsafeMutableBufferPointer(as: T.self) { $0.update(repeating: converted) }
  }

  /// A 0-d tensor (shape `[]`) holding one number.
  ///
  /// - Parameters:
  ///   - scalar: The value; rounded to `dtype`.
  ///   - dtype: The element type.
  public init(scalar: Double, dtype: DType = .float32) {
    self.init(shape: [], dtype: dtype, repeating: scalar)
  }

  /// A tensor of `shape` filled with zeros.
  public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor {
    Tensor(zeroed: shape, dtype: dtype)
  }

  /// A tensor of `shape` filled with ones.
  public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor {
    Tensor(shape: shape, dtype: dtype, repeating: 1)
  }

  // MARK: - Layout

  /// The number of elements: the product of `shape`, 1 for a 0-d tensor.
  public var count: Int { elementCount(of: shape) }

  /// The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.
  public var rank: Int { shape.count }

  /// Whether the elements lie in storage densely in row-major order, so that
  /// element `i` of `scalars(as:)` is at storage position `offset + i`.
  ///
  /// Axes of length 1 are ignored, as in NumPy: their stride is never
  /// stepped, so it cannot affect where any element lives.
  public var isContiguous: Bool {
    if count == 0 { return true }
    // The row-major stride of each axis is the product of the lengths
    // after it; walk from the last axis keeping that product.
    var dense = 1
    for axis in shape.indices.reversed() {
      if shape[axis] != 1 && strides[axis] != dense { return false }
      dense *= shape[axis]
    }
    return true
  }

  /// Whether `strides` are exactly `rowMajorStrides(for: shape)`, checked
  /// without building that array.
  var hasRowMajorStrides: Bool {
    var running = 1
    for axis in shape.indices.reversed() {
      if strides[axis] != running { return false }
      running *= Swift.max(shape[axis], 1)
    }
    return true
  }

  /// This tensor with its elements stored densely in row-major order.
  ///
  /// Returns `self` (sharing storage) when the tensor is already
  /// contiguous, and a copy otherwise. Call it before handing memory to
  /// code that assumes a dense layout. A copy shows in the memory log as
  /// `"contiguous() copy"`.
  public func contiguous() -> Tensor {
    if isContiguous { return self }
    return profiled("contiguous", flops: 0, bytesRead: elementBytes) {
      converted(to: dtype, forceCopy: true, reason: "contiguous() copy")
    }
  }

  /// The same elements, in the same row-major order, viewed with a new shape.
  ///
  /// A contiguous tensor is reshaped without copying; any other is made
  /// contiguous first (like PyTorch's `reshape`).
  ///
  /// - Parameter newShape: The new axis lengths. Their product must equal
  ///   `count`. At most one entry may be `-1`, meaning "whatever length makes
  ///   the count come out right".
  /// - Returns: A view of `count` elements with shape `newShape`.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    // Reshaping a row-major tensor to its own shape is itself: the common
    // case at the end of a matmul or a reduction, answered without the
    // arrays that the general path builds.
    if newShape == shape && hasRowMajorStrides { return self }
    let resolved = Self.resolveReshape(newShape, count: count, from: shape)
    let source = contiguous()
    return Tensor(
      storage: source.storage,
      shape: resolved,
      strides: rowMajorStrides(for: resolved),
      offset: source.offset
    )
  }

  /// The matrix transpose, as a view: shape `[n, m]` for a `[m, n]` tensor.
  ///
  /// No element moves. The shape and the strides are swapped, so a
  /// row-major matrix becomes a column-major view of the same storage.
  /// `matmul` recognises such views and hands them to BLAS as "transposed"
  /// instead of copying them.
  ///
  /// - Returns: A view whose element `[j, i]` is this tensor's `[i, j]`.
  public func transposed() -> Tensor {
    precondition(rank == 2, "transposed(): needs a 2-d tensor, got shape \(shape)")
    return Tensor(
      storage: storage,
      shape: [shape[1], shape[0]],
      strides: [strides[1], strides[0]],
      offset: offset
    )
  }

  // MARK: - Conversion and readout

  /// The same values with a different element type, in a new contiguous
  /// tensor (or `self` when `dtype` already matches).
  ///
  /// Conversions between float formats round each value to the nearest
  /// representable one, ties to even, in a single rounding (values beyond
  /// the largest finite one become infinite; NaN stays NaN). To `int32`,
  /// floats are truncated toward zero (NaN or out-of-range values trap); to
  /// `bool`, nonzero (and NaN) is `true`; from `bool`, `true` is 1.
  public func converted(to dtype: DType) -> Tensor {
    if dtype == self.dtype && isContiguous { return self }
    return profiled("converted(to:)", flops: 0, bytesRead: elementBytes) {
      converted(to: dtype, forceCopy: false, reason: "converted(to:)")
    }
  }

  /// The elements in logical row-major order, whatever the strides,
  /// converted to `T`.
  ///
  /// - Parameter type: The Swift type to return, such as `Double.self` or
  ///   `Float.self`. Every element passes through `Double`, which holds all
  ///   six dtypes exactly, so reading as `Double` is exact and reading
  ///   `float64` as `Float` rounds once. `bool` reads as 0 and 1.
  /// - Returns: `count` values, last axis fastest.
  public func scalars<T: BinaryFloatingPoint>(as type: T.Type) -> [T] {
    gatherDoubles().map { T($0) }
  }

  /// The elements in logical row-major order as integers.
  ///
  /// - Parameter type: The integer type to return. Float elements must be
  ///   whole numbers that fit in `T`; anything else traps.
  /// - Returns: `count` values, last axis fastest.
  public func scalars<T: FixedWidthInteger>(as type: T.Type) -> [T] {
    gatherDoubles().map { value in
      guard let exact = T(exactly: value) else {
        preconditionFailure("scalars(as: \(T.self)): element \(value) of a \(dtype) tensor is not a \(T.self)")
      }
      return exact
    }
  }

  /// The elements of a `bool` tensor in logical row-major order.
  public func scalars(as type: Bool.Type) -> [Bool] {
    precondition(dtype == .bool, "scalars(as: Bool.self): tensor has dtype \(dtype), not bool")
    return gatherDoubles().map { $0 != 0 }
  }

  /// The single element of a one-element tensor (any shape whose lengths
  /// multiply to 1, such as `[]` or `[1, 1]`), as a `Double`.
  public func item() -> Double {
    precondition(
      count == 1,
      "item(): tensor of shape \(shape) has \(count) elements; item() needs exactly one"
    )
    return element(atStorageOffset: offset)
  }

  /// The element at a logical index, as a `Double`.
  ///
  /// - Parameter indices: One index per axis, each in `0..<shape[axis]`.
  ///   A 0-d tensor takes no indices: `t[]`.
  public internal(set) subscript(indices: Int...) -> Double {
    get {
      element(atStorageOffset: storageOffset(of: indices))
    }
    set {
      makeStorageUnique()
      // Looked up after the copy, which may have changed the layout.
      let target = storageOffset(of: indices)
      switch dtype {
      case .float32: store(newValue, Float.self, at: target)
      case .float64: store(newValue, Double.self, at: target)
      case .float16: store(newValue, Float16.self, at: target)
      case .bfloat16: store(newValue, BFloat16.self, at: target)
      case .int32: store(newValue, Int32.self, at: target)
      case .bool: store(newValue, Bool.self, at: target)
      }
    }
  }

  // MARK: - Copy on write

  /// Ensures this tensor holds the only reference to its storage, copying
  /// the elements (into a fresh row-major layout) when it is shared.
  ///
  /// Every write must call this first. It is what makes `Tensor` a value
  /// type and what makes `TensorStorage`'s `@unchecked Sendable` sound.
  ///
  /// A layout in which two indices share an element (a stride-0 axis from
  /// `expanded(to:)`) is copied too, even when unshared, so that a write
  /// changes one element only.
  mutating func makeStorageUnique() {
    if !isKnownUniquelyReferenced(&storage) || hasOverlappingElements {
      self = converted(to: dtype, forceCopy: true, reason: "copy on write")
    }
  }

  // MARK: - Internals

  /// The element at storage position `position`, widened to `Double`.
  func element(atStorageOffset position: Int) -> Double {
    switch dtype {
    case .float32: load(Float.self, at: position)
    case .float64: load(Double.self, at: position)
    case .float16: load(Float16.self, at: position)
    case .bfloat16: load(BFloat16.self, at: position)
    case .int32: load(Int32.self, at: position)
    case .bool: load(Bool.self, at: position)
    }
  }

  private func load<T: TensorScalar>(_ type: T.Type, at position: Int) -> Double {
    storage.withUnsafeBufferPointer(as: T.self) { $0[position].doubleValue }
  }

  private func store<T: TensorScalar>(_ value: Double, _ type: T.Type, at position: Int) {
    storage.withUnsafeMutableBufferPointer(as: T.self) { $0[position] = T(converting: value) }
  }

  /// The storage position of a logical index, after checking it.
  func storageOffset(of indices: [Int]) -> Int {
    precondition(
      indices.count == rank,
      "Tensor subscript: \(indices.count) indices for a rank-\(rank) tensor of shape \(shape); "
        + "integer subscripts read one element; for a view write t[.at(i)] or t[i, .all]"
    )
    var position = offset
    for axis in indices.indices {
      precondition(
        indices[axis] >= 0 && indices[axis] < shape[axis],
        "Tensor subscript: index \(indices[axis]) out of range for axis \(axis) of shape \(shape)"
      )
      position += indices[axis] * strides[axis]
    }
    return position
  }

  /// The layout of this tensor as an operand of a strided walk over its
  /// own shape.
  var stridedOperand: StridedOperand {
    StridedOperand(strides: strides, offset: offset)
  }

  /// Copies into a fresh row-major tensor of `dtype`, unless the dtype
  /// matches, the layout is contiguous and `forceCopy` is false.
  func converted(to dtype: DType, forceCopy: Bool, reason: String) -> Tensor {
    if dtype == self.dtype && !forceCopy && isContiguous { return self }
    switch self.dtype {
    case .float32: return copied(from: Float.self, to: dtype, reason: reason)
    case .float64: return copied(from: Double.self, to: dtype, reason: reason)
    case .float16: return copied(from: Float16.self, to: dtype, reason: reason)
    case .bfloat16: return copied(from: BFloat16.self, to: dtype, reason: reason)
    case .int32: return copied(from: Int32.self, to: dtype, reason: reason)
    case .bool: return copied(from: Bool.self, to: dtype, reason: reason)
    }
  }

  private func copied<S: TensorScalar>(from source: S.Type, to dtype: DType, reason: String) -> Tensor {
    // The same type is copied as it is; any other conversion goes through
    // `Double`, which is exact on the way in, so that each destination type
    // rounds exactly once.
    switch dtype {
    case self.dtype: return copied(from: S.self, to: S.self, reason: reason) { $0 }
    case .float32: return copied(from: S.self, to: Float.self, reason: reason) { Float(converting: $0.doubleValue) }
    case .float64: return copied(from: S.self, to: Double.self, reason: reason) { $0.doubleValue }
    case .float16: return copied(from: S.self, to: Float16.self, reason: reason) { Float16(converting: $0.doubleValue) }
    case .bfloat16: return copied(from: S.self, to: BFloat16.self, reason: reason) { BFloat16(converting: $0.doubleValue) }
    case .int32: return copied(from: S.self, to: Int32.self, reason: reason) { Int32(converting: $0.doubleValue) }
    case .bool: return copied(from: S.self, to: Bool.self, reason: reason) { Bool(converting: $0.doubleValue) }
    }
  }

  private func copied<S: TensorScalar, D: TensorScalar>(
    from source: S.Type, to destination: D.Type, reason: String, _ convert: (S) -> D
  ) -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: D.dtype, reason: reason)
    let walk = StridedWalk(shape: shape, operands: [result.stridedOperand, stridedOperand])
    let step = walk.innerStrides
    storage.withUnsafeBufferPointer(as: S.self) { src in
      result.storage.withUnsafeMutableBufferPointer(as: D.self) { dst in
        walk.forEachRow { starts, length in
          var o = starts[0], i = starts[1]
          for _ in 0..<length {
            dst[o] = convert(src[i])
            o += step[0]
            i += step[1]
          }
        }
      }
    }
    return result
  }

  /// Every element, in logical row-major order, as a `Double` (exact).
  func gatherDoubles() -> [Double] {
    switch dtype {
    case .float32: gather(Float.self)
    case .float64: gather(Double.self)
    case .float16: gather(Float16.self)
    case .bfloat16: gather(BFloat16.self)
    case .int32: gather(Int32.self)
    case .bool: gather(Bool.self)
    }
  }

  private func gather<S: TensorScalar>(_ source: S.Type) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(count)
    let walk = StridedWalk(shape: shape, operands: [stridedOperand])
    let step = walk.innerStrides[0]
    storage.withUnsafeBufferPointer(as: S.self) { src in
      walk.forEachRow { starts, length in
        var i = starts[0]
        for _ in 0..<length {
          result.append(src[i].doubleValue)
          i += step
        }
      }
    }
    return result
  }

  /// Traps unless every axis length is non-negative.
  static func checkShape(_ shape: [Int], in context: String) {
    for (axis, length) in shape.enumerated() {
      precondition(length >= 0, "\(context): axis \(axis) of shape \(shape) has negative length \(length)")
    }
  }

  private static func checkScalarCount(_ scalarCount: Int, shape: [Int]) {
    checkShape(shape, in: "Tensor")
    let needed = elementCount(of: shape)
    precondition(
      scalarCount == needed,
      "Tensor: \(scalarCount) scalars cannot fill shape \(shape), which needs \(needed)"
    )
  }

  /// Resolves a `-1` in a requested shape and checks the element count.
  static func resolveReshape(_ requested: [Int], count: Int, from shape: [Int]) -> [Int] {
    if !requested.contains(where: { $0 < 0 }) {
      // No wildcard: only the count to check (the general path below
      // gives the same answer and the same messages, with more arrays).
      let resolvedCount = elementCount(of: requested)
      precondition(
        resolvedCount == count,
        "reshaped: cannot reshape \(shape) (\(count) elements) into \(requested) (\(resolvedCount) elements)"
      )
      return requested
    }
    let wildcards = requested.indices.filter { requested[$0] == -1 }
    precondition(wildcards.count <= 1, "reshaped: at most one -1 allowed, got \(requested)")
    for length in requested where length != -1 {
      precondition(length >= 0, "reshaped: negative length in \(requested)")
    }
    var resolved = requested
    if let wildcard = wildcards.first {
      let known = requested.filter { $0 != -1 }.reduce(1, *)
      precondition(
        known != 0 && count % known == 0,
        "reshaped: cannot reshape \(shape) (\(count) elements) into \(requested): "
          + "\(count) is not a multiple of \(known)"
      )
      resolved[wildcard] = count / known
    }
    let resolvedCount = elementCount(of: resolved)
    precondition(
      resolvedCount == count,
      "reshaped: cannot reshape \(shape) (\(count) elements) into \(resolved) (\(resolvedCount) elements)"
    )
    return resolved
  }
}
