import Testing
@testable import Tensors

@Suite struct TensorTests {
  // MARK: Creation

  @Test func floatInitIsRowMajor() {
    let t = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    #expect(t.dtype == .float32)
    #expect(t.shape == [2, 3])
    #expect(t.strides == [3, 1])
    #expect(t.offset == 0)
    #expect(t.count == 6)
    #expect(t.rank == 2)
    #expect(t.isContiguous)
    #expect(t.scalars(as: Float.self) == [1, 2, 3, 4, 5, 6])
    #expect(t[1, 0] == 4)
    #expect(t[0, 2] == 3)
  }

  @Test func doubleInitKeepsEveryBit() {
    let t = Tensor([0.1, -2.5, 1e300], shape: [3])
    #expect(t.dtype == .float64)
    #expect(t.scalars(as: Double.self) == [0.1, -2.5, 1e300])
  }

  @Test(arguments: [DType.float32, .float64])
  func zerosAndOnes(dtype: DType) {
    let z = Tensor.zeros([2, 2], dtype: dtype)
    let o = Tensor.ones([3], dtype: dtype)
    #expect(z.dtype == dtype && o.dtype == dtype)
    #expect(z.scalars(as: Double.self) == [0, 0, 0, 0])
    #expect(o.scalars(as: Double.self) == [1, 1, 1])
  }

  @Test(arguments: [DType.float32, .float64])
  func repeatingFill(dtype: DType) {
    let t = Tensor(shape: [2, 1, 2], dtype: dtype, repeating: -1.5)
    #expect(t.shape == [2, 1, 2])
    #expect(t.scalars(as: Double.self) == [-1.5, -1.5, -1.5, -1.5])
  }

  @Test(arguments: [DType.float32, .float64])
  func scalarTensorIsZeroDimensional(dtype: DType) {
    let t = Tensor(scalar: 2.5, dtype: dtype)
    #expect(t.shape == [])
    #expect(t.strides == [])
    #expect(t.rank == 0)
    #expect(t.count == 1)
    #expect(t.item() == 2.5)
    #expect(t[] == 2.5)
  }

  @Test func defaultDTypeIsFloat32() {
    #expect(Tensor.zeros([1]).dtype == .float32)
    #expect(Tensor(scalar: 1).dtype == .float32)
  }

  @Test func itemWorksForAnyOneElementShape() {
    #expect(Tensor([7] as [Float], shape: [1, 1, 1]).item() == 7)
  }

  @Test func emptyTensor() {
    let t = Tensor([] as [Double], shape: [0, 3])
    #expect(t.count == 0)
    #expect(t.isContiguous)
    #expect(t.scalars(as: Double.self) == [])
  }

