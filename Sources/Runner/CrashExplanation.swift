/// Turns the way a grading program died into a plain sentence for the learner.
enum CrashExplanation {
  static func explain(_ outcome: ChildProcess.Outcome, displayPath: String, timeLimit: Double, outputLimit: Int)
    -> String
  {
    let fileName = displayPath.split(separator: "/").last.map(String.init) ?? displayPath
    if let fatal = fatalErrorLine(in: outcome.stderr) {
      if fatal.message.hasPrefix("TODO") {
        return "Not written yet: your code still reaches fatalError(\"\(fatal.message)\")"
          + (fatal.line.map { " at \(displayPath):\($0)" } ?? "") + ". Replace it with your implementation."
      }
      let place: String
      if let line = fatal.line, fatal.file.hasSuffix(fileName) {
        place = " at \(displayPath):\(line)"
      } else if fatal.file.hasPrefix("Swift/") {
        place = " (raised by the standard library, called from your code)"
      } else {
        place = ""
      }
      return "Your code stopped with \(fatal.kind): \(fatal.message)\(place)."
    }
    switch outcome.termination {
    case .timedOut:
      return "Your code did not finish within \(formatSeconds(timeLimit)) s. Look for a loop whose condition never becomes false, or work that grows much faster than the input."
    case .signaled(let signal):
      switch signal {
      case 4, 5:  // SIGILL, SIGTRAP
        return "Your code hit a runtime trap: an integer overflow, a division of an integer by zero, a force-unwrapped nil, or an index out of range."
      case 11, 10:  // SIGSEGV, SIGBUS
        return "Your code crashed with a memory fault: often unbounded recursion that overflows the stack, or unsafe pointer use."
      case 25:  // SIGXFSZ
        return "Your code printed more than \(outputLimit / (1 << 20)) MB, so it was stopped. Remove prints inside loops."
      case 9:  // SIGKILL
        return "Your code was killed by the system, most likely for using too much memory."
      case 6:  // SIGABRT
        return "Your code aborted: often an allocation that is too large for the memory limit."
      default:
        return "Your code was stopped by signal \(signal)."
      }
    case .exited(let status):
      return "Your code ended the program (exit status \(status)) before the checks finished. Don't call exit() in an exercise."
    }
  }

  struct FatalError {
    var kind: String
    var message: String
    var file: String
    var line: Int?
  }

  /// Finds `FILE:LINE: Fatal error: MESSAGE` (or `Precondition failed`,
  /// `Assertion failed`) in the runtime's output.
  static func fatalErrorLine(in stderr: String) -> FatalError? {
    for rawLine in stderr.split(separator: "\n") {
      let line = String(rawLine)
      for kind in ["Fatal error", "Precondition failed", "Assertion failed"] {
        guard let marker = line.range(of: kind) else { continue }
        var message = String(line[marker.upperBound...])
        if message.hasPrefix(":") { message.removeFirst() }
        message = message.trimmingSpaces
        let location = line[..<marker.lowerBound].split(separator: ":")
        let file = location.first.map(String.init) ?? ""
        let lineNumber = location.count >= 2 ? Int(location[1].trimmingSpaces) : nil
        let kindText = kind == "Fatal error" ? "a fatal error" : "a failed \(kind.split(separator: " ")[0].lowercased())"
        return FatalError(
          kind: kindText, message: message.isEmpty ? "(no message)" : message, file: file, line: lineNumber)
      }
    }
    return nil
  }

  static func formatSeconds(_ seconds: Double) -> String {
    seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
