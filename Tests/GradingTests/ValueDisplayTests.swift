import Grading
import Groundwork
import Testing

@Suite("Value display")
struct ValueDisplayTests {
  @Test("numbers at a few significant digits, specials by name")
  func numbers() {
    #expect(ValueDisplay.number(0.123456789) == "0.1235")
    #expect(ValueDisplay.number(2.5) == "2.5")
    #expect(ValueDisplay.number(1e-12) == "1e-12")
    #expect(ValueDisplay.number(123456789) == "1.235e+08")
    #expect(ValueDisplay.number(.nan) == "nan")
    #expect(ValueDisplay.number(-.infinity) == "-inf")
  }

  @Test("a pair shows just enough digits to tell the two apart", arguments: [
    (0.1234567, 0.1234999, "0.123457", "0.1235"),
    (2.0 / 3, 0.6667, "0.666667", "0.6667"),
    (0.5, 0.25, "0.5", "0.25"),
    (0.1 + 0.2, 0.3, "0.30000000000000004", "0.29999999999999999"),
    (1.0, 1.0, "1", "1"),
    (1.0, .nan, "1", "nan"),
    (0.12344999, 0.12345001, "0.1234", "0.1235"),
  ])
  func pairs(_ expected: Double, _ got: Double, _ expectedText: String, _ gotText: String) {
    let shown = ValueDisplay.pair(expected: expected, got: got)
    #expect(shown.expected == expectedText)
    #expect(shown.got == gotText)
    if expected != got && !got.isNaN { #expect(shown.expected != shown.got) }
  }

  @Test("two different numbers never read the same, at any magnitude")
  func neverTheSame() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      let value = Double.random(in: -1...1, using: &generator) * Double(sign: .plus, exponent: Int.random(in: -40...40), significand: 1)
      let neighbour = Bool.random() ? value.nextUp : value * (1 + 1e-9)
      guard value != neighbour else { continue }
      let shown = ValueDisplay.pair(expected: value, got: neighbour)
      #expect(shown.expected != shown.got, "\(value) and \(neighbour)")
      #expect(shown.expected.count <= 24)
    }
  }
}

@Suite("Element-wise comparison")
struct ElementwiseComparisonTests {
  @Test("the worst elements first, with index, both values and both errors")
  func worstFirst() {
    let expected: [Double] = [0, 1, 2, 3, 4, 5]
    var got = expected
    got[1] = 1.5
    got[4] = 4.001
    got[5] = 2
    let comparison = ElementwiseComparison(expected: expected, got: got, shape: [2, 3], tolerance: .relative(1e-9))
    #expect(!comparison.passed)
    #expect(comparison.mismatches.map(\.index) == [[1, 2], [0, 1], [1, 1]])
    #expect(comparison.expectedText == "shape [2, 3]; at [1, 2]: 5, at [0, 1]: 1, at [1, 1]: 4")
    #expect(comparison.gotText == "shape [2, 3]; at [1, 2]: 2, at [0, 1]: 1.5, at [1, 1]: 4.001")
    #expect(
      comparison.message == """
        3 of 6 elements differ beyond relative 1e-09; the worst:
          [1, 2]  expected 5  got 2  abs error 3  rel error 0.6
          [0, 1]  expected 1  got 1.5  abs error 0.5  rel error 0.5
          [1, 1]  expected 4  got 4.001  abs error 0.001  rel error 0.00025
        """)
  }

  @Test("only the worst few are shown; the rest are counted")
  func fewShown() {
    let expected = [Double](repeating: 1, count: 10)
    let got = (0..<10).map { 1 + Double($0) / 10 }
    let comparison = ElementwiseComparison(expected: expected, got: got, tolerance: .relative(1e-6))
    #expect(comparison.mismatches.count == 9)
    #expect(comparison.message.split(separator: "\n").count == 4)
    #expect(comparison.expectedText.hasSuffix(", …"))
    #expect(comparison.message.hasPrefix("9 of 10 elements differ"))
  }

  @Test("a NaN is the worst of all")
  func nanIsWorst() {
    let comparison = ElementwiseComparison(expected: [1, 2, 3], got: [1, .nan, 30], tolerance: .relative(1e-9))
    #expect(comparison.mismatches.first?.index == [1])
    #expect(comparison.gotText == "shape [3]; at [1]: nan, at [2]: 30")
  }

  @Test("a shape mismatch is said as such")
  func shapes() {
    let comparison = ElementwiseComparison(expected: [1, 2, 3], got: [1, 2], tolerance: .exact)
    #expect(!comparison.passed)
    #expect(comparison.expectedText == "shape [3]")
    #expect(comparison.gotText == "shape [2]")
    #expect(comparison.message == "The shapes differ: expected [3], got [2].")
  }

  @Test("tensors compare by shape and values")
  func tensors() {
    let expected = Tensor([1, 2, 3, 4] as [Double], shape: [2, 2])
    let same = ElementwiseComparison(expected: expected, got: expected, tolerance: .relative(1e-12))
    #expect(same.passed)
    #expect(same.verdict() == .passed)
    let transposed = ElementwiseComparison(
      expected: expected, got: Tensor([1, 3, 2, 4] as [Double], shape: [2, 2]), tolerance: .relative(1e-12))
    #expect(transposed.mismatches.map(\.index) == [[0, 1], [1, 0]])
    let wrongShape = ElementwiseComparison(
      expected: expected, got: Tensor([1, 2, 3, 4] as [Double], shape: [4]), tolerance: .exact)
    #expect(wrongShape.message == "The shapes differ: expected [2, 2], got [4].")
  }
}
