import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes behind one or more tensors: a single raw allocation of
/// `count` elements of one dtype.
///
/// Several `Tensor` values may share one storage (a transposed view, a
/// reshaped view, a plain copy of the struct). Each tensor reads it through
/// its own shape, strides and offset; only the storage knows how many bytes
/// there are.
///
/// All allocation and deallocation goes through `allocate(byteCount:)` and
/// `deallocate(_:byteCount:)`, which report to `MemoryTracker`: live and
/// peak bytes per tag, and the log of the enclosing `withMemoryTracking`
/// scope.
///
/// `@unchecked Sendable` is sound here because of how `Tensor` uses the
/// class: storage is written only while a tensor holds the sole reference
/// to it (checked with `isKnownUniquelyReferenced` before every write, which
/// copies first when the storage is shared), or while it is being filled
/// right after allocation, before any other value can see it. Storage that
/// two tensors, and therefore possibly two threads, can reach is never
/// mutated, so concurrent reads are race-free.
final class TensorStorage: @unchecked Sendable {
  /// The element type of every element in the allocation.
  let dtype: DType
  /// The number of elements the allocation holds.
  let count: Int
  /// The start of the allocation, bound to `dtype.storedType`.
  private let base: UnsafeMutableRawPointer
  /// The `withMemoryTracking` scope in effect at allocation, if any.
  let scope: MemoryScope?
  /// Why the storage was allocated, for the memory log.
  let reason: String
  /// The row of the tag the bytes are counted under. Changed only under
  /// `MemoryTracker`'s lock, and atomic so that a retag to the tag the
  /// storage already has (a parameter after every update) can be told
  /// apart without taking the lock.
  private let tagSlot: Atomic<Int>

  /// The tag the bytes are counted under.
  var tag: MemoryTag {
    get { MemoryTag(slot: tagSlot.load(ordering: .relaxed)) }
    set { tagSlot.store(newValue.slot, ordering: .relaxed) }
  }

  /// The size of the allocation in bytes.
  var byteCount: Int { count * dtype.byteSize }

  /// Allocates room for `count` elements of `dtype`, all set to zero
  /// unless `zeroed` is false.
  ///
  /// Zero-filling costs one pass over the memory but means no tensor can
  /// ever show uninitialised bytes, and it makes `Tensor.zeros` free.
  /// Kernels that overwrite every element of their result pass
  /// `zeroed: false` and save that pass (on a memory-bound `a + b` it is a
  /// quarter of the traffic); they must write every element before the
  /// storage is seen by anyone.
  ///
  /// - Parameters:
  ///   - count: The number of elements.
  ///   - dtype: Their type.
  ///   - reason: Why, for the memory log (`"result"` for an op's output).
  ///   - zeroed: Whether to fill with zeros.
  init(count: Int, dtype: DType, reason: String = "result", zeroed: Bool = true) {
    precondition(count >= 0, "TensorStorage: negative element count \(count)")
    self.dtype = dtype
    self.count = count
    self.reason = reason
    scope = MemoryScope.forNewStorage
    tagSlot = Atomic(MemoryTag.forNewStorage.slot)
    base = Self.allocate(byteCount: count * dtype.byteSize)
    // Binding the memory to its element type once, here, is what makes the
    // `assumingMemoryBound` calls in the accessors below well defined.
    switch dtype {
    case .float32: prepare(Float.self, zeroed: zeroed)
    case .float64: prepare(Double.self, zeroed: zeroed)
    case .float16: prepare(Float16.self, zeroed: zeroed)
    case .bfloat16: prepare(BFloat16.self, zeroed: zeroed)
    case .int32: prepare(Int32.self, zeroed: zeroed)
    case .bool: prepare(Bool.self, zeroed: zeroed)
    }
    MemoryTracker.shared.allocated(self)
  }

  /// Binds the memory to `T` (all six stored types are trivial, so binding
  /// without initialising is allowed), and zero-fills it if asked.
  private func prepare<T: TensorScalar>(_ type: T.Type, zeroed: Bool) {
    if zeroed {
      base.initializeMemory(as: T.self, repeating: T.zero, count: count)
    } else {
      base.bindMemory(to: T.self, capacity: count)
    }
  }

  deinit {
    MemoryTracker.shared.released(self)
    Self.deallocate(base, byteCount: byteCount)
  }

