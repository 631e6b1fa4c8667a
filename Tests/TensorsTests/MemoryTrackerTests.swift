import Testing
@testable import Tensors

/// The tracker's counts, checked against sequences worked out by hand.
///
/// Every test measures inside its own `withMemoryTracking` scope, so tests
/// running in parallel on other tasks do not disturb the numbers.
@Suite struct MemoryTrackerTests {
  @Test func allocateReleaseSequenceByHand() {
    let (_, report) = withMemoryTracking {
      let a = Tensor.zeros([1000])                               // +4000 → 4000
      var b: Tensor? = Tensor.zeros([500], dtype: .float64)      // +4000 → 8000 (peak)
      withExtendedLifetime(b) {}
      b = nil                                                    // −4000 → 4000
      let c = Tensor.zeros([10], dtype: .bfloat16)               // +20 → 4020
      withExtendedLifetime(a) {}
      withExtendedLifetime(c) {}
    }
    #expect(report.total.allocations == 3)
    #expect(report.total.releases == 3)
    #expect(report.total.allocatedBytes == 8020)
    #expect(report.total.peakBytes == 8000)
    #expect(report.total.liveBytes == 0)
    let firstFour = report.events.prefix(4).map { "\($0.kind.rawValue) \($0.bytes) → \($0.liveBytesAfter)" }
    #expect(firstFour == ["allocate 4000 → 4000", "allocate 4000 → 8000", "release 4000 → 4000", "allocate 20 → 4020"])
    // Allocated and released bytes sum to zero.
    let net = report.events.reduce(0) { $0 + ($1.kind == .allocate ? $1.bytes : -$1.bytes) }
    #expect(net == 0)
  }

  @Test func theDocumentedExample() {
    let (_, report) = withMemoryTracking {
      let a = Tensor.zeros([1000])  // 4000 bytes
      _ = (a + 1).sum()             // + 4 for the scalar 1, + 4000 for a + 1, + 4 for the sum
    }
    #expect(report.total.peakBytes == 8004)
    #expect(report.total.liveBytes == 0)
    #expect(report.total.allocations == 4)
  }

  @Test func resultStillLiveWhenTheScopeEnds() {
    let (kept, report) = withMemoryTracking { Tensor.zeros([3, 4], dtype: .int32) }
    #expect(report.total.liveBytes == 48)
    #expect(kept.count == 12)
  }

  @Test func tagsFollowTheScopeAndRetagging() {
    let (_, report) = withMemoryTracking {
      let w = withMemoryTag(.parameter) { Tensor.zeros([256]) }  // 1024 bytes
      #expect(w.memoryTag == .parameter)
      let g = Tensor.zeros([256]).tagged(.gradient)
      #expect(g.memoryTag == .gradient)
      let cache = withMemoryTag(MemoryTag("kv-cache")) { Tensor.zeros([8], dtype: .float16) }
      withExtendedLifetime((w, g, cache)) {}
    }
    #expect(report.byTag[.parameter]?.peakBytes == 1024)
    #expect(report.byTag[.gradient]?.peakBytes == 1024)
    #expect(report.byTag[.untagged]?.allocations == 1)  // g, before it was retagged
    #expect(report.byTag[.untagged]?.liveBytes == 0)
    #expect(report.byTag[MemoryTag("kv-cache")]?.allocatedBytes == 16)
    #expect(report.byTag.values.allSatisfy { $0.liveBytes == 0 })
    #expect(report.description.contains("parameter"))
  }

  @Test func taggingAgainWithTheSameTagChangesNothing() {
    let (_, report) = withMemoryTracking {
      let w = Tensor.zeros([64]).tagged(.parameter)
      _ = w.tagged(.parameter).tagged(.parameter)
      #expect(w.memoryTag == .parameter)
      // A different tag still moves the bytes, and the names still read.
      _ = w.tagged(.optimizerState)
      #expect(w.memoryTag == .optimizerState && w.memoryTag.name == "optimizerState")
    }
    #expect(report.byTag[.parameter]?.peakBytes == 256 && report.byTag[.parameter]?.liveBytes == 0)
    #expect(report.byTag[.optimizerState]?.peakBytes == 256)
    // The built-in tags are fixed rows of the registry, each under its own name.
    let builtIn: [MemoryTag] = [.parameter, .gradient, .optimizerState, .activation, .temporary, .untagged]
    #expect(builtIn.map(\.name) == ["parameter", "gradient", "optimizerState", "activation", "temporary", "untagged"])
    #expect(builtIn.allSatisfy { MemoryTag($0.name) == $0 })
  }

  @Test func viewsAllocateNothingAndContiguousSaysWhenItCopies() {
    let a = Tensor.zeros([4, 6])
    let (_, views) = withMemoryTracking {
      _ = a.transposed().permuted([1, 0])[.all, .stride(by: 2)].expanded(to: [3, 4, 3])
      _ = a.reshaped([6, 4]).unsqueezed(at: 0).squeezed()
      _ = a.contiguous()
    }
    #expect(views.total.allocations == 0)
    let (_, copy) = withMemoryTracking { _ = a.transposed().contiguous() }
    #expect(copy.events.map(\.reason) == ["contiguous() copy", "contiguous() copy"])
    #expect(copy.total.peakBytes == 96)
  }

  @Test func matmulOfTransposedViewsCopiesNothing() {
    let a = Tensor.zeros([64, 32])
    let b = Tensor.zeros([64, 16])
    let (_, report) = withMemoryTracking { _ = matmul(a.transposed(), b) }
    // Only the [32, 16] result: 2048 bytes.
    #expect(report.total.allocations == 1)
    #expect(report.total.allocatedBytes == 32 * 16 * 4)
    let batch = Tensor.zeros([5, 64, 32])
    let (_, batched) = withMemoryTracking { _ = matmul(batch.transposed(1, 2), b) }
    #expect(batched.total.allocations == 1)
  }

  @Test func nestedScopesCountInTheOuterScope() {
    let (inner, outer) = withMemoryTracking {
      let x = Tensor.zeros([10])
      let (_, inner) = withMemoryTracking { _ = Tensor.zeros([20]) }
      withExtendedLifetime(x) {}
      return inner
    }
    #expect(inner.total.allocatedBytes == 80)
    #expect(outer.total.allocatedBytes == 120)
    #expect(outer.total.peakBytes == 120)
  }

  @Test func countsStayExactAcrossConcurrentTasks() async {
    let (_, report) = await withMemoryTracking {
      await withTaskGroup(of: Void.self) { group in
        for _ in 0..<8 {
          group.addTask {
            for _ in 0..<100 { _ = Tensor.zeros([100]) }
          }
        }
      }
    }
    #expect(report.total.allocations == 800)
    #expect(report.total.releases == 800)
    #expect(report.total.allocatedBytes == 800 * 400)
    #expect(report.total.liveBytes == 0)
    #expect(report.total.peakBytes >= 400 && report.total.peakBytes <= 8 * 400)
  }

  @Test func processWideStatisticsGrow() {
    let before = memoryStatistics.total.allocations
    let t = Tensor.zeros([1])
    withExtendedLifetime(t) {}
    #expect(memoryStatistics.total.allocations > before)
    #expect(memoryStatistics.total.peakBytes >= memoryStatistics.total.liveBytes)
  }
}
