import Testing
@testable import Tensors

@Suite struct BLASTests {
  @Test func rowMajorMatrixIsPassedAsIs() {
    #expect(BLAS.layout(rows: 2, cols: 3, strides: [3, 1]) == .init(transposed: false, leadingDimension: 3))
  }

  @Test func transposedViewIsPassedWithTheTransposeFlag() {
    // The transpose of a row-major [2, 3] matrix: shape [3, 2], strides
    // [1, 3]. BLAS reads the original [2, 3] storage with lda = 3.
    let view = Tensor.zeros([2, 3]).transposed()
    #expect(
      BLAS.layout(rows: view.shape[0], cols: view.shape[1], strides: view.strides)
        == .init(transposed: true, leadingDimension: 3)
    )
  }

  @Test func paddedRowsKeepTheirLeadingDimension() {
    // A [2, 3] block inside rows of length 5.
    #expect(BLAS.layout(rows: 2, cols: 3, strides: [5, 1]) == .init(transposed: false, leadingDimension: 5))
  }

  @Test func otherStridesAreRejected() {
    #expect(BLAS.layout(rows: 2, cols: 3, strides: [6, 2]) == nil)
    #expect(BLAS.layout(rows: 2, cols: 3, strides: [0, 1]) == nil)
  }

  @Test func vectorsWithOddStridesAreAccepted() {
    // A single row or column only steps along one axis.
    #expect(BLAS.layout(rows: 1, cols: 4, strides: [99, 1]) == .init(transposed: false, leadingDimension: 4))
    #expect(BLAS.layout(rows: 4, cols: 1, strides: [1, 99]) == .init(transposed: false, leadingDimension: 1))
  }

  @Test func gemmDirectly() {
    // [[1, 2], [3, 4]] · [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
    let a: [Double] = [1, 2, 3, 4]
    let b: [Double] = [5, 6, 7, 8]
    var c = [Double](repeating: 0, count: 4)
    let layout = BLAS.MatrixLayout(transposed: false, leadingDimension: 2)
    c.withUnsafeMutableBufferPointer { pc in
      BLAS.gemm(m: 2, n: 2, k: 2, a: a, layout, b: b, layout, c: pc.baseAddress!)
    }
    #expect(c == [19, 22, 43, 50])
  }
}
