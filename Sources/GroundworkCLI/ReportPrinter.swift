import Runner

/// Writes a `GradeReport` for the terminal: each check with ✓ or ✗, and for
/// a failure what was tried, what was expected, what came back, and the hint.
struct ReportPrinter {
  var workspace: Workspace

  func render(_ report: GradeReport, displayPath: String) -> String {
    var lines: [String] = []
    let pass = workspace.style.color ? workspace.paint("✓", "32") : "PASS"
    let fail = workspace.style.color ? workspace.paint("✗", "31") : "FAIL"

    if let blocker = report.blocker {
      switch blocker {
      case .compileFailed(let failure):
        lines.append(workspace.paint("\(displayPath) does not compile:", "1;31"))
        lines += failure.description.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      case .forbiddenSymbol(let name, let line):
        lines.append(workspace.paint("\(displayPath):\(line): uses `\(name)`", "1;31"))
        lines.append("  The kernel's \(name) does this exercise's work; write the computation yourself.")
      case .didNotStart(let explanation):
        lines.append(workspace.paint("The grading program stopped before its first check.", "1;31"))
        lines.append("  " + explanation)
      }
      lines.append(learnerOutputLines(report))
      return lines.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    var detailed = 0
    for check in report.checks {
      switch check.status {
      case .passed:
        lines.append("  \(pass) \(check.name)")
      case .failed(let expected, let got, let message, let hint):
        lines.append("  \(fail) \(check.name)")
        if detailed < 2 {
          lines.append("      tried:     \(check.tried)")
          lines.append("      expected:  \(expected)")
          lines.append("      got:       \(got)")
          // A message may span lines (an array's worst elements, one a line).
          if !message.isEmpty { lines += message.split(separator: "\n").map { "      " + $0 } }
          if let hint { lines.append("      " + workspace.paint("hint: ", "1") + hint) }
        }
        detailed += 1
      case .crashed(let explanation), .timedOut(let explanation):
        lines.append("  \(fail) \(check.name)")
        lines.append("      tried:     \(check.tried)")
        lines.append("      " + explanation)
        detailed += 1
      case .notRun:
        lines.append("  · \(check.name) (not run)")
      }
    }
    let skipped = report.plannedChecks - report.checks.count
    if skipped > 0 {
      lines.append("  · \(skipped) more check\(skipped == 1 ? "" : "s") did not run: the program stopped")
    }
    let output = learnerOutputLines(report)
    if !output.isEmpty { lines.append(output) }
    let summary = "\(report.passedCount)/\(max(report.plannedChecks, report.checks.count)) checks passed · seed \(report.seed)"
    lines.append("")
    lines.append(report.passed ? workspace.paint(summary, "1;32") : workspace.paint(summary, "1"))
    return lines.joined(separator: "\n") + "\n"
  }

  func learnerOutputLines(_ report: GradeReport) -> String {
    let printed = report.learnerOutput.split(separator: "\n", omittingEmptySubsequences: false)
    guard !report.learnerOutput.isEmpty || report.droppedOutputBytes > 0 else { return "" }
    var lines = ["  Your code printed:"]
    lines += printed.prefix(10).map { line in
      "    | " + (line.count > 160 ? line.prefix(160) + "…" : line)
    }
    if printed.count > 10 { lines.append("    | … (\(printed.count - 10) more lines)") }
    if report.droppedOutputBytes > 0 {
      lines.append("    | … and \(report.droppedOutputBytes) bytes more, dropped: only the start of the output is kept")
    }
    return lines.joined(separator: "\n")
  }
}
