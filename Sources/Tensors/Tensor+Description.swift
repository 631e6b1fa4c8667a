import RealModule

extension Tensor: CustomStringConvertible {
  /// A NumPy-style rendering of the tensor: its values, nested in brackets
  /// by axis, followed by the dtype. `bool` elements print as `true` and
  /// `false`.
  ///
  /// ```
  /// tensor([[1, 2], [3, 4]], dtype: float32)
  /// tensor([0.1000, 0.2500], dtype: float64)
  /// tensor(3.5000, dtype: float32)
  /// tensor([], shape: [0, 3], dtype: float32)
  /// ```
  ///
  /// Values are chosen one format for the whole tensor, so columns line up:
  /// integers when every value is a whole number, otherwise four decimals,
  /// or scientific notation when the magnitudes call for it (largest ≥ 10⁸,
  /// smallest nonzero < 10⁻⁴, or a ratio above 10³, as in NumPy). Four
  /// decimals is a display choice, not the precision of the data: use
  /// `scalars(as:)` to see every digit.
  ///
  /// Tensors of more than 1000 elements show only the first and last three
  /// entries along each long axis, with `...` in between. Output that does
  /// not fit on one 80-column line is laid out one innermost row per line.
  public var description: String {
    TensorFormatter(self).render()
  }
}

/// Builds the text of `Tensor.description`.
struct TensorFormatter {
  /// More elements than this and long axes are elided (NumPy's threshold).
  static let summaryThreshold = 1000
  /// Entries kept at each end of an elided axis (NumPy's `edgeitems`).
  static let edgeItems = 3
  /// The width that decides between one line and one row per line.
  static let lineWidth = 80

  /// The values that will be shown, nested by axis.
  indirect enum Node {
    case value(Double)
    case ellipsis
    case list([Node])
  }

  let tensor: Tensor

  init(_ tensor: Tensor) {
    self.tensor = tensor
  }

  func render() -> String {
    let prefix = "tensor("
    let suffix = ", dtype: \(tensor.dtype))"
    if tensor.count == 0 {
      let shape = tensor.rank == 1 ? "" : ", shape: \(tensor.shape)"
      return "\(prefix)[]\(shape)\(suffix)"
    }
    let summarize = tensor.count > Self.summaryThreshold
    let root = node(axis: 0, position: tensor.offset, summarize: summarize)
    var values: [Double] = []
    collect(root, into: &values)
    let format = tensor.dtype == .bool ? ScalarFormat(style: .boolean) : ScalarFormat(values)
    let width = values.map { format.string(for: $0).count }.max() ?? 0
    let cell = { (value: Double) -> String in
      let text = format.string(for: value)
      return String(repeating: " ", count: width - text.count) + text
    }
    let oneLine = prefix + flat(root, cell) + suffix
    if !oneLine.contains("\n") && oneLine.count <= Self.lineWidth {
      return oneLine
    }
    return prefix + multiline(root, depth: 0, indent: prefix.count, cell) + suffix
  }

  /// The shown part of the sub-tensor starting at storage `position`,
  /// from `axis` inwards.
  private func node(axis: Int, position: Int, summarize: Bool) -> Node {
    if axis == tensor.rank {
      return .value(tensor.element(atStorageOffset: position))
    }
    let length = tensor.shape[axis]
    let stride = tensor.strides[axis]
    let child = { (i: Int) in
      node(axis: axis + 1, position: position + i * stride, summarize: summarize)
    }
    if summarize && length > 2 * Self.edgeItems {
      let head = (0..<Self.edgeItems).map(child)
      let tail = (length - Self.edgeItems..<length).map(child)
      return .list(head + [.ellipsis] + tail)
    }
    return .list((0..<length).map(child))
  }

  private func collect(_ node: Node, into values: inout [Double]) {
    switch node {
    case .value(let value): values.append(value)
    case .ellipsis: break
    case .list(let children): for child in children { collect(child, into: &values) }
    }
  }

  /// Everything on one line: `[[1, 2], [3, 4]]`.
  private func flat(_ node: Node, _ cell: (Double) -> String) -> String {
    switch node {
    case .value(let value): cell(value)
    case .ellipsis: "..."
    case .list(let children): "[" + children.map { flat($0, cell) }.joined(separator: ", ") + "]"
    }
  }

