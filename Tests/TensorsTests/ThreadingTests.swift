import Testing
@testable import Tensors

/// Large element-wise operations split across threads must give exactly
/// the single-threaded bits.
@Suite struct ThreadingTests {
  static let threadCounts = [2, 3, 7]

  /// The bit patterns of a float32 tensor, so that comparisons are exact
  /// even for NaN.
  func bits(_ t: Tensor) -> [UInt32] {
    t.contiguous().storage.withUnsafeBufferPointer(as: Float.self) { $0.map(\.bitPattern) }
  }

  @Test func binaryKernelsAreBitIdenticalForAnyThreadCount() {
    var rng = RandomGenerator(seed: 21)
    let a = rng.normal([300, 400])
    let row = rng.normal([400])
    let views: [(Tensor, Tensor)] = [
      (a, a),                                  // contiguous, one long row
      (a, row),                                // broadcast row
      (a.transposed(), a.transposed()),        // strided
      (a[.stride(by: 2), .range(3..<400)], row[.range(0..<397)]),  // partial rows at chunk edges
    ]
    for (x, y) in views {
      let shape = try! broadcastShape(x.shape, y.shape).get()
      let reference = Tensor.broadcastingMap(x, y, shape: shape, threads: 1, FloatingDivide<Float>())
      for threads in Self.threadCounts {
        let split = Tensor.broadcastingMap(x, y, shape: shape, threads: threads, FloatingDivide<Float>())
        #expect(bits(split) == bits(reference), "\(threads) threads, shapes \(x.shape) and \(y.shape)")
      }
      #expect(bits(x / y) == bits(reference))
    }
  }

  @Test func unaryKernelsAreBitIdenticalForAnyThreadCount() {
    var rng = RandomGenerator(seed: 22)
    let a = rng.normal([70_001])
    let reference = a.map(threads: 1) { (x: Float) in Float.exp(x) }
    for threads in Self.threadCounts {
      #expect(bits(a.map(threads: threads) { (x: Float) in Float.exp(x) }) == bits(reference))
    }
    // The vectorised exp kernel, whose runs start at any lane.
    let vector = a.map(threads: 1, ExponentialKernel<Float>())
    for threads in Self.threadCounts {
      #expect(bits(a.map(threads: threads, ExponentialKernel<Float>())) == bits(vector))
    }
    #expect(bits(a.exp()) == bits(vector))
  }

  @Test func walkingElementRangesCoversEachElementOnce() {
    // A [3, 5] walk with a transposed operand, cut into ranges that start
    // and end inside rows, visits the same offsets as the whole walk.
    let walk = StridedWalk(
      shape: [3, 5],
      operands: [StridedOperand(strides: [5, 1], offset: 0), StridedOperand(strides: [1, 3], offset: 2)]
    )
    func offsets(_ ranges: [Range<Int>]) -> [[Int]] {
      var visited: [[Int]] = []
      let step = walk.innerStrides
      for range in ranges {
        walk.forEachRow(elements: range) { starts, length in
          for t in 0..<length { visited.append([starts[0] + t * step[0], starts[1] + t * step[1]]) }
        }
      }
      return visited
    }
    let whole = offsets([0..<15])
    #expect(whole.map { $0[0] } == Array(0..<15))
    #expect(offsets([0..<4, 4..<7, 7..<7, 7..<15]) == whole)
    #expect(offsets([0..<1, 1..<14, 14..<15]) == whole)
  }

  @Test func contiguousAxesAreMergedIntoOneRow() {
    let walk = StridedWalk(
      shape: [4, 1, 6], operands: [StridedOperand(strides: [6, 6, 1], offset: 0)]
    )
    #expect(walk.shape == [24])
    let broadcast = StridedWalk(
      shape: [4, 6], operands: [StridedOperand(strides: [6, 1], offset: 0), StridedOperand(strides: [0, 1], offset: 0)]
    )
    #expect(broadcast.shape == [4, 6])
  }
}

/// Reductions split across threads must give exactly the single-threaded bits.
@Suite struct ReductionThreadingTests {
  @Test func parallelPairwiseSumIsBitIdentical() {
    var rng = RandomGenerator(seed: 23)
    for count in [17, 1000, 100_003, 1_000_000] {
      let t = rng.normal([count]) * 1000 + 0.1
      t.storage.withUnsafeBufferPointer(as: Float.self) { buffer in
        let sequential = pairwiseSum(buffer.baseAddress!, count: count, stride: 1)
        for threads in [2, 3, 4, 7] {
          let split = pairwiseSum(buffer.baseAddress!, count: count, stride: 1, threads: threads)
          #expect(split.bitPattern == sequential.bitPattern, "\(count) elements, \(threads) threads")
        }
      }
    }
  }

  @Test func fullSumsOfLongTensorsMatchTheSequentialTree() {
    var rng = RandomGenerator(seed: 24)
    let t = rng.normal([300_000], dtype: .float64)
    let sequential = t.storage.withUnsafeBufferPointer(as: Double.self) {
      pairwiseSum($0.baseAddress!, count: 300_000, stride: 1)
    }
    #expect(t.sum().item().bitPattern == sequential.bitPattern)
    #expect(t.mean().item().bitPattern == (sequential / 300_000).bitPattern)
  }

  @Test func reductionsOverManyOutputsAreBitIdentical() {
    var rng = RandomGenerator(seed: 25)
    let t = rng.normal([500, 300])
    for axes in [[0], [1]] {
      let layout = t.reductionLayout(axes, keepDims: false, context: "test")
      let reference = layout.reduce(threads: 1) { (x: UnsafePointer<Float>, n, s) -> Float in
        pairwiseSum(x, count: n, stride: s)
      }
      for threads in [2, 5] {
        let split = layout.reduce(threads: threads) { (x: UnsafePointer<Float>, n, s) -> Float in
          pairwiseSum(x, count: n, stride: s)
        }
        #expect(split.scalars(as: Double.self) == reference.scalars(as: Double.self), "axes \(axes), \(threads) threads")
      }
      #expect(t.sum(axes: axes).scalars(as: Double.self) == reference.scalars(as: Double.self))
    }
  }
}
