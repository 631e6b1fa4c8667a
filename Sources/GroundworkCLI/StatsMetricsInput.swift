/// What `groundwork stats metrics` reads from its CSV file: true labels,
/// and predicted labels, class probabilities or both.
struct MetricsInput {
  /// The true class of each row (column `label`).
  var labels: [Int]
  /// The predicted class of each row: column `prediction` if there is one,
  /// else the most probable class (the first on ties, as `numpy.argmax`).
  var predictions: [Int]
  /// Rows of class probabilities from columns `p0 … p{K−1}`, or nil when
  /// there are none.
  var probabilities: [[Double]]?

  /// How far a row of probabilities may sum from 1.
  static let sumTolerance = 1e-3

  /// Reads `table`: `label` is required, then `prediction`, `p0 … p{K−1}`
  /// (K ≥ 2, no gaps), or both.
  init(_ table: CSVTable) throws {
    let file = table.file
    labels = try table.integers("label")
    let probabilityColumns = try table.numberedColumns(prefix: "p", meaning: "probability")
    let hasPrediction = table.header.contains("prediction")
    guard hasPrediction || probabilityColumns != nil else {
      throw CLIError(
        "\(file):\(table.headerLine): no column \"prediction\" and no probability columns \"p0\", \"p1\", … (one of them is needed)")
    }
    if let probabilityColumns {
      let columns = try probabilityColumns.map { try table.numbers(atColumn: $0, in: 0...1) }
      let classCount = columns.count
      let labelColumn = try table.columnIndex("label")
      var rows: [[Double]] = []
      rows.reserveCapacity(labels.count)
      for (index, row) in table.rows.enumerated() {
        guard (0..<classCount).contains(labels[index]) else {
          throw table.problem(
            row, labelColumn, "label \(labels[index]) has no probability column (classes are 0 to \(classCount - 1))")
        }
        let probabilities = columns.map { $0[index] }
        let sum = probabilities.reduce(0, +)
        guard abs(sum - 1) <= Self.sumTolerance else {
          throw CLIError(
            "\(file):\(row.line): row \(row.number), columns \"p0\" to \"p\(classCount - 1)\": the probabilities sum to \(sum), not 1")
        }
        rows.append(probabilities)
      }
      probabilities = rows
    }
    if hasPrediction {
      predictions = try table.integers("prediction")
    } else {
      // `max(by:)` keeps the first of equal elements.
      predictions = (probabilities ?? []).map { row in row.indices.max { row[$0] < row[$1] }! }
    }
  }
}
