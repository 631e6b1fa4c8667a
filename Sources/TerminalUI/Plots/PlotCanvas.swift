/// A grid of terminal cells to draw dots and lines on.
///
/// With Unicode each cell holds a 2×4 braille pattern, so a chart 60 cells
/// wide has 120 points across; in ASCII each cell is one dot, drawn with
/// the mark of the series that set it. Dots are addressed from the top-left
/// corner, `y` growing downwards, as the terminal draws.
struct PlotCanvas {
  /// Cells across and down.
  let columns: Int
  let rows: Int
  /// Whether cells are braille patterns (otherwise one ASCII mark per cell).
  let braille: Bool

  private var bits: [UInt8]
  private var owners: [Int]

  init(columns: Int, rows: Int, braille: Bool) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    self.braille = braille
    bits = Array(repeating: 0, count: self.columns * self.rows)
    owners = Array(repeating: -1, count: self.columns * self.rows)
  }

  /// Dots across: two per cell in braille.
  var dotColumns: Int { columns * (braille ? 2 : 1) }
  /// Dots down: four per cell in braille.
  var dotRows: Int { rows * (braille ? 4 : 1) }

  /// Sets the dot at (`x`, `y`) for `series`; dots outside are ignored.
  mutating func set(x: Int, y: Int, series: Int) {
    guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
    let cell = (braille ? y / 4 : y) * columns + (braille ? x / 2 : x)
    if braille {
      // Braille dot numbering: 1 2 3 7 down the left column, 4 5 6 8 down
      // the right, which is bits 0 1 2 6 and 3 4 5 7.
      let table: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
      bits[cell] |= table[y % 4][x % 2]
    } else {
      bits[cell] = 1
    }
    owners[cell] = series
  }

  /// Draws a straight line of dots between two points (Bresenham).
  mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), series: Int) {
    var (x, y) = start
    let dx = abs(end.x - start.x)
    let dy = -abs(end.y - start.y)
    let stepX = start.x < end.x ? 1 : -1
    let stepY = start.y < end.y ? 1 : -1
    var error = dx + dy
    while true {
      set(x: x, y: y, series: series)
      if x == end.x && y == end.y { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  /// The cells as lines of text. `colors` gives each series' SGR code when
  /// colour is on (one escape per run of same-coloured cells, not per
  /// cell); `marks` each series' ASCII mark.
  func lines(colors: [String]?, marks: [Character]) -> [String] {
    (0..<rows).map { row in
      var line = ""
      var open: String?
      for column in 0..<columns {
        let cell = row * columns + column
        let owner = owners[cell]
        let lit = bits[cell] != 0 && owner >= 0
        let color = lit ? colors.map { $0[owner % $0.count] } : nil
        if color != open {
          if open != nil { line += ANSI.reset }
          if let color { line += color }
          open = color
        }
        if !lit {
          line += braille ? "\u{2800}" : " "
        } else if braille {
          line.unicodeScalars.append(UnicodeScalar(0x2800 + UInt32(bits[cell]))!)
        } else {
          line.append(marks[owner % marks.count])
        }
      }
      if open != nil { line += ANSI.reset }
      return line
    }
  }
}
