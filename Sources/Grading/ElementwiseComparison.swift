import Groundwork

/// An array or tensor the learner returned, compared element by element
/// with the expected one at a tolerance, ready for a report: the shape,
/// how many elements are off, and the worst few with their index, both
/// values and the absolute and relative error.
///
/// ```swift
/// let comparison = ElementwiseComparison(
///   expected: [0.5, 1.25, 2], got: [0.5, 1.2, 2], shape: [3], tolerance: .relative(1e-9))
/// comparison.verdict(hint: "…")
/// // expected: "shape [3]; at [1]: 1.25"
/// // got:      "shape [3]; at [1]: 1.2"
/// // message:  "1 of 3 elements differs beyond relative 1e-09; the worst:
/// //              [1]  expected 1.25  got 1.2  abs error 0.05  rel error 0.04"
/// ```
///
/// The worst element is the one with the largest absolute error; a NaN or
/// an infinity where a finite value was expected counts as worst of all.
public struct ElementwiseComparison: Sendable {
  /// One element outside the tolerance.
  public struct Mismatch: Sendable, Equatable {
    /// Its index, one entry per dimension.
    public var index: [Int]
    /// The expected value.
    public var expected: Double
    /// The value returned.
    public var got: Double

    /// |got − expected|; infinite when either is not finite.
    public var absoluteError: Double {
      expected.isFinite && got.isFinite ? abs(got - expected) : .infinity
    }

    /// The absolute error divided by |expected| (infinite for an expected 0
    /// with a nonzero error).
    public var relativeError: Double {
      absoluteError == 0 ? 0 : absoluteError / abs(expected)
    }
  }

  /// The expected shape.
  public var expectedShape: [Int]
  /// The returned shape.
  public var gotShape: [Int]
  /// How many elements were compared (0 when the shapes differ).
  public var count: Int
  /// Every element outside the tolerance, worst first.
  public var mismatches: [Mismatch]
  /// The tolerance applied.
  public var tolerance: Tolerance
  /// How many of the worst mismatches a report shows.
  public var shown = 3

  /// Compares `got` with `expected`, both laid out row-major in `shape`
  /// (one dimension of their length when nil). A different element count
  /// is a shape mismatch, reported as such.
  public init(expected: [Double], got: [Double], shape: [Int]? = nil, tolerance: Tolerance) {
    let shape = shape ?? [expected.count]
    self.init(
      expected: expected, expectedShape: shape, got: got, gotShape: got.count == expected.count ? shape : [got.count],
      tolerance: tolerance)
  }

  /// Compares two tensors' values as `Double`s.
  public init(expected: Tensor, got: Tensor, tolerance: Tolerance) {
    self.init(
      expected: expected.scalars(as: Double.self), expectedShape: expected.shape,
      got: got.scalars(as: Double.self), gotShape: got.shape, tolerance: tolerance)
  }

  private init(expected: [Double], expectedShape: [Int], got: [Double], gotShape: [Int], tolerance: Tolerance) {
    self.expectedShape = expectedShape
    self.gotShape = gotShape
    self.tolerance = tolerance
    guard expectedShape == gotShape, expected.count == got.count else {
      count = 0
      mismatches = []
      return
    }
    count = expected.count
    var found: [Mismatch] = []
    for offset in expected.indices where !tolerance.accepts(got[offset], expected: expected[offset]) {
      found.append(
        Mismatch(index: Self.index(of: offset, in: expectedShape), expected: expected[offset], got: got[offset]))
    }
    // Stable: among equal errors the first in memory order comes first.
    mismatches = found.enumerated().sorted { a, b in
      a.element.absoluteError != b.element.absoluteError
        ? a.element.absoluteError > b.element.absoluteError : a.offset < b.offset
    }.map(\.element)
  }

  /// Whether the shapes agree and every element is within the tolerance.
  public var passed: Bool { expectedShape == gotShape && mismatches.isEmpty }

  /// What the report shows as expected: the shape, then the worst elements'
  /// expected values.
  public var expectedText: String {
    guard expectedShape == gotShape else { return "shape \(ValueDisplay.shape(expectedShape))" }
    return "shape \(ValueDisplay.shape(expectedShape))"
      + elements { ValueDisplay.pair(expected: $0.expected, got: $0.got).expected }
  }

  /// What the report shows as returned, element for element with
  /// `expectedText`.
  public var gotText: String {
    guard expectedShape == gotShape else { return "shape \(ValueDisplay.shape(gotShape))" }
    return "shape \(ValueDisplay.shape(gotShape))" + elements { ValueDisplay.pair(expected: $0.expected, got: $0.got).got }
  }

  /// One line saying how many elements differ, then one indented line per
  /// shown element: index, expected, got, absolute and relative error.
  public var message: String {
    guard expectedShape == gotShape else {
      return "The shapes differ: expected \(ValueDisplay.shape(expectedShape)), got \(ValueDisplay.shape(gotShape))."
    }
    guard !mismatches.isEmpty else { return "Every element is within \(tolerance)." }
    var lines = [
      "\(mismatches.count) of \(count) element\(count == 1 ? "" : "s") differ\(mismatches.count == 1 ? "s" : "") beyond \(tolerance); the worst:"
    ]
    for mismatch in mismatches.prefix(shown) {
      let pair = ValueDisplay.pair(expected: mismatch.expected, got: mismatch.got)
      lines.append(
        "  \(ValueDisplay.shape(mismatch.index))  expected \(pair.expected)  got \(pair.got)"
          + "  abs error \(ValueDisplay.error(mismatch.absoluteError))  rel error \(ValueDisplay.error(mismatch.relativeError))")
    }
    return lines.joined(separator: "\n")
  }

  /// `.passed`, or a failure with the texts above and `hint`.
  public func verdict(hint: String? = nil) -> Verdict {
    passed ? .passed : .failed(expected: expectedText, got: gotText, message: message, hint: hint)
  }

  private func elements(_ value: (Mismatch) -> String) -> String {
    let shownMismatches = mismatches.prefix(shown)
    guard !shownMismatches.isEmpty else { return "" }
    let more = mismatches.count > shown ? ", …" : ""
    return "; " + shownMismatches.map { "at \(ValueDisplay.shape($0.index)): \(value($0))" }.joined(separator: ", ") + more
  }

  /// The row-major multi-index of `offset` in `shape`.
  static func index(of offset: Int, in shape: [Int]) -> [Int] {
    var rest = offset
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
      index[axis] = rest % shape[axis]
      rest /= shape[axis]
    }
    return index
  }
}
