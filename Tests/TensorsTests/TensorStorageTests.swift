import Testing
@testable import Tensors

@Suite struct TensorStorageTests {
  @Test(arguments: DType.allCases)
  func newStorageIsZeroFilled(dtype: DType) {
    let storage = TensorStorage(count: 5, dtype: dtype)
    #expect(storage.count == 5)
    #expect(storage.byteCount == 5 * dtype.byteSize)
    let t = Tensor(storage: storage, shape: [5], strides: [1], offset: 0)
    #expect(t.scalars(as: Double.self) == [0, 0, 0, 0, 0])
  }

  @Test func copyIsIndependent() {
    let original = TensorStorage(count: 3, dtype: .float64)
    original.withUnsafeMutableBufferPointer(as: Double.self) { buffer in
      buffer[0] = 1
      buffer[1] = 2
      buffer[2] = 3
    }
    let copy = original.copy()
    copy.withUnsafeMutableBufferPointer(as: Double.self) { $0[1] = 20 }
    #expect(original.withUnsafeBufferPointer(as: Double.self) { Array($0) } == [1, 2, 3])
    #expect(copy.withUnsafeBufferPointer(as: Double.self) { Array($0) } == [1, 20, 3])
    #expect(copy.dtype == .float64)
  }

  @Test func emptyStorageIsValid() {
    let storage = TensorStorage(count: 0, dtype: .float32)
    #expect(storage.byteCount == 0)
    #expect(storage.withUnsafeBufferPointer(as: Float.self) { $0.count } == 0)
    #expect(storage.copy().count == 0)
  }

  @Test func readingWithTheWrongTypeTraps() async {
    await #expect(processExitsWith: .failure) {
      let storage = TensorStorage(count: 2, dtype: .float32)
      _ = storage.withUnsafeBufferPointer(as: Double.self) { $0[0] }
    }
  }
}
