import Testing
@testable import Tensors

@Suite struct TensorDescriptionTests {
  @Test func integerValuedMatrix() {
    let t = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    #expect(t.description == "tensor([[1, 2], [3, 4]], dtype: float32)")
    #expect("\(t)" == t.description)
  }

  @Test func fractionsUseFourDecimals() {
    #expect(Tensor([0.5, 1.25], shape: [2]).description == "tensor([0.5000, 1.2500], dtype: float64)")
    #expect(Tensor([0.123456, 2], shape: [2]).description == "tensor([0.1235, 2.0000], dtype: float64)")
  }

  @Test func float32ShowsItsRoundedValueToFourDecimals() {
    #expect(Tensor([0.1, 0.2] as [Float], shape: [2]).description == "tensor([0.1000, 0.2000], dtype: float32)")
  }

  @Test func columnsAreRightAligned() {
    #expect(Tensor([1, -2] as [Float], shape: [2]).description == "tensor([ 1, -2], dtype: float32)")
    #expect(
      Tensor([1.5, -10.25, 100, 0], shape: [2, 2]).description
        == "tensor([[  1.5000, -10.2500], [100.0000,   0.0000]], dtype: float64)"
    )
  }

  @Test func wideRangesUseScientificNotation() {
    #expect(Tensor([1e-5, 1], shape: [2]).description == "tensor([1.0000e-05, 1.0000e+00], dtype: float64)")
    #expect(Tensor([123_456_789.5], shape: [1]).description == "tensor([1.2346e+08], dtype: float64)")
    #expect(Tensor([-0.5, 1000.5], shape: [2]).description == "tensor([-5.0000e-01,  1.0005e+03], dtype: float64)")
  }

  @Test func mantissaRoundingCarriesIntoTheExponent() {
    #expect(ScalarFormat(style: .scientific(decimals: 4)).string(for: 9.99999e-5) == "1.0000e-04")
    #expect(ScalarFormat(style: .scientific(decimals: 4)).string(for: 0) == "0.0000e+00")
  }

  @Test func nonFiniteValues() {
    #expect(
      Tensor([.nan, .infinity, -.infinity, 1], shape: [4]).description
        == "tensor([ nan,  inf, -inf,    1], dtype: float64)"
    )
  }

  @Test func scalarsAndEmptyTensors() {
    #expect(Tensor(scalar: 3.5).description == "tensor(3.5000, dtype: float32)")
    #expect(Tensor(scalar: -2, dtype: .float64).description == "tensor(-2, dtype: float64)")
    #expect(Tensor.zeros([0, 3]).description == "tensor([], shape: [0, 3], dtype: float32)")
    #expect(Tensor.zeros([0]).description == "tensor([], dtype: float32)")
  }

  @Test func viewsPrintInLogicalOrder() {
    let t = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]).transposed()
    #expect(t.description == "tensor([[1, 4], [2, 5], [3, 6]], dtype: float32)")
  }

  @Test func rankThreeOnOneLine() {
    let t = Tensor((0..<8).map { Float($0) }, shape: [2, 2, 2])
    #expect(t.description == "tensor([[[0, 1], [2, 3]], [[4, 5], [6, 7]]], dtype: float32)")
  }

  @Test func longVectorIsElided() {
    let t = Tensor((0..<2000).map { Float($0) }, shape: [2000])
    #expect(t.description == "tensor([   0,    1,    2, ..., 1997, 1998, 1999], dtype: float32)")
  }

  @Test func largeMatrixIsElidedOneRowPerLine() {
    let t = Tensor((0..<1600).map { Double($0) }, shape: [40, 40])
    #expect(
      t.description == """
        tensor([[   0,    1,    2, ...,   37,   38,   39],
                [  40,   41,   42, ...,   77,   78,   79],
                [  80,   81,   82, ...,  117,  118,  119],
                ...,
                [1480, 1481, 1482, ..., 1517, 1518, 1519],
                [1520, 1521, 1522, ..., 1557, 1558, 1559],
                [1560, 1561, 1562, ..., 1597, 1598, 1599]], dtype: float64)
        """
    )
  }

  @Test func rankThreeBlocksAreSeparatedByABlankLine() {
    let t = Tensor((0..<12).map { Float($0) * 1000 }, shape: [2, 2, 3])
    #expect(
      t.description == """
        tensor([[[    0,  1000,  2000],
                 [ 3000,  4000,  5000]],

                [[ 6000,  7000,  8000],
                 [ 9000, 10000, 11000]]], dtype: float32)
        """
    )
  }

  @Test func longRowsWrapAtEightyColumns() {
    let t = Tensor((0..<100).map { Double($0) + 0.5 }, shape: [100])
    let lines = t.description.split(separator: "\n")
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { $0.count <= 80 })
    #expect(lines[0].hasPrefix("tensor([ 0.5000,  1.5000,"))
    #expect(lines[1].hasPrefix("        "))
    #expect(lines.last!.hasSuffix("99.5000], dtype: float64)"))
  }
}
