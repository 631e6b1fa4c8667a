import RealModule

extension Tensor {
  /// log-softmax along the last axis of a contiguous float32 or float64
  /// tensor, one row at a time, in one new tensor.
  ///
  /// The same arithmetic as the composed `(x − m) − log Σ exp(x − m)`
  /// (the maximum m, a NaN in the row winning as `max` has it; each
  /// exponential computed as `exp()` computes it; the row summed pairwise
  /// as `sum` does), without the five intermediate tensors the composition makes:
  /// on a classifier's logits those allocations and passes, not the
  /// arithmetic, were the cost. Rows are independent, so large tensors
  /// split them across threads with bit-identical results.
  ///
  /// Callers check: contiguous, at least one axis, a non-empty last axis.
  func lastAxisLogSoftmax<T: BinaryFloatingPoint & SIMDScalar & Real & FloatingStorage>(_ type: T.Type) -> Tensor {
    let width = shape[rank - 1]
    let rows = count / width
    let result = Tensor(uninitialized: shape, dtype: dtype)
    storage.withUnsafeBufferPointer(as: T.self) { input in
      result.storage.withUnsafeMutableBufferPointer(as: T.self) { output in
        let pointers = UncheckedSendable(value: (input.baseAddress! + offset, output.baseAddress!))
        let threads = count >= parallelElementThreshold ? defaultThreadCount : 1
        parallelChunks(count: rows, threads: threads) { range in
          let (x, z) = pointers.value
          for row in range {
            let (xr, zr) = (x + row * width, z + row * width)
            var m = xr[0]
            if !m.isNaN {
              for t in 1..<width where xr[t] > m || xr[t].isNaN {
                m = xr[t]
                if m.isNaN { break }
              }
            }
            // The exponentials go into the output row first, to be summed;
            // through the same kernel as `exp()`.
            for t in 0..<width { zr[t] = xr[t] - m }
            T.exponential(zr, zr, count: width)
            let logSum = T.log(pairwiseSum(UnsafePointer(zr), count: width, stride: 1))
            for t in 0..<width { zr[t] = (xr[t] - m) - logSum }
          }
        }
      }
    }
    return result
  }
}
