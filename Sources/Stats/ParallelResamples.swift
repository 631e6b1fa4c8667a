import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The number of threads resampling loops use by default:
/// `GROUNDWORK_THREADS` from the environment if it is a positive integer
/// (as for the tensor kernels), else the number of online processors.
public let defaultResampleThreads: Int = {
  #if canImport(Glibc) || canImport(Darwin)
    if let text = getenv("GROUNDWORK_THREADS"), let value = Int(String(cString: text)), value > 0 {
      return value
    }
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #else
    return 1
  #endif
}()

/// Fills `values[b]` with `body(b)` for every `b`, on at most `threads`
/// threads at once.
///
/// The workers claim blocks of `block` consecutive indices from a shared
/// counter until none are left, so a worker that the system slows down
/// leaves its share to the others instead of holding up the result.
/// `body` must compute its value from `b` alone (a resample's stream is
/// keyed by its index), so the result does not depend on `threads` or on
/// which worker computed what.
func fillConcurrently(
  _ values: inout [Double], threads: Int, block: Int = 8, _ body: @Sendable (Int) -> Double
) {
  let count = values.count
  let workers = max(1, min(threads, (count + block - 1) / block))
  values.withUnsafeMutableBufferPointer { buffer in
    let output = SendableBuffer(base: buffer.baseAddress!)
    if workers == 1 {
      for b in 0..<count { output.base[b] = body(b) }
      return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let start = next.add(block, ordering: .relaxed).oldValue
        if start >= count { break }
        for b in start..<min(count, start + block) { output.base[b] = body(b) }
      }
    }
  }
}

/// A pointer that crosses into `fillConcurrently`'s worker threads.
///
/// `@unchecked Sendable` is sound under `fillConcurrently`'s contract: each
/// index belongs to the one block a single worker claimed from the atomic
/// counter, so no element is written by two threads, and the call returns
/// only after every worker has finished (which also publishes their writes
/// to the caller), so nothing outlives the buffer.
struct SendableBuffer<Element>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Element>
}
