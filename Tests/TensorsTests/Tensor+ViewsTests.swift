import Testing
@testable import Tensors

@Suite struct TensorViewsTests {
  /// 0, 1, …, 23 in shape [2, 3, 4]: element [i, j, k] is 12i + 4j + k.
  static let cube = Tensor((0..<24).map(Double.init), shape: [2, 3, 4])

  // MARK: Permute and transpose

  @Test func permutedMovesShapeAndStridesTogether() {
    let p = Self.cube.permuted([2, 0, 1])
    #expect(p.shape == [4, 2, 3])
    #expect(p.strides == [1, 12, 4])
    #expect(p.storage === Self.cube.storage)
    for k in 0..<4 { for i in 0..<2 { for j in 0..<3 {
      #expect(p[k, i, j] == Double(12 * i + 4 * j + k))
    } } }
    #expect(Self.cube.permuted([-1, 0, 1]).shape == [4, 2, 3])
  }

  @Test func transposedSwapsTwoAxes() {
    let t = Self.cube.transposed(0, -1)
    #expect(t.shape == [4, 3, 2])
    #expect(t[3, 2, 1] == 23)
    #expect(t[1, 0, 1] == 13)
    #expect(t.transposed(0, 2).scalars(as: Double.self) == Self.cube.scalars(as: Double.self))
  }

