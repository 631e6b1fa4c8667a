import Testing
@testable import Tensors

@Suite struct TensorArithmeticTests {
  static let dtypes: [DType] = [.float32, .float64]

  @Test(arguments: dtypes)
  func columnPlusRowBroadcastsToMatrix(dtype: DType) {
    // [2, 1] + [3]: the column repeats across 3 columns, the row down 2 rows.
    let column = makeTensor([1, 2], shape: [2, 1], dtype: dtype)
    let row = makeTensor([10, 20, 30], shape: [3], dtype: dtype)
    let sum = column + row
    #expect(sum.shape == [2, 3])
    #expect(sum.dtype == dtype)
    #expect(sum.scalars(as: Double.self) == [11, 21, 31, 12, 22, 32])
    #expect((row + column).scalars(as: Double.self) == [11, 21, 31, 12, 22, 32])
  }

  @Test(arguments: dtypes)
  func fourOperationsAgainstABroadcastRow(dtype: DType) {
    let m = makeTensor([2, 4, 6, 8, 10, 12], shape: [2, 3], dtype: dtype)
    let v = makeTensor([1, 2, 4], shape: [3], dtype: dtype)
    #expect((m + v).scalars(as: Double.self) == [3, 6, 10, 9, 12, 16])
    #expect((m - v).scalars(as: Double.self) == [1, 2, 2, 7, 8, 8])
    #expect((m * v).scalars(as: Double.self) == [2, 8, 24, 8, 20, 48])
    #expect((m / v).scalars(as: Double.self) == [2, 2, 1.5, 8, 5, 3])
  }

  @Test(arguments: dtypes)
  func rankThreeBroadcast(dtype: DType) {
    // [2, 1, 3] + [4, 1] → [2, 4, 3]; element [i, j, k] = a[i, 0, k] + b[j, 0].
    let a = makeTensor([0, 1, 2, 100, 101, 102], shape: [2, 1, 3], dtype: dtype)
    let b = makeTensor([0, 10, 20, 30], shape: [4, 1], dtype: dtype)
    let c = a + b
    #expect(c.shape == [2, 4, 3])
    #expect(c[0, 0, 0] == 0)
    #expect(c[0, 2, 1] == 21)
    #expect(c[1, 3, 2] == 132)
    #expect(c[1, 1, 0] == 110)
  }

