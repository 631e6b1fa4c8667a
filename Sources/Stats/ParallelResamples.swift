import Dispatch

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

/// Fills `values[b]` with `body(b)` for every `b`, the indices split into
/// at most `threads` contiguous chunks that run concurrently.
///
/// `body` must compute its value from `b` alone (a resample's stream is
/// keyed by its index), so the result does not depend on `threads`.
func fillConcurrently(_ values: inout [Double], threads: Int, _ body: @Sendable (Int) -> Double) {
  let count = values.count
  let chunks = max(1, min(threads, count))
  values.withUnsafeMutableBufferPointer { buffer in
    let output = SendableBuffer(base: buffer.baseAddress!)
    if chunks == 1 {
      for b in 0..<count { output.base[b] = body(b) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      for b in count * chunk / chunks..<count * (chunk + 1) / chunks { output.base[b] = body(b) }
    }
  }
}

/// A pointer that crosses into `fillConcurrently`'s worker threads.
///
/// `@unchecked Sendable` is sound under `fillConcurrently`'s contract: each
/// chunk writes only the elements of its own disjoint range, and the call
/// returns only after every chunk has finished, so no element is touched by
/// two threads and nothing outlives the buffer.
struct SendableBuffer<Element>: @unchecked Sendable {
  let base: UnsafeMutablePointer<Element>
}
