/// One entry of a slicing subscript: what to take along one axis (or
/// where to add or skip axes).
///
/// The entries follow NumPy's basic indexing, and every result is a view
/// (no element is copied):
///
/// ```swift
/// let t = Tensor((0..<24).map(Double.init), shape: [2, 3, 4])
/// t[1, .all]                      // shape [3, 4]: axis 0 removed
/// t[.all, .range(0..<2)]          // shape [2, 2, 4]
/// t[.ellipsis, .stride(by: -1)]   // shape [2, 3, 4], last axis reversed
/// t[.newAxis, .ellipsis, 0]       // shape [1, 2, 3]
/// ```
///
/// Entries apply to axes from the left; axes not mentioned are taken
/// whole, as if the list ended with `.ellipsis`. Integer literals stand for
/// `.at(_:)`. A subscript made only of integer literals, one per axis,
/// reads a single element as a `Double` instead (`t[1, 2, 3]`); write
/// `t[.at(1), .at(2), .at(3)]` for the 0-d tensor view.
public enum TensorIndex: Sendable, Hashable {
  /// One position along the axis, which is removed from the result.
  /// Negative positions count from the end: -1 is the last.
  case at(Int)
  /// Python's `start:stop:step`: positions `start, start + step, …`
  /// stopping before `stop`. `nil` bounds mean "from the beginning" and "to
  /// the end" (in the direction of `step`); negative bounds count from the
  /// end; out-of-range bounds are clamped, as in Python. `step` must not
  /// be 0; a negative step walks backwards.
  case slice(start: Int?, stop: Int?, step: Int)
  /// A new axis of length 1 (NumPy's `np.newaxis`, PyTorch's `None`).
  case newAxis
  /// As many whole axes as needed for the entries after it to reach the
  /// last axes (NumPy's `...`). At most one per subscript.
  case ellipsis

  /// The whole axis: `:` in Python.
  public static var all: TensorIndex { .slice(start: nil, stop: nil, step: 1) }

  /// The positions of a half-open range, `lower..<upper`.
  public static func range(_ range: Range<Int>, step: Int = 1) -> TensorIndex {
    .slice(start: range.lowerBound, stop: range.upperBound, step: step)
  }

  /// The positions of a closed range, `lower...upper`.
  public static func range(_ range: ClosedRange<Int>, step: Int = 1) -> TensorIndex {
    .slice(start: range.lowerBound, stop: range.upperBound + 1, step: step)
  }

  /// Every `step`-th position of the whole axis, backwards when `step` < 0
  /// (`::step` in Python).
  public static func stride(by step: Int) -> TensorIndex {
    .slice(start: nil, stop: nil, step: step)
  }
}

extension TensorIndex: ExpressibleByIntegerLiteral {
  /// An integer literal is `.at(value)`.
  public init(integerLiteral value: Int) {
    self = .at(value)
  }
}

/// The positions a Python slice selects on an axis of `length`: the first
/// position and how many there are (CPython's `PySlice_AdjustIndices`).
func resolveSlice(start: Int?, stop: Int?, step: Int, length: Int) -> (first: Int, count: Int) {
  precondition(step != 0, "slice: step must not be zero")
  func clamp(_ bound: Int?, default value: Int, low: Int, high: Int) -> Int {
    guard var bound else { return value }
    if bound < 0 { bound += length }
    return min(max(bound, low), high)
  }
  if step > 0 {
    let first = clamp(start, default: 0, low: 0, high: length)
    let end = clamp(stop, default: length, low: 0, high: length)
    return (first, end > first ? (end - first - 1) / step + 1 : 0)
  } else {
    let first = clamp(start, default: length - 1, low: -1, high: length - 1)
    let end = clamp(stop, default: -1, low: -1, high: length - 1)
    return (first, first > end ? (first - end - 1) / (-step) + 1 : 0)
  }
}