  @Test(arguments: dtypes)
  func opsReadATransposedViewInPlace(dtype: DType) {
    // a = [[1, 2, 3], [4, 5, 6]], so aᵀ = [[1, 4], [2, 5], [3, 6]].
    let a = makeTensor([1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: dtype)
    let at = a.transposed()
    let b = makeTensor([10, 20, 30, 40, 50, 60], shape: [3, 2], dtype: dtype)
    #expect((at + b).scalars(as: Double.self) == [11, 24, 32, 45, 53, 66])
    #expect((b - at).scalars(as: Double.self) == [9, 16, 28, 35, 47, 54])
    #expect((at * at).scalars(as: Double.self) == [1, 16, 4, 25, 9, 36])
    // A transposed view broadcast against a row: [3, 2] + [2].
    let row = makeTensor([100, 200], shape: [2], dtype: dtype)
    #expect((at + row).scalars(as: Double.self) == [101, 204, 102, 205, 103, 206])
  }

  @Test(arguments: dtypes)
  func scalarOnEitherSide(dtype: DType) {
    let t = makeTensor([1, 2, 4], shape: [3], dtype: dtype)
    #expect((t + 1).scalars(as: Double.self) == [2, 3, 5])
    #expect((1 + t).scalars(as: Double.self) == [2, 3, 5])
    #expect((t - 1).scalars(as: Double.self) == [0, 1, 3])
    #expect((1 - t).scalars(as: Double.self) == [0, -1, -3])
    #expect((t * 3).scalars(as: Double.self) == [3, 6, 12])
    #expect((3 * t).scalars(as: Double.self) == [3, 6, 12])
    #expect((t / 2).scalars(as: Double.self) == [0.5, 1, 2])
    #expect((2 / t).scalars(as: Double.self) == [2, 1, 0.5])
    #expect((t + 1).dtype == dtype)
  }

  @Test func scalarIsRoundedToTheTensorsDType() {
    let t = Tensor.zeros([1], dtype: .float32) + 0.1
    #expect(t.dtype == .float32)
    #expect(t.item() == Double(Float(0.1)))
  }

  @Test(arguments: dtypes)
  func negationFlipsSignsIncludingZero(dtype: DType) {
    let t = makeTensor([1, -2, 0], shape: [3], dtype: dtype)
    let n = -t
    #expect(n.scalars(as: Double.self) == [-1, 2, 0])
    #expect(n[2].sign == .minus)
    #expect((-t.reshaped([3, 1]).transposed()).shape == [1, 3])
  }

  @Test func divisionByZeroFollowsIEEE() {
    let t = Tensor([1, -1, 0], shape: [3]) / 0
    let values = t.scalars(as: Double.self)
    #expect(values[0] == .infinity)
    #expect(values[1] == -.infinity)
    #expect(values[2].isNaN)
  }

  @Test func scalarTensorsCombine() {
    let t = Tensor(scalar: 2, dtype: .float64) * Tensor(scalar: 3, dtype: .float64)
    #expect(t.shape == [])
    #expect(t.item() == 6)
  }

  @Test func emptyOperandsGiveEmptyResult() {
    let t = Tensor.zeros([0, 3]) + Tensor.ones([3])
    #expect(t.shape == [0, 3])
    #expect(t.count == 0)
  }

  // MARK: Broadcasting rule

  @Test func broadcastShapes() throws {
    #expect(try broadcastShape([2, 1], [3]).get() == [2, 3])
    #expect(try broadcastShape([], [4, 5]).get() == [4, 5])
    #expect(try broadcastShape([5, 1, 7], [6, 1]).get() == [5, 6, 7])
    #expect(try broadcastShape([0], [1]).get() == [0])
    #expect(try broadcastShape([], []).get() == [])
  }

  @Test func mismatchNamesTheAxisFromTheRight() {
    guard case .failure(let mismatch) = broadcastShape([2, 3], [4]) else {
      Issue.record("[2, 3] and [4] must not broadcast")
      return
    }
    #expect(mismatch.axis == -1)
    guard case .failure(let inner) = broadcastShape([2, 3, 4], [5, 4]) else {
      Issue.record("[2, 3, 4] and [5, 4] must not broadcast")
      return
    }
    #expect(inner.axis == -2)
  }

  @Test func mismatchMessageDrawsBothShapes() {
    guard case .failure(let mismatch) = broadcastShape([2, 3], [4]) else {
      Issue.record("[2, 3] and [4] must not broadcast")
      return
    }
    #expect(
      mismatch.description == """
        cannot broadcast shapes [2, 3] and [4]
          lhs  2  3
          rhs     4
                  ^ axis -1: 3 vs 4 (lengths must be equal, or one of them 1)
        """
    )
  }

  @Test func mismatchMessageAlignsWideColumns() {
    guard case .failure(let mismatch) = broadcastShape([128, 10, 3], [7, 3]) else {
      Issue.record("[128, 10, 3] and [7, 3] must not broadcast")
      return
    }
    #expect(
      mismatch.description == """
        cannot broadcast shapes [128, 10, 3] and [7, 3]
          lhs  128  10  3
          rhs        7  3
                     ^ axis -2: 10 vs 7 (lengths must be equal, or one of them 1)
        """
    )
  }

  @Test func shapeMismatchTraps() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
    }
    // Optimised builds drop precondition messages; debug builds print them.
    #if DEBUG
      let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
      #expect(stderr.contains("+: cannot broadcast shapes [2, 3] and [4]"))
      #expect(stderr.contains("axis -1: 3 vs 4"))
    #endif
  }

  @Test func dtypeMismatchTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2], dtype: .float32) + Tensor.zeros([2], dtype: .float64)
    }
  }
}
