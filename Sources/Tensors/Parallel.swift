import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs `body` over `0..<count` split into at most `threads` contiguous
/// chunks, concurrently, and returns when every chunk is done.
///
/// The split is a pure function of `count` and `threads`, and kernels built
/// on it must compute each element from its index alone (never from what
/// another chunk did), which is what makes their results bit-identical for
/// every thread count.
///
/// - Parameters:
///   - count: The number of elements.
///   - threads: How many chunks at most; 1 runs `body` once, inline.
///   - body: Called once per chunk with its range of indices.
func parallelChunks(count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
  let chunks = Swift.max(1, Swift.min(threads, count))
  if chunks == 1 {
    body(0..<count)
    return
  }
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    body(count * chunk / chunks..<count * (chunk + 1) / chunks)
  }
}

/// The number of threads parallel kernels use: `GROUNDWORK_THREADS` from
/// the environment if set to a positive integer (like `OMP_NUM_THREADS`),
/// else the number of online processors.
let defaultThreadCount: Int = {
  #if canImport(Glibc) || canImport(Darwin)
    if let text = getenv("GROUNDWORK_THREADS"), let value = Int(String(cString: text)), value > 0 {
      return value
    }
    return Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #else
    return 1
  #endif
}()

/// Element counts from which element-wise kernels split their work across
/// threads: below it, starting threads costs more than it saves.
let parallelElementThreshold = 1 << 16

/// A value that may cross into `parallelChunks`' worker threads although
/// its type is not `Sendable`: the pointers and pure kernel closures of an
/// element-wise kernel.
///
/// `@unchecked Sendable` is sound only under `parallelChunks`' contract:
/// each chunk writes the elements of its own range and nothing else,
/// chunks are disjoint, the kernels' closures only compute from their
/// arguments (every closure in this module captures immutable values
/// only), and the call returns only after every chunk has finished, so no
/// element is touched by two threads and nothing outlives the buffers.
struct UncheckedSendable<Value>: @unchecked Sendable {
  var value: Value
}