  @Test func notAPermutationTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 3]).permuted([0, 0])
    }
  }

  // MARK: Squeeze, unsqueeze, expand

  @Test func unsqueezeAndSqueezeAreInverse() {
    let v = Tensor([1, 2, 3], shape: [3])
    #expect(v.unsqueezed(at: 0).shape == [1, 3])
    #expect(v.unsqueezed(at: -1).shape == [3, 1])
    #expect(v.unsqueezed(at: 1).shape == [3, 1])
    #expect(v.unsqueezed(at: 0).isContiguous)
    let w = v.unsqueezed(at: 0).unsqueezed(at: -1)
    #expect(w.shape == [1, 3, 1])
    #expect(w.squeezed().shape == [3])
    #expect(w.squeezed([0]).shape == [3, 1])
    #expect(w.squeezed([-1]).shape == [1, 3])
    #expect(w.squeezed().storage === v.storage)
  }

  @Test func squeezingALongAxisTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 1]).squeezed([0])
    }
  }

  @Test func expandedRepeatsWithZeroStride() {
    let column = Tensor([1, 2], shape: [2, 1])
    let e = column.expanded(to: [3, 2, 4])
    #expect(e.shape == [3, 2, 4])
    #expect(e.strides == [0, 1, 0])
    #expect(e.storage === column.storage)
    #expect(e.scalars(as: Double.self) == Array(repeating: [1, 1, 1, 1, 2, 2, 2, 2], count: 3).flatMap { $0 })
    #expect(!e.isContiguous)
    #expect(e.contiguous().strides == [8, 4, 1])
  }

  @Test func writingToAnExpandedViewChangesOneElement() {
    // The view holds the only reference to its storage, yet one write
    // must not show up in every repeated position.
    var e = Tensor([7], shape: [1]).expanded(to: [3])
    e[1] = 0
    #expect(e.scalars(as: Double.self) == [7, 0, 7])
  }

  @Test func expandingToAnIncompatibleShapeTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 3]).expanded(to: [2, 4])
    }
  }

  // MARK: Slicing

  @Test func pythonSliceSemantics() {
    // Each row checked against Python's list(range(5))[slice].
    #expect(resolveSlice(start: 1, stop: 4, step: 1, length: 5) == (1, 3))      // [1, 2, 3]
    #expect(resolveSlice(start: nil, stop: nil, step: -1, length: 5) == (4, 5))  // [4, 3, 2, 1, 0]
    #expect(resolveSlice(start: -2, stop: nil, step: 1, length: 5) == (3, 2))    // [3, 4]
    #expect(resolveSlice(start: 10, stop: nil, step: 1, length: 5).count == 0)   // []
    #expect(resolveSlice(start: nil, stop: nil, step: 2, length: 5) == (0, 3))   // [0, 2, 4]
    #expect(resolveSlice(start: 3, stop: 0, step: -1, length: 5) == (3, 3))     // [3, 2, 1]
    #expect(resolveSlice(start: nil, stop: -7, step: -1, length: 5) == (4, 5))  // [4, 3, 2, 1, 0]
    #expect(resolveSlice(start: 4, stop: 1, step: -2, length: 5) == (4, 2))     // [4, 2]
    #expect(resolveSlice(start: 0, stop: 5, step: 3, length: 0).count == 0)
  }

  @Test func integerIndexRemovesTheAxis() {
    let row = Self.cube[1, .all]
    #expect(row.shape == [3, 4])
    #expect(row.offset == 12)
    #expect(row.storage === Self.cube.storage)
    #expect(row[2, 3] == 23)
    #expect(Self.cube[-1, -1].scalars(as: Double.self) == [20, 21, 22, 23])
    #expect(Self.cube[.at(0), .at(1), .at(2)].shape == [])
    #expect(Self.cube[.at(0), .at(1), .at(2)].item() == 6)
  }

  @Test func rangesAndSteps() {
    let s = Self.cube[.all, .range(1..<3), .stride(by: 2)]
    #expect(s.shape == [2, 2, 2])
    #expect(s.strides == [12, 4, 2])
    #expect(s.scalars(as: Double.self) == [4, 6, 8, 10, 16, 18, 20, 22])
    let r = Self.cube[0, 0, .stride(by: -1)]
    #expect(r.strides == [-1])
    #expect(r.scalars(as: Double.self) == [3, 2, 1, 0])
    #expect(Self.cube[0, .range(0...1), .range(1..<4, step: 2)].scalars(as: Double.self) == [1, 3, 5, 7])
    #expect(Self.cube[0, .range(5..<9)].shape == [0, 4])
  }

  @Test func newAxisAndEllipsis() {
    #expect(Self.cube[.newAxis].shape == [1, 2, 3, 4])
    #expect(Self.cube[.ellipsis, .newAxis].shape == [2, 3, 4, 1])
    #expect(Self.cube[.ellipsis, 0].shape == [2, 3])
    #expect(Self.cube[.ellipsis, 0].scalars(as: Double.self) == [0, 4, 8, 12, 16, 20])
    #expect(Self.cube[1, .ellipsis, .newAxis, 2].shape == [3, 1])
    #expect(Self.cube[1, .ellipsis, .newAxis, 2].scalars(as: Double.self) == [14, 18, 22])
  }

  @Test func tooManyIndicesTrap() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 2])[.at(0), .at(0), .at(0)]
    }
  }

  @Test func contiguousCopiesOnlyStridedSlices() {
    let row = Self.cube[.at(1), .at(2)]
    #expect(row.isContiguous)
    #expect(row.contiguous().storage === Self.cube.storage)
    let every2nd = Self.cube[.ellipsis, .stride(by: 2)]
    #expect(!every2nd.isContiguous)
    #expect(every2nd.contiguous().storage !== Self.cube.storage)
  }

  @Test func opsReadSlicesInPlace() {
    let a = Self.cube[.all, 1, .range(1..<3)]  // [[5, 6], [17, 18]]
    #expect((a + a).scalars(as: Double.self) == [10, 12, 34, 36])
    #expect(a.sum().item() == 46)
    #expect(a.sum(axis: 0).scalars(as: Double.self) == [22, 24])
  }

  @Test func writingToASliceLeavesTheBaseIntact() {
    var s = Self.cube[.at(0), .at(0)]
    s[0] = 100
    #expect(Self.cube[0, 0, 0] == 0)
    #expect(s.scalars(as: Double.self) == [100, 1, 2, 3])
  }
}
