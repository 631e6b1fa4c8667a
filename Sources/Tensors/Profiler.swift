import Synchronization

/// What `profile { }` measured for one kind of operation.
public struct OpProfile: Sendable, Equatable {
  /// The operation: `"+"`, `"exp"`, `"sum"`, `"matmul"`, ….
  public var name: String
  /// How many times it ran.
  public var calls = 0
  /// Wall-clock time spent in it, in seconds, all calls together.
  public var seconds = 0.0
  /// Floating-point operations, by the usual count: one per element for
  /// element-wise operations (a transcendental such as `exp` counts as
  /// one), one per input element for reductions, 2·m·n·k per matrix
  /// product.
  public var flops = 0
  /// Bytes of the operands' elements (each element counted once, however
  /// often broadcasting reuses it).
  public var bytesRead = 0
  /// Bytes of the results.
  public var bytesWritten = 0

  /// FLOPs per byte moved: the x-axis of a roofline plot. Below the
  /// machine's FLOP/s ÷ bandwidth ratio an operation is memory-bound.
  public var arithmeticIntensity: Double {
    let bytes = bytesRead + bytesWritten
    return bytes == 0 ? 0 : Double(flops) / Double(bytes)
  }

  /// Achieved billions of floating-point operations per second.
  public var gigaflopsPerSecond: Double { seconds == 0 ? 0 : Double(flops) / seconds / 1e9 }

  /// Achieved gigabytes per second of operand and result traffic.
  public var gigabytesPerSecond: Double {
    seconds == 0 ? 0 : Double(bytesRead + bytesWritten) / seconds / 1e9
  }
}

/// What `profile { }` measured: one row per operation.
public struct ProfileReport: Sendable, CustomStringConvertible {
  /// The operations, most time first.
  public var ops: [OpProfile]

  /// The row for `name`, if that operation ran.
  public subscript(name: String) -> OpProfile? {
    ops.first { $0.name == name }
  }

  /// A table sorted by time: calls, milliseconds, FLOPs, bytes, arithmetic
  /// intensity, GFLOP/s and GB/s per operation.
  public var description: String {
    let header = ["op", "calls", "ms", "MFLOP", "MB", "FLOP/B", "GFLOP/s", "GB/s"]
    let rows = ops.map { op in
      [
        op.name, String(op.calls), fixed(op.seconds * 1e3, 3), fixed(Double(op.flops) / 1e6, 2),
        fixed(Double(op.bytesRead + op.bytesWritten) / 1e6, 2), fixed(op.arithmeticIntensity, 3),
        fixed(op.gigaflopsPerSecond, 2), fixed(op.gigabytesPerSecond, 2),
      ]
    }
    let table = [header] + rows
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    return table.map { row in
      row.indices.map { column in
        let cell = row[column]
        let fill = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + fill : fill + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  private func fixed(_ value: Double, _ decimals: Int) -> String {
    ScalarFormat(style: .fixed(decimals: decimals)).string(for: value)
  }
}

/// Runs `body` and reports, per tensor operation, how often it ran, how
/// long it took and how much it computed and moved.
///
/// ```swift
/// let (_, report) = profile {
///   let y = matmul(x, w) + b
///   _ = y.relu().sum()
/// }
/// print(report)   // matmul, +, relu, sum: calls, ms, GFLOP/s, GB/s …
/// ```
///
/// Only the outermost operation is recorded: `softmax` shows as one row,
/// not as the `max`, `-`, `exp`, `sum` and `/` it is built from, so the
/// times add up. Operations on other tasks are not recorded (child tasks
/// of `body` are). Times are wall-clock, from `ContinuousClock`.
public func profile<R>(_ body: () throws -> R) rethrows -> (result: R, report: ProfileReport) {
  let session = ProfileSession()
  ProfileSession.everBound.store(true, ordering: .relaxed)
  let result = try ProfileSession.$current.withValue(session, operation: body)
  return (result, session.report)
}

/// The counters of one `profile { }` call, updated under a lock.
final class ProfileSession: Sendable {
  private let rows = Mutex<[String: OpProfile]>([:])

  /// The session operations on this task record into.
  @TaskLocal static var current: ProfileSession?
  /// Whether an operation is already being timed on this task, so that the
  /// operations it is built from are not recorded a second time.
  @TaskLocal static var insideOperation = false

  /// Whether `profile { }` has ever run in this process. Until it has, no
  /// task can be profiling, and `profiled` runs an operation without
  /// looking up a task-local (see `MemoryTag.everBound`).
  static let everBound = Atomic(false)

  var report: ProfileReport {
    let all = rows.withLock { Array($0.values) }
    return ProfileReport(ops: all.sorted { ($0.seconds, $0.name) > ($1.seconds, $1.name) })
  }

  func record(_ name: String, seconds: Double, flops: Int, bytesRead: Int, bytesWritten: Int) {
    rows.withLock { rows in
      rows[name, default: OpProfile(name: name)].calls += 1
      rows[name]!.seconds += seconds
      rows[name]!.flops += flops
      rows[name]!.bytesRead += bytesRead
      rows[name]!.bytesWritten += bytesWritten
    }
  }
}

/// Runs one tensor operation, timing and counting it when a `profile { }`
/// is active on this task and no enclosing operation is being timed.
///
/// - Parameters:
///   - name: The operation's row in the report.
///   - flops: Its floating-point operation count.
///   - bytesRead: Bytes of operand elements it reads.
///   - body: The operation; its result's bytes count as written.
@inline(__always)
func profiled(_ name: String, flops: Int, bytesRead: Int, _ body: () -> Tensor) -> Tensor {
  guard ProfileSession.everBound.load(ordering: .relaxed), let session = ProfileSession.current,
    !ProfileSession.insideOperation
  else {
    return body()
  }
  let clock = ContinuousClock()
  let start = clock.now
  let result = ProfileSession.$insideOperation.withValue(true) { body() }
  let elapsed = clock.now - start
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  session.record(
    name, seconds: seconds, flops: flops, bytesRead: bytesRead,
    bytesWritten: result.count * result.dtype.byteSize)
  return result
}

extension Tensor {
  /// The bytes of this tensor's elements: what an operation reading each
  /// element once moves.
  var elementBytes: Int { count * dtype.byteSize }
}
