import Foundation

/// Turns the way a grading program died into a plain sentence for the learner.
enum CrashExplanation {
  static func explain(
    _ outcome: ChildProcess.Outcome, displayPath: String, timeLimit: Double, outputLimit: Int,
    memoryLimit: Int? = nil
  ) -> String {
    let fileName = displayPath.split(separator: "/").last.map(String.init) ?? displayPath
    let limitText = memoryLimit.map { " (the limit is \(formatBytes($0)))" } ?? ""
    if let fatal = fatalErrorLine(in: outcome.stderr) {
      // The runtime's words for an allocation the address-space limit
      // refused: "failed to allocate N bytes of memory with alignment A".
      if fatal.message.hasPrefix("failed to allocate"),
        let bytes = fatal.message.split(separator: " ").dropFirst(3).first.flatMap({ Int($0) })
      {
        return "Your code asked for \(formatBytes(bytes)) of memory at once, more than it may use\(limitText). "
          + "Look for an array sized by something much larger than the input."
      }
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
      // Signal numbers differ between Linux and macOS (SIGBUS is 7 on one
      // and 10 on the other), so they are compared by name.
      switch signal {
      case SIGILL, SIGTRAP:
        return "Your code hit a runtime trap: an integer overflow, a division of an integer by zero, a force-unwrapped nil, or an index out of range."
      case SIGSEGV, SIGBUS:
        return "Your code crashed with a memory fault: often unbounded recursion that overflows the stack, or unsafe pointer use."
      case SIGXFSZ:
        return "Your code printed more than \(outputLimit / (1 << 20)) MB, so it was stopped. Remove prints inside loops."
      case SIGKILL:
        return "Your code was killed by the system, most likely for using too much memory\(limitText)."
      case SIGABRT:
        return "Your code aborted: often an allocation that is too large for the memory limit\(limitText)."
      default:
        let name = strsignal(signal).map { String(cString: $0) } ?? "signal \(signal)"
        return "Your code was stopped by signal \(signal) (\(name))."
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

  /// `bytes` in the largest binary unit that keeps a whole number in front,
  /// e.g. "2 GiB", "16 GiB", "512 MiB".
  static func formatBytes(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return "\(text) \(units[unit])"
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
