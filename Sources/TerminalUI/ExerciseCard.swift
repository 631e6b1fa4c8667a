/// What the renderer shows for a fenced block with info string `exercise`:
/// which exercise it is, where the learner edits it, what to implement, and
/// how to check it. The caller builds it from the lesson's exercise block.
public struct ExerciseCard: Sendable, Equatable {
  /// Whether the learner has completed the exercise.
  public enum Status: Sendable, Equatable, Hashable {
    /// Not yet passing its check.
    case pending
    /// Its check has passed.
    case done
  }

  /// The exercise's identifier, e.g. `"calibration-ece"`.
  public var id: String
  /// The exercise's human-readable title.
  public var title: String
  /// The file to edit, as the learner sees it, e.g.
  /// `"Exercises/1-foundation/calibration.swift"`.
  public var file: String
  /// The Swift signatures the learner implements, e.g.
  /// `"func expectedCalibrationError(confidences: [Double], correct: [Bool], binCount: Int) -> Double"`.
  public var entryPoints: [String]
  /// The command that checks the exercise, e.g. `"groundwork check calibration-ece"`.
  public var command: String
  /// Whether the exercise is done.
  public var status: Status
  /// How closely results must match, e.g. `"relative 1e-9"`; nil when not shown.
  public var tolerance: String?

  /// A card with the given contents.
  public init(
    id: String, title: String, file: String, entryPoints: [String], command: String,
    status: Status, tolerance: String? = nil
  ) {
    self.id = id
    self.title = title
    self.file = file
    self.entryPoints = entryPoints
    self.command = command
    self.status = status
    self.tolerance = tolerance
  }
}

extension ExerciseCard {
  /// The card as a box at most `width` columns wide, one string per line.
  func lines(width: Int, style: TerminalStyle) -> [String] {
    let color = style.color
    let inner = max(1, width - 4)
    func clean(_ s: String) -> String { TextLayout.sanitize(s) }
    func paint(_ text: String, _ codes: String...) -> String {
      guard color, !text.isEmpty else { return text }
      return codes.joined() + text + ANSI.reset
    }
    func label(_ text: String) -> String { paint(text, ANSI.bold) }

    var content: [String] = []
    content += TextLayout.wrap(
      paint("Exercise: " + clean(title), ANSI.bold) + " " + paint("(" + clean(id) + ")", ANSI.dim),
      width: inner)

    let statusText: String
    switch (status, color) {
    case (.done, true): statusText = paint("✓ done", ANSI.green)
    case (.pending, true): statusText = paint("○ pending", ANSI.yellow)
    case (.done, false): statusText = "[done]"
    case (.pending, false): statusText = "[pending]"
    }
    content += TextLayout.wrap(label("Status:") + " " + statusText, width: inner)
    content += TextLayout.wrap(label("Edit:") + " " + clean(file), width: inner)

    if !entryPoints.isEmpty {
      content.append(label("Implement:"))
      let firstIndent = "  "
      let restIndent = "      "
      for signature in entryPoints {
        let text = clean(signature)
        let shown = color ? (SwiftHighlighter.highlight(text).first ?? text) : text
        let wrapped = TextLayout.wrap(
          shown, firstWidth: inner - firstIndent.count, restWidth: inner - restIndent.count)
        for (index, line) in wrapped.enumerated() {
          content.append((index == 0 ? firstIndent : restIndent) + line)
        }
      }
    }
    if let tolerance, !tolerance.isEmpty {
      content += TextLayout.wrap(label("Tolerance:") + " " + clean(tolerance), width: inner)
    }
    content += TextLayout.wrap(label("Run:") + " " + paint(clean(command), ANSI.cyan), width: inner)

    let boxWidth = content.map(visibleWidth).max() ?? 0
    let (horizontal, vertical) = color ? ("─", "│") : ("-", "|")
    let (topLeft, topRight, bottomLeft, bottomRight) =
      color ? ("┌", "┐", "└", "┘") : ("+", "+", "+", "+")
    let rule = TextLayout.repeated(horizontal, boxWidth + 2)
    let side = paint(vertical, ANSI.cyan)

    var lines = [paint(topLeft + rule + topRight, ANSI.cyan)]
    for line in content {
      let padding = TextLayout.repeated(" ", boxWidth - visibleWidth(line))
      lines.append(side + " " + line + padding + " " + side)
    }
    lines.append(paint(bottomLeft + rule + bottomRight, ANSI.cyan))
    return lines
  }
}
