import Tensors

extension Variable {
  /// The graph that `backward()` will walk, one line per node, inputs
  /// first: operation, shape, dtype, bytes of the value, and the name of
  /// named variables. The last line sums the bytes the graph keeps alive.
  ///
  /// ```
  /// leaf      [4, 3]  float32      48 B  weight
  /// matmul    [2, 3]  float32      24 B
  /// …
  /// 5 nodes, 180 B of values
  /// ```
  public func graphDescription() -> String {
    let nodes = topologicalOrder()
    var total = 0
    var lines: [String] = []
    for node in nodes {
      let bytes = node.value.count * node.value.dtype.byteSize
      total += bytes
      let shapeText = "[" + node.shape.map(String.init).joined(separator: ", ") + "]"
      lines.append(
        pad(node.operation, 12) + pad(shapeText, 16) + pad(node.value.dtype.description, 9)
          + pad("\(bytes) B", 12, right: true) + (node.name.map { "  " + $0 } ?? ""))
    }
    lines.append("\(nodes.count) nodes, \(total) B of values")
    return lines.joined(separator: "\n")
  }

  private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
    return right ? fill + text : text + fill
  }
}
