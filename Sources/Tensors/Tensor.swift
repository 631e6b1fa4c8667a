/// An n-dimensional array of floating-point numbers with a run-time dtype.
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
  init(zeroed shape: [Int], dtype: DType) {
    Self.checkShape(shape, in: "Tensor")
    self.init(
      storage: TensorStorage(count: elementCount(of: shape), dtype: dtype),
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
    Self.checkScalarCount(scalars.count, shape: shape)
    self.init(zeroed: shape, dtype: .float32)
    storage.withUnsafeMutableBufferPointer(as: Float.self) { buffer in
      _ = buffer.update(fromContentsOf: scalars)
    }
  }

  /// A `float64` tensor holding `scalars` in row-major order.
  ///
  /// - Parameters:
  ///   - scalars: The elements, last axis fastest. Their number must equal
  ///     the product of `shape`.
  ///   - shape: The length of each axis; `[]` makes a 0-d tensor of one
  ///     element.
  public init(_ scalars: [Double], shape: [Int]) {
    Self.checkScalarCount(scalars.count, shape: shape)
    self.init(zeroed: shape, dtype: .float64)
    storage.withUnsafeMutableBufferPointer(as: Double.self) { buffer in
      _ = buffer.update(fromContentsOf: scalars)
    }
  }

  /// A tensor of `shape` with every element equal to `value`.
  ///
  /// - Parameters:
  ///   - shape: The length of each axis.
  ///   - dtype: The element type; `value` is rounded to it.
  ///   - value: The fill value.
  public init(shape: [Int], dtype: DType = .float32, repeating value: Double) {
    self.init(zeroed: shape, dtype: dtype)
    switch dtype {
    case .float32:
      storage.withUnsafeMutableBufferPointer(as: Float.self) { $0.update(repeating: Float(value)) }
    case .float64:
      storage.withUnsafeMutableBufferPointer(as: Double.self) { $0.update(repeating: value) }
    }
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
    let dense = rowMajorStrides(for: shape)
    for axis in shape.indices where shape[axis] != 1 && strides[axis] != dense[axis] {
      return false
    }
    return true
  }

  /// This tensor with its elements stored densely in row-major order.
  ///
  /// Returns `self` (sharing storage) when the tensor is already
  /// contiguous, and a copy otherwise. Call it before handing memory to
  /// code that assumes a dense layout.
  public func contiguous() -> Tensor {
    isContiguous ? self : converted(to: dtype, forceCopy: true)
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
  /// `float64` → `float32` rounds each value to the nearest `Float`; values
  /// beyond `Float.greatestFiniteMagnitude` become infinite.
  public func converted(to dtype: DType) -> Tensor {
    converted(to: dtype, forceCopy: false)
  }

  /// The elements in logical row-major order, whatever the strides,
  /// converted to `T`.
  ///
  /// - Parameter type: The Swift type to return, such as `Double.self` or
  ///   `Float.self`. Reading `float32` as `Double` is exact; reading
  ///   `float64` as `Float` rounds.
  /// - Returns: `count` values, last axis fastest.
  public func scalars<T: BinaryFloatingPoint>(as type: T.Type) -> [T] {
    switch dtype {
    case .float32: gather(Float.self, as: T.self)
    case .float64: gather(Double.self, as: T.self)
    }
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
      case .float32:
        storage.withUnsafeMutableBufferPointer(as: Float.self) { $0[target] = Float(newValue) }
      case .float64:
        storage.withUnsafeMutableBufferPointer(as: Double.self) { $0[target] = newValue }
      }
    }
  }

  // MARK: - Copy on write

  /// Ensures this tensor holds the only reference to its storage, copying
  /// the elements (into a fresh row-major layout) when it is shared.
  ///
  /// Every write must call this first. It is what makes `Tensor` a value
  /// type and what makes `TensorStorage`'s `@unchecked Sendable` sound.
  mutating func makeStorageUnique() {
    if !isKnownUniquelyReferenced(&storage) {
      self = converted(to: dtype, forceCopy: true)
    }
  }

  // MARK: - Internals

  /// The element at storage position `position`, widened to `Double`.
  func element(atStorageOffset position: Int) -> Double {
    switch dtype {
    case .float32: storage.withUnsafeBufferPointer(as: Float.self) { Double($0[position]) }
    case .float64: storage.withUnsafeBufferPointer(as: Double.self) { $0[position] }
    }
  }

  /// The storage position of a logical index, after checking it.
  func storageOffset(of indices: [Int]) -> Int {
    precondition(
      indices.count == rank,
      "Tensor subscript: \(indices.count) indices for a rank-\(rank) tensor of shape \(shape)"
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
  func converted(to dtype: DType, forceCopy: Bool) -> Tensor {
    if dtype == self.dtype && !forceCopy && isContiguous { return self }
    switch (self.dtype, dtype) {
    case (.float32, .float32): return copied(from: Float.self, to: Float.self, dtype: dtype)
    case (.float32, .float64): return copied(from: Float.self, to: Double.self, dtype: dtype)
    case (.float64, .float32): return copied(from: Double.self, to: Float.self, dtype: dtype)
    case (.float64, .float64): return copied(from: Double.self, to: Double.self, dtype: dtype)
    }
  }

  private func copied<S: BinaryFloatingPoint, D: BinaryFloatingPoint>(
    from source: S.Type, to destination: D.Type, dtype: DType
  ) -> Tensor {
    let result = Tensor(zeroed: shape, dtype: dtype)
    let walk = StridedWalk(shape: shape, operands: [result.stridedOperand, stridedOperand])
    let step = walk.innerStrides
    storage.withUnsafeBufferPointer(as: S.self) { src in
      result.storage.withUnsafeMutableBufferPointer(as: D.self) { dst in
        walk.forEachRow { starts, length in
          var o = starts[0], i = starts[1]
          for _ in 0..<length {
            dst[o] = D(src[i])
            o += step[0]
            i += step[1]
          }
        }
      }
    }
    return result
  }

  private func gather<S: BinaryFloatingPoint, T: BinaryFloatingPoint>(
    _ source: S.Type, as type: T.Type
  ) -> [T] {
    var result: [T] = []
    result.reserveCapacity(count)
    let walk = StridedWalk(shape: shape, operands: [stridedOperand])
    let step = walk.innerStrides[0]
    storage.withUnsafeBufferPointer(as: S.self) { src in
      walk.forEachRow { starts, length in
        var i = starts[0]
        for _ in 0..<length {
          result.append(T(src[i]))
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
