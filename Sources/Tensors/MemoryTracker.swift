import Synchronization

/// What a block of tensor memory is for: the categories a training step's
/// memory divides into, plus any name a learner chooses.
///
/// Storage takes the tag in effect where it is allocated (see
/// `withMemoryTag(_:_:)`, default `.untagged`); `Tensor.tagged(_:)` moves it
/// to another tag later.
public struct MemoryTag: Hashable, Sendable, CustomStringConvertible {
  /// The built-in tags' names, in the order of their fixed rows: the
  /// tags every tensor operation reads are constants, not lazily made.
  static let builtInNames = ["parameter", "gradient", "optimizerState", "activation", "temporary", "untagged"]

  /// The tag's name, as reports print it.
  public var name: String { MemoryTagRegistry.name(at: slot) }
  /// The tag's row in the tracker's counters: every tag of the same name
  /// gets the same row, once, when it is made. The tracker counts every
  /// allocation and release of the process, so it indexes an array with
  /// this instead of hashing the tag into a dictionary each time. It is
  /// all a tag holds (the name lives in the registry), so that the tag
  /// every storage carries is copied without reference counting.
  let slot: Int

  /// A tag with a name of your own: `MemoryTag("kv-cache")`.
  public init(_ name: String) {
    slot = MemoryTagRegistry.slot(for: name)
  }

  /// Tags with the same name are the same tag.
  public static func == (lhs: MemoryTag, rhs: MemoryTag) -> Bool {
    lhs.slot == rhs.slot
  }

  /// Hashes the tag's row, which stands for its name.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(slot)
  }

  /// Weights and biases: live for the whole run.
  public static var parameter: MemoryTag { MemoryTag(slot: 0) }
  /// Gradients of the parameters: one per parameter during training.
  public static var gradient: MemoryTag { MemoryTag(slot: 1) }
  /// Optimizer state, such as Adam's two moment estimates per parameter.
  public static var optimizerState: MemoryTag { MemoryTag(slot: 2) }
  /// Intermediate results kept for the backward pass.
  public static var activation: MemoryTag { MemoryTag(slot: 3) }
  /// Scratch results freed within the operation or step that made them.
  public static var temporary: MemoryTag { MemoryTag(slot: 4) }
  /// Storage allocated outside any `withMemoryTag` scope.
  public static var untagged: MemoryTag { MemoryTag(slot: 5) }

  /// The name.
  public var description: String { name }

  /// The tag new storage receives on this task.
  @TaskLocal static var current: MemoryTag = .untagged

  /// Whether `withMemoryTag` has ever run in this process. Until it has,
  /// no task can have a tag bound, and new storage is `.untagged` without
  /// the task-local lookup (a measurable share of a small tensor
  /// operation). Set before the first binding and never cleared, so a
  /// task that inherited a binding (even one outliving its scope) always
  /// looks it up.
  static let everBound = Atomic(false)

  /// The tag new storage receives on this task: `current`, read only when
  /// some tag has ever been bound.
  static var forNewStorage: MemoryTag {
    everBound.load(ordering: .relaxed) ? current : .untagged
  }
}

/// The rows of the tracker's counters: one per distinct tag name, in the
/// order the names were first used.
enum MemoryTagRegistry {
  private static let table = Mutex<(slots: [String: Int], names: [String])>(
    (Dictionary(uniqueKeysWithValues: MemoryTag.builtInNames.enumerated().map { ($1, $0) }), MemoryTag.builtInNames))

  /// The row of `name`, made on first use.
  static func slot(for name: String) -> Int {
    table.withLock { table in
      if let slot = table.slots[name] { return slot }
      table.names.append(name)
      table.slots[name] = table.names.count - 1
      return table.names.count - 1
    }
  }

  /// The name of the tag whose row is `slot`.
  static func name(at slot: Int) -> String {
    table.withLock { $0.names[slot] }
  }

  /// The tag whose row is `slot`.
  static func tag(at slot: Int) -> MemoryTag {
    MemoryTag(slot: slot)
  }
}

extension MemoryTag {
  /// A tag whose row is already known.
  init(slot: Int) {
    self.slot = slot
  }
}

/// Runs `body` with every tensor storage it allocates tagged `tag`
/// (on this task and the child tasks it starts).
///
/// ```swift
/// let w = withMemoryTag(.parameter) { Tensor.zeros([1024, 1024]) }
/// ```
public func withMemoryTag<R>(_ tag: MemoryTag, _ body: () throws -> R) rethrows -> R {
  MemoryTag.everBound.store(true, ordering: .relaxed)
  return try MemoryTag.$current.withValue(tag, operation: body)
}

/// The `async` form of `withMemoryTag(_:_:)`.
public func withMemoryTag<R>(_ tag: MemoryTag, _ body: () async throws -> R) async rethrows -> R {
  MemoryTag.everBound.store(true, ordering: .relaxed)
  return try await MemoryTag.$current.withValue(tag, operation: body)
}