  /// Calls `body` with a read-only view of every element.
  ///
  /// - Parameters:
  ///   - type: The Swift scalar type; must be the stored type of `dtype`.
  ///   - body: A closure that must not let the pointer escape.
  /// - Returns: Whatever `body` returns.
  func withUnsafeBufferPointer<T, R>(
    as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
  ) rethrows -> R {
    checkType(T.self)
    let typed = base.assumingMemoryBound(to: T.self)
    return try body(UnsafeBufferPointer(start: typed, count: count))
  }

  /// Calls `body` with a writable view of every element.
  ///
  /// Callers must hold the only reference to this storage (or have just
  /// allocated it): see the type's discussion of why that keeps sharing safe.
  ///
  /// - Parameters:
  ///   - type: The Swift scalar type; must be the stored type of `dtype`.
  ///   - body: A closure that must not let the pointer escape.
  /// - Returns: Whatever `body` returns.
  func withUnsafeMutableBufferPointer<T, R>(
    as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
  ) rethrows -> R {
    checkType(T.self)
    let typed = base.assumingMemoryBound(to: T.self)
    return try body(UnsafeMutableBufferPointer(start: typed, count: count))
  }

  /// A new storage with the same dtype and a byte-for-byte copy of the
  /// elements.
  func copy() -> TensorStorage {
    let result = TensorStorage(count: count, dtype: dtype, reason: "storage copy")
    result.base.copyMemory(from: base, byteCount: byteCount)
    return result
  }

  private func checkType<T>(_ type: T.Type) {
    precondition(
      T.self == dtype.storedType,
      "TensorStorage: \(dtype) elements read as \(T.self)"
    )
  }

  // MARK: - The single allocation point

  /// Cache-line alignment for tensors from `alignedThreshold` bytes up:
  /// enough for any SIMD load BLAS may issue, and it keeps tensors that
  /// threads write side by side from sharing a cache line.
  private static let alignment = 64

  /// Below this size a tensor takes malloc's own 16-byte alignment. Small
  /// tensors are never split across threads, and an over-aligned request
  /// goes through `posix_memalign`, which on glibc costs about as much as
  /// the whole of a small element-wise operation.
  private static let alignedThreshold = 4096

  /// Allocations from this size up ask the kernel for transparent huge
  /// pages (as NumPy does for its arrays from 4 MiB).
  private static let hugePageThreshold = 4 << 20

  /// Every tensor allocation in the module comes from here.
  ///
  /// Straight from the C allocator, freed with `free`: Swift's
  /// `UnsafeMutableRawPointer.allocate` sends any explicit alignment,
  /// 16 bytes included, through the aligned-allocation path.
  private static func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
    // A zero-byte request still returns a unique, freeable pointer.
    let size = max(byteCount, 1)
    var pointer: UnsafeMutableRawPointer?
    if size < alignedThreshold {
      pointer = malloc(size)
    } else if posix_memalign(&pointer, alignment, size) != 0 {
      pointer = nil
    }
    guard let pointer else { fatalError("TensorStorage: out of memory allocating \(byteCount) bytes") }
    #if os(Linux)
      if byteCount >= hugePageThreshold { adviseHugePages(pointer, byteCount: byteCount) }
    #endif
    return pointer
  }

  #if os(Linux)
    /// Asks for 2 MiB pages under a large allocation (`madvise` with
    /// `MADV_HUGEPAGE`).
    ///
    /// A large tensor is freshly mapped memory, and each 4 KiB page of it
    /// costs a page fault on first touch: for the 40 MB result of a 10⁷
    /// element `a + b` that is ten thousand faults, a good part of the
    /// operation's time. With huge pages it is twenty. Where transparent
    /// huge pages are off, or the advice fails, nothing changes but speed.
    /// Only the whole pages inside the allocation are advised.
    private static func adviseHugePages(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
      let page = Int(sysconf(Int32(_SC_PAGESIZE)))
      let start = (Int(bitPattern: pointer) + page - 1) / page * page
      let end = (Int(bitPattern: pointer) + byteCount) / page * page
      guard page > 0, end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(aligned, end - start, MADV_HUGEPAGE)
    }
  #endif

  /// Every tensor deallocation in the module comes from here.
  private static func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
    free(pointer)
  }
}
