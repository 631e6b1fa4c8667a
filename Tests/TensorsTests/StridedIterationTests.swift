import Testing
@testable import Tensors

@Suite struct StridedIterationTests {
  /// Every element offset visited, operand by operand, in visiting order.
  private func visited(_ walk: StridedWalk) -> [[Int]] {
    var result = [[Int]](repeating: [], count: walk.operands.count)
    let step = walk.innerStrides
    walk.forEachRow { starts, length in
      for k in starts.indices {
        for i in 0..<length { result[k].append(starts[k] + i * step[k]) }
      }
    }
    return result
  }

  @Test func rowMajorStridesAreProductsOfLaterLengths() {
    #expect(rowMajorStrides(for: [2, 3, 4]) == [12, 4, 1])
    #expect(rowMajorStrides(for: [5]) == [1])
    #expect(rowMajorStrides(for: []) == [])
  }

  @Test func elementCounts() {
    #expect(elementCount(of: [2, 3, 4]) == 24)
    #expect(elementCount(of: []) == 1)
    #expect(elementCount(of: [3, 0]) == 0)
  }

  @Test func walkVisitsRowMajorOrderForAnyStrides() {
    // A [2, 3] walk over a dense operand and over the transpose of a dense
    // [3, 2] one (strides [1, 2]), which starts at offset 10.
    let walk = StridedWalk(
      shape: [2, 3],
      operands: [
        StridedOperand(strides: [3, 1], offset: 0),
        StridedOperand(strides: [1, 2], offset: 10),
      ]
    )
    let offsets = visited(walk)
    #expect(offsets[0] == [0, 1, 2, 3, 4, 5])
    #expect(offsets[1] == [10, 12, 14, 11, 13, 15])
  }

  @Test func zeroStrideRepeatsAnElement() {
    // A [3] vector broadcast down the rows of a [2, 3] result, and a [2, 1]
    // column broadcast across its columns.
    let walk = StridedWalk(
      shape: [2, 3],
      operands: [
        StridedOperand(strides: [0, 1], offset: 0),
        StridedOperand(strides: [1, 0], offset: 0),
      ]
    )
    let offsets = visited(walk)
    #expect(offsets[0] == [0, 1, 2, 0, 1, 2])
    #expect(offsets[1] == [0, 0, 0, 1, 1, 1])
  }

  @Test func rankThreeWalkCarriesAcrossAxes() {
    let walk = StridedWalk(shape: [2, 2, 2], operands: [StridedOperand(strides: [1, 2, 4], offset: 0)])
    #expect(visited(walk)[0] == [0, 4, 2, 6, 1, 5, 3, 7])
  }

  @Test func scalarWalkVisitsOneElement() {
    let walk = StridedWalk(shape: [], operands: [StridedOperand(strides: [], offset: 7)])
    #expect(visited(walk)[0] == [7])
  }

  @Test func emptyWalkVisitsNothing() {
    let walk = StridedWalk(shape: [3, 0, 2], operands: [StridedOperand(strides: [0, 2, 1], offset: 0)])
    #expect(visited(walk)[0] == [])
  }
}

/// `rowMajorStrides` keeps the arrays of recent shapes; what it returns
/// must not depend on what it saw before, nor on which thread asks.
@Suite struct RecentStridesTests {
  /// The strides written out: each axis the product of the lengths after it.
  func expected(_ shape: [Int]) -> [Int] {
    shape.indices.map { axis in shape[(axis + 1)...].reduce(1) { $0 * Swift.max($1, 1) } }
  }

  @Test func manyShapesInTurnGiveTheirOwnStrides() {
    // More shapes than the cache holds, each asked for several times.
    let shapes: [[Int]] = (0..<40).map { i in [i % 5 + 1, i % 7, i % 3 + 2] } + [[], [9], [0, 4], [2, 3, 4, 5]]
    for _ in 0..<3 {
      for shape in shapes { #expect(rowMajorStrides(for: shape) == expected(shape), "\(shape)") }
    }
  }

  @Test func concurrentCallersAgree() async {
    await withTaskGroup(of: Bool.self) { group in
      for task in 0..<8 {
        group.addTask {
          (0..<500).allSatisfy { i in
            let shape = [task + 1, i % 13 + 1, 3]
            return rowMajorStrides(for: shape) == [(i % 13 + 1) * 3, 3, 1]
          }
        }
      }
      for await agreed in group { #expect(agreed) }
    }
  }
}