extension Tensor {
  /// This tensor with its storage counted under `tag` from now on (the
  /// storage's live bytes move from their old tag to `tag`). Every view
  /// sharing the storage moves with it.
  public func tagged(_ tag: MemoryTag) -> Tensor {
    MemoryTracker.shared.retag(storage, to: tag)
    return self
  }

  /// The tag the storage under this tensor is counted under.
  public var memoryTag: MemoryTag {
    MemoryTracker.shared.tag(of: storage)
  }
}

/// Allocation counts and byte totals for one tag, or for everything.
public struct MemoryUsage: Sendable, Equatable {
  /// How many storages were allocated.
  public var allocations = 0
  /// How many of them were released.
  public var releases = 0
  /// Bytes allocated in total (released or not).
  public var allocatedBytes = 0
  /// Bytes allocated and not yet released.
  public var liveBytes = 0
  /// The largest `liveBytes` ever reached.
  public var peakBytes = 0

  mutating func allocate(_ bytes: Int) {
    allocations += 1
    allocatedBytes += bytes
    liveBytes += bytes
    peakBytes = Swift.max(peakBytes, liveBytes)
  }

  mutating func release(_ bytes: Int) {
    releases += 1
    liveBytes -= bytes
  }
}

/// One line of a memory log: a storage allocated or released.
public struct MemoryEvent: Sendable, Equatable {
  /// Whether the storage was allocated or released.
  public enum Kind: String, Sendable {
    /// The storage was allocated.
    case allocate
    /// The storage was released: the last tensor using it went away.
    case release
  }
  /// Allocated or released.
  public var kind: Kind
  /// The storage's size in bytes.
  public var bytes: Int
  /// The tag it was counted under at that moment.
  public var tag: MemoryTag
  /// The element type.
  public var dtype: DType
  /// Why the storage was made: `"result"` for an operation's output,
  /// `"contiguous() copy"`, `"copy on write"`, `"converted(to:)"`, ….
  public var reason: String
  /// All live bytes of the scope right after this event.
  public var liveBytesAfter: Int
}

/// What a `withMemoryTracking` scope saw: the storages allocated inside it,
/// on its task and its child tasks, and their releases.
///
/// The numbers are exact. Swift frees a storage the moment its last
/// reference goes (reference counting, no garbage collector), so a release
/// is recorded exactly when the memory goes back. Storage allocated before
/// the scope is not counted, even if released inside it.
public struct MemoryReport: Sendable, CustomStringConvertible {
  /// Everything, all tags together.
  public var total = MemoryUsage()
  /// The same numbers per tag.
  public var byTag: [MemoryTag: MemoryUsage] = [:]
  /// Every allocation and release, in order.
  public var events: [MemoryEvent] = []

  /// A table: one row per tag, largest peak first, then the total.
  public var description: String {
    let rows = byTag.sorted { ($0.value.peakBytes, $0.key.name) > ($1.value.peakBytes, $1.key.name) }
    var lines = [pad("tag", 16) + pad("allocs", 8, right: true) + pad("frees", 8, right: true)
      + pad("live bytes", 14, right: true) + pad("peak bytes", 14, right: true)]
    for (tag, usage) in rows + [(MemoryTag("total"), total)] {
      lines.append(
        pad(tag.name, 16) + pad(String(usage.allocations), 8, right: true)
          + pad(String(usage.releases), 8, right: true) + pad(String(usage.liveBytes), 14, right: true)
          + pad(String(usage.peakBytes), 14, right: true))
    }
    return lines.joined(separator: "\n")
  }

  private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
    return right ? fill + text : text + fill
  }
}

/// Runs `body` and reports every tensor storage allocated and released
/// inside it.
///
/// ```swift
/// let (_, report) = withMemoryTracking {
///   let a = Tensor.zeros([1000])          // 4000 bytes
///   _ = (a + 1).sum()   // + 4 for the scalar 1 (freed after +),
///                       // + 4000 for a + 1, + 4 for the sum
/// }
/// report.total.peakBytes                  // 8004
/// report.total.liveBytes                  // 0: everything was freed
/// ```
///
/// Scopes nest: an inner scope's allocations count in the outer one too.
/// Thread-safe: allocations on other tasks, outside the scope, are not
/// counted, and each count is updated under a lock.
///
/// - Returns: `body`'s result and the report, taken when `body` returns
///   (so storage in the result is still live in it).
public func withMemoryTracking<R>(_ body: () throws -> R) rethrows -> (result: R, report: MemoryReport) {
  MemoryScope.everBound.store(true, ordering: .relaxed)
  let scope = MemoryScope(parent: MemoryScope.current)
  let result = try MemoryScope.$current.withValue(scope, operation: body)
  return (result, scope.report)
}

/// The `async` form of `withMemoryTracking(_:)`: child tasks that `body`
/// starts are counted too.
public func withMemoryTracking<R>(
  _ body: () async throws -> R
) async rethrows -> (result: R, report: MemoryReport) {
  MemoryScope.everBound.store(true, ordering: .relaxed)
  let scope = MemoryScope(parent: MemoryScope.current)
  let result = try await MemoryScope.$current.withValue(scope, operation: body)
  return (result, scope.report)
}