  /// One innermost row per line, NumPy style: rows of a matrix on
  /// consecutive lines, matrices of a 3-d tensor separated by a blank line,
  /// and so on. `indent` is the column of this node's opening bracket.
  private func multiline(_ node: Node, depth: Int, indent: Int, _ cell: (Double) -> String) -> String {
    guard case .list(let children) = node else { return flat(node, cell) }
    let pad = String(repeating: " ", count: indent + 1)
    if depth == tensor.rank - 1 {
      return "[" + wrapped(children.map { flat($0, cell) }, indent: indent + 1) + "]"
    }
    let separator = "," + String(repeating: "\n", count: tensor.rank - depth - 1) + pad
    return "["
      + children.map { multiline($0, depth: depth + 1, indent: indent + 1, cell) }
      .joined(separator: separator)
      + "]"
  }

  /// Items joined by ", ", breaking onto a new line (indented to `indent`)
  /// before any item that would run past the line width.
  private func wrapped(_ items: [String], indent: Int) -> String {
    var text = ""
    var column = indent
    for (index, item) in items.enumerated() {
      let isLast = index == items.count - 1
      let piece = item + (isLast ? "" : ",")
      if index > 0 {
        // Room for the piece plus the closing brackets of the last item.
        if column + 1 + piece.count > Self.lineWidth - (isLast ? 2 : 0) {
          text += "\n" + String(repeating: " ", count: indent)
          column = indent
        } else {
          text += " "
          column += 1
        }
      }
      text += piece
      column += piece.count
    }
    return text
  }
}

/// One number format for all the values of a tensor.
struct ScalarFormat {
  enum Style: Equatable {
    /// Whole numbers without a decimal point: `3`, `-12`.
    case integer
    /// A fixed number of decimals: `0.1000`.
    case fixed(decimals: Int)
    /// Mantissa with a fixed number of decimals and a signed two-digit
    /// exponent: `1.2346e+08`.
    case scientific(decimals: Int)
    /// `true` and `false`, for `bool` tensors.
    case boolean
  }

  /// Digits after the decimal point in the fixed and scientific styles.
  static let decimals = 4

  let style: Style

  /// The format NumPy's rules pick for `values` (non-finite ones ignored).
  init(_ values: [Double]) {
    let finite = values.filter(\.isFinite)
    let magnitudes = finite.map(\.magnitude).filter { $0 != 0 }
    let largest = magnitudes.max() ?? 0
    let smallest = magnitudes.min() ?? 0
    if finite.allSatisfy({ $0 == $0.rounded() }) && largest < 1e16 {
      style = .integer
    } else if largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1e3 {
      style = .scientific(decimals: Self.decimals)
    } else {
      style = .fixed(decimals: Self.decimals)
    }
  }

  /// A format with an explicit style.
  init(style: Style) {
    self.style = style
  }

  /// `value` in this format, without padding.
  func string(for value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    switch style {
    case .boolean:
      return value != 0 ? "true" : "false"
    case .integer:
      return sign + String(Int64(value.magnitude))
    case .fixed(let decimals):
      return sign + Self.fixed(value.magnitude, decimals: decimals)
    case .scientific(let decimals):
      return sign + Self.scientific(value.magnitude, decimals: decimals)
    }
  }

  /// A non-negative value with `decimals` digits after the point, rounded
  /// half away from zero. Exact integer arithmetic after one scaling, valid
  /// while `magnitude · 10^decimals` stays below 2⁶³.
  private static func fixed(_ magnitude: Double, decimals: Int) -> String {
    let scale = Int64(Double.pow(10, decimals))
    let scaled = Int64((magnitude * Double(scale)).rounded())
    let whole = scaled / scale
    guard decimals > 0 else { return String(whole) }
    let fraction = String(scaled % scale)
    return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
  }

  /// A non-negative value as `d.dddde±XX`.
  private static func scientific(_ magnitude: Double, decimals: Int) -> String {
    guard magnitude != 0 else {
      return fixed(0, decimals: decimals) + "e+00"
    }
    var exponent = Int(Double.log10(magnitude).rounded(.down))
    var mantissa = magnitude / Double.pow(10, exponent)
    // log10 may land one off near powers of ten; rounding the mantissa may
    // carry it to 10. Either way, renormalise into [1, 10).
    if mantissa < 1 {
      exponent -= 1
      mantissa = magnitude / Double.pow(10, exponent)
    }
    let step = Double.pow(10, -decimals)
    if (mantissa / step).rounded() * step >= 10 {
      exponent += 1
      mantissa = magnitude / Double.pow(10, exponent)
    }
    let digits = String(exponent.magnitude)
    let exponentText = (exponent < 0 ? "-" : "+") + (digits.count < 2 ? "0" + digits : digits)
    return fixed(mantissa, decimals: decimals) + "e" + exponentText
  }
}
