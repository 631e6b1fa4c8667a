extension CSVTable {
  /// The values of column `column` as integers: numbers with no fractional
  /// part (`2` or `2.0`) and magnitude at most 10¹⁵.
  func integers(atColumn column: Int) throws -> [Int] {
    let values = try integerLabels(atColumn: column)
    return try zip(rows, values).map { row, value in
      guard abs(value) <= 1e15 else {
        throw problem(row, column, "\(row.fields[column]) is too large for a label")
      }
      return Int(value)
    }
  }

  /// The values of the column called `name` as integers; see
  /// `integers(atColumn:)`.
  func integers(_ name: String) throws -> [Int] {
    try integers(atColumn: try columnIndex(name))
  }
}