/// The process-wide memory counters: every tensor storage since launch,
/// all tasks together.
public var memoryStatistics: MemoryReport {
  MemoryTracker.shared.statistics
}

/// A `withMemoryTracking` scope: its counters, updated under a lock.
final class MemoryScope: Sendable {
  let parent: MemoryScope?
  private let state = Mutex(MemoryReport())

  init(parent: MemoryScope?) {
    self.parent = parent
  }

  /// The scope storage allocated on this task belongs to.
  @TaskLocal static var current: MemoryScope?

  /// Whether `withMemoryTracking` has ever run in this process; until it
  /// has, new storage belongs to no scope without a task-local lookup
  /// (see `MemoryTag.everBound`).
  static let everBound = Atomic(false)

  /// The scope new storage belongs to: `current`, read only when some
  /// scope has ever been opened.
  static var forNewStorage: MemoryScope? {
    everBound.load(ordering: .relaxed) ? current : nil
  }

  var report: MemoryReport { state.withLock { $0 } }

  func record(_ kind: MemoryEvent.Kind, bytes: Int, tag: MemoryTag, dtype: DType, reason: String) {
    state.withLock { report in
      switch kind {
      case .allocate:
        report.total.allocate(bytes)
        report.byTag[tag, default: MemoryUsage()].allocate(bytes)
      case .release:
        report.total.release(bytes)
        report.byTag[tag, default: MemoryUsage()].release(bytes)
      }
      report.events.append(
        MemoryEvent(kind: kind, bytes: bytes, tag: tag, dtype: dtype, reason: reason, liveBytesAfter: report.total.liveBytes))
    }
    parent?.record(kind, bytes: bytes, tag: tag, dtype: dtype, reason: reason)
  }

  func retag(bytes: Int, from old: MemoryTag, to new: MemoryTag) {
    state.withLock { report in
      report.byTag[old, default: MemoryUsage()].liveBytes -= bytes
      report.byTag[new, default: MemoryUsage()].liveBytes += bytes
      report.byTag[new]!.peakBytes = Swift.max(report.byTag[new]!.peakBytes, report.byTag[new]!.liveBytes)
    }
    parent?.retag(bytes: bytes, from: old, to: new)
  }
}

/// The one place storage allocations and releases are counted.
///
/// `TensorStorage` calls `allocated` from its initialiser and `released`
/// from its `deinit`; both run under one lock, so the counters are exact
/// even when tensors are freed on other threads. A storage's current tag
/// lives in the storage itself and is read and written only under this
/// lock.
final class MemoryTracker: Sendable {
  static let shared = MemoryTracker()

  /// The process-wide counters: the total, and one row per tag slot (nil
  /// for a tag that has never been counted, which the report leaves out).
  private struct Counters {
    var total = MemoryUsage()
    var byTag: [MemoryUsage?] = []

    /// The row of `slot`, made on first use.
    mutating func update(_ slot: Int, _ change: (inout MemoryUsage) -> Void) {
      if slot >= byTag.count { byTag += [MemoryUsage?](repeating: nil, count: slot + 1 - byTag.count) }
      var usage = byTag[slot] ?? MemoryUsage()
      change(&usage)
      byTag[slot] = usage
    }
  }

  private let state = Mutex(Counters())

  var statistics: MemoryReport {
    let counters = state.withLock { $0 }
    var report = MemoryReport()
    report.total = counters.total
    for (slot, usage) in counters.byTag.enumerated() {
      if let usage { report.byTag[MemoryTagRegistry.tag(at: slot)] = usage }
    }
    return report
  }

  func allocated(_ storage: TensorStorage) {
    let bytes = storage.byteCount
    let tag = state.withLock { counters in
      counters.total.allocate(bytes)
      counters.update(storage.tag.slot) { $0.allocate(bytes) }
      return storage.tag
    }
    storage.scope?.record(.allocate, bytes: bytes, tag: tag, dtype: storage.dtype, reason: storage.reason)
  }

  func released(_ storage: TensorStorage) {
    let bytes = storage.byteCount
    let tag = state.withLock { counters in
      counters.total.release(bytes)
      counters.update(storage.tag.slot) { $0.release(bytes) }
      return storage.tag
    }
    storage.scope?.record(.release, bytes: bytes, tag: tag, dtype: storage.dtype, reason: storage.reason)
  }

  func retag(_ storage: TensorStorage, to new: MemoryTag) {
    // Nothing moves when the tag is the same: the common case of a
    // parameter tagged again after every optimizer step, answered
    // without the lock.
    if storage.tag == new { return }
    let bytes = storage.byteCount
    let old = state.withLock { counters in
      let old = storage.tag
      storage.tag = new
      counters.update(old.slot) { $0.liveBytes -= bytes }
      counters.update(new.slot) { usage in
        usage.liveBytes += bytes
        usage.peakBytes = Swift.max(usage.peakBytes, usage.liveBytes)
      }
      return old
    }
    if old != new {
      storage.scope?.retag(bytes: bytes, from: old, to: new)
    }
  }

  func tag(of storage: TensorStorage) -> MemoryTag {
    state.withLock { _ in storage.tag }
  }
}
