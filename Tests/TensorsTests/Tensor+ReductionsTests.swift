import Testing
@testable import Tensors

@Suite struct TensorReductionsTests {
  static let dtypes: [DType] = [.float32, .float64]

  /// [[1, 2, 3], [4, 5, 6]]
  private func matrix(_ dtype: DType) -> Tensor {
    makeTensor([1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: dtype)
  }

  @Test(arguments: dtypes)
  func sumAndMeanOfEverything(dtype: DType) {
    let s = matrix(dtype).sum()
    #expect(s.shape == [])
    #expect(s.dtype == dtype)
    #expect(s.item() == 21)
    #expect(matrix(dtype).mean().item() == 3.5)
  }

  @Test(arguments: dtypes)
  func sumAlongEachAxis(dtype: DType) {
    let t = matrix(dtype)
    #expect(t.sum(axis: 0).shape == [3])
    #expect(t.sum(axis: 0).scalars(as: Double.self) == [5, 7, 9])
    #expect(t.sum(axis: 1).scalars(as: Double.self) == [6, 15])
    #expect(t.sum(axis: -1).scalars(as: Double.self) == [6, 15])
    #expect(t.sum(axis: -2).scalars(as: Double.self) == [5, 7, 9])
    #expect(t.sum(axis: 1).dtype == dtype)
  }

  @Test(arguments: dtypes)
  func keepDimsLeavesALengthOneAxis(dtype: DType) {
    let t = matrix(dtype)
    let rows = t.sum(axis: -1, keepDims: true)
    #expect(rows.shape == [2, 1])
    #expect(rows.scalars(as: Double.self) == [6, 15])
    let columns = t.mean(axis: 0, keepDims: true)
    #expect(columns.shape == [1, 3])
    #expect(columns.scalars(as: Double.self) == [2.5, 3.5, 4.5])
    // Kept dimensions broadcast back against the input: centring rows.
    let centred = t - t.mean(axis: 1, keepDims: true)
    #expect(centred.scalars(as: Double.self) == [-1, 0, 1, -1, 0, 1])
  }

  @Test(arguments: dtypes)
  func meanAlongAxes(dtype: DType) {
    let t = matrix(dtype)
    #expect(t.mean(axis: 0).scalars(as: Double.self) == [2.5, 3.5, 4.5])
    #expect(t.mean(axis: -1).scalars(as: Double.self) == [2, 5])
  }

  @Test(arguments: dtypes)
  func rankThreeAxes(dtype: DType) {
    // Blocks [[0, 1], [2, 3]] and [[4, 5], [6, 7]].
    let t = makeTensor([0, 1, 2, 3, 4, 5, 6, 7], shape: [2, 2, 2], dtype: dtype)
    #expect(t.sum(axis: 0).scalars(as: Double.self) == [4, 6, 8, 10])
    #expect(t.sum(axis: 1).scalars(as: Double.self) == [2, 4, 10, 12])
    #expect(t.sum(axis: 2).scalars(as: Double.self) == [1, 5, 9, 13])
    #expect(t.sum(axis: -2, keepDims: true).shape == [2, 1, 2])
    #expect(t.sum(axis: 1).shape == [2, 2])
  }

  @Test(arguments: dtypes)
  func reductionsOfATransposedView(dtype: DType) {
    // mᵀ = [[1, 4], [2, 5], [3, 6]]
    let t = matrix(dtype).transposed()
    #expect(t.sum(axis: 0).scalars(as: Double.self) == [6, 15])
    #expect(t.sum(axis: 1).scalars(as: Double.self) == [5, 7, 9])
    #expect(t.sum().item() == 21)
  }

  @Test func emptyReductions() {
    let t = Tensor.zeros([0, 3], dtype: .float64)
    #expect(t.sum().item() == 0)
    #expect(t.sum(axis: 0).scalars(as: Double.self) == [0, 0, 0])
    #expect(t.sum(axis: 1).shape == [0])
    #expect(t.mean().item().isNaN)
  }

  @Test func scalarTensorSum() {
    #expect(Tensor(scalar: 4).sum().item() == 4)
  }

  @Test func outOfRangeAxisTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 3]).sum(axis: 2)
    }
  }

  // MARK: Accuracy

  @Test func pairwiseSumOfTenMillionFloat32Tenths() {
    // Float(0.1) is 0.100000001490116…, so the exact sum of 10⁷ copies is
    // 1_000_000.0149…; pairwise summation lands within float32's spacing
    // there (0.0625).
    let n = 10_000_000
    let t = Tensor([Float](repeating: 0.1, count: n), shape: [n])
    let total = t.sum().item()
    #expect((total - 1e6).magnitude / 1e6 < 1e-6)
    #expect(t.mean().item().magnitude - 0.1 < 1e-6)

    // The same values added one by one in float32: once the running sum
    // reaches 2²⁰ its spacing is 0.125 and each +0.1 rounds to a multiple
    // of it, so the loop ends far from 10⁶ (about 1.09e6).
    var naive: Float = 0
    for _ in 0..<n { naive += 0.1 }
    #expect((Double(naive) - 1e6).magnitude / 1e6 > 0.05)
  }

  @Test func pairwiseSumMatchesExactIntegerSums() {
    // Small integers are exact in float32, so every split must give the
    // exact total: n(n + 1)/2 for 1…n, and every other element with stride 2.
    for n in 0...40 {
      let values = (0..<(2 * n)).map { Float($0 / 2 + 1) }
      let total = values.withUnsafeBufferPointer { buffer in
        pairwiseSum(buffer.baseAddress!, count: n, stride: 2)
      }
      #expect(total == Float(n * (n + 1) / 2))
    }
  }

  @Test func axisSumsArePairwiseToo() {
    // Each column of a [1_000_000, 2] float32 tensor of 0.1 sums to 1e5
    // within float32 accuracy, although its elements are 2 apart in storage.
    let n = 1_000_000
    let t = Tensor([Float](repeating: 0.1, count: 2 * n), shape: [n, 2])
    for column in t.sum(axis: 0).scalars(as: Double.self) {
      #expect((column - 1e5).magnitude / 1e5 < 1e-6)
    }
  }
}