  @Test func scalarCountMismatchTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([1, 2, 3] as [Float], shape: [2, 2])
    }
  }

  @Test func itemOnManyElementsTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2]).item()
    }
  }

  @Test func outOfRangeIndexTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 2])[2, 0]
    }
  }

  // MARK: Views

  @Test func transposedIsAViewWithSwappedStrides() {
    let a = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let t = a.transposed()
    #expect(t.shape == [3, 2])
    #expect(t.strides == [1, 3])
    #expect(t.storage === a.storage)
    #expect(!t.isContiguous)
    #expect(t.scalars(as: Double.self) == [1, 4, 2, 5, 3, 6])
    #expect(t[2, 1] == 6)
    #expect(t[0, 1] == 4)
  }

  @Test func contiguousCopiesOnlyWhenNeeded() {
    let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
    #expect(a.contiguous().storage === a.storage)
    let t = a.transposed().contiguous()
    #expect(t.storage !== a.storage)
    #expect(t.isContiguous)
    #expect(t.strides == [2, 1])
    #expect(t.scalars(as: Double.self) == [1, 4, 2, 5, 3, 6])
  }

  @Test func lengthOneAxesDoNotBreakContiguity() {
    // A [1, 3] row transposed is a [3, 1] column: only the stride of the
    // length-1 axis is unusual, so it is still dense.
    let row = Tensor([1, 2, 3] as [Float], shape: [1, 3])
    #expect(row.transposed().isContiguous)
  }

  @Test func reshapedSharesStorageWhenContiguous() {
    let a = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let r = a.reshaped([3, 2])
    #expect(r.storage === a.storage)
    #expect(r.shape == [3, 2])
    #expect(r.strides == [2, 1])
    #expect(r[2, 0] == 5)
    #expect(a.reshaped([-1]).shape == [6])
    #expect(a.reshaped([3, -1]).shape == [3, 2])
    #expect(a.reshaped([1, 6, 1]).shape == [1, 6, 1])
    #expect(Tensor(scalar: 3).reshaped([1, 1]).shape == [1, 1])
  }

  @Test func reshapingATransposedViewUsesLogicalOrder() {
    let a = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let r = a.transposed().reshaped([6])
    #expect(r.scalars(as: Double.self) == [1, 4, 2, 5, 3, 6])
  }

  @Test func reshapeToWrongCountTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 3]).reshaped([4, 2])
    }
  }

  @Test func reshapeWithTwoWildcardsTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 3]).reshaped([-1, -1])
    }
  }

  // MARK: Conversion

  @Test func float64ToFloat32Rounds() {
    let t = Tensor([0.1, 1e40], shape: [2]).converted(to: .float32)
    #expect(t.dtype == .float32)
    // 0.1 has no exact binary form; float32 keeps 24 bits of it.
    #expect(t.scalars(as: Double.self)[0] == 0.100000001490116119384765625)
    #expect(t.scalars(as: Double.self)[1] == .infinity)
  }

  @Test func float32ToFloat64IsExact() {
    let t = Tensor([0.1] as [Float], shape: [1]).converted(to: .float64)
    #expect(t.dtype == .float64)
    #expect(t.item() == 0.100000001490116119384765625)
  }

  @Test func convertingToTheSameDTypeOfAContiguousTensorShares() {
    let a = Tensor.ones([3])
    #expect(a.converted(to: .float32).storage === a.storage)
  }

  @Test func convertingAViewFollowsLogicalOrder() {
    let a = Tensor([1, 2, 3, 4], shape: [2, 2]).transposed().converted(to: .float32)
    #expect(a.scalars(as: Float.self) == [1, 3, 2, 4])
    #expect(a.isContiguous)
  }

  @Test func scalarsAsFloatRoundsFloat64() {
    #expect(Tensor([0.1], shape: [1]).scalars(as: Float.self) == [Float(0.1)])
  }

  // MARK: Copy on write

  @Test(arguments: [DType.float32, .float64])
  func mutatingACopyLeavesTheOriginalIntact(dtype: DType) {
    let original = makeTensor([1, 2, 3, 4], shape: [2, 2], dtype: dtype)
    var copy = original
    #expect(copy.storage === original.storage)
    copy[0, 1] = 20
    #expect(copy.storage !== original.storage)
    #expect(original.scalars(as: Double.self) == [1, 2, 3, 4])
    #expect(copy.scalars(as: Double.self) == [1, 20, 3, 4])
  }

  @Test func writingThroughAViewDoesNotChangeItsBase() {
    // In PyTorch `b = a.T; b[0, 1] = 9` would change a[1, 0]. Here the view
    // gets its own storage on first write.
    let a = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    var b = a.transposed()
    b[0, 1] = 9
    #expect(a.scalars(as: Double.self) == [1, 2, 3, 4])
    #expect(b.scalars(as: Double.self) == [1, 9, 2, 4])
  }

  @Test func uniqueTensorIsWrittenInPlace() {
    var a = Tensor.zeros([3])
    let before = ObjectIdentifier(a.storage)
    a[1] = 5
    #expect(ObjectIdentifier(a.storage) == before)
    #expect(a.scalars(as: Double.self) == [0, 5, 0])
  }

  @Test func setterRoundsToDType() {
    var a = Tensor.zeros([1], dtype: .float32)
    a[0] = 0.1
    #expect(a[0] == Double(Float(0.1)))
  }

  @Test func copiesAreSendableAcrossTasks() async {
    let a = Tensor([1, 2, 3] as [Float], shape: [3])
    let total = await withTaskGroup(of: Double.self) { group in
      for _ in 0..<4 { group.addTask { a.scalars(as: Double.self).reduce(0, +) } }
      return await group.reduce(0, +)
    }
    #expect(total == 24)
  }
}

@Suite struct TensorLiteralTests {
  @Test func untypedLiteralBuildsFloat64() {
    #expect(Tensor([1, 2], shape: [2]).dtype == .float64)
    #expect(Tensor([1, 2] as [Float], shape: [2]).dtype == .float32)
  }
}
