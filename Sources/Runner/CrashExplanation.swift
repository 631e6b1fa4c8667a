import Foundation

/// Turns the way a grading program died into a plain sentence for the
/// learner: one kind of sentence for each way it can end, located in the
/// learner's file when the runtime said where.
enum CrashExplanation {
  /// The `SWIFT_BACKTRACE` setting for grading programs.
  static var backtraceSettings: String { CrashBacktrace.settings }

  /// The sentence for `outcome`.
  ///
  /// - Parameters:
  ///   - displayPath: the learner's file as the learner knows it.
  ///   - sourcePath: the path the program was compiled from, which the
  ///     backtrace names; nil when unknown.
  ///   - timeLimit: the wall-clock limit, in seconds.
  ///   - memoryLimit: the memory limit, in bytes, when there was one.
  static func explain(
    _ outcome: ChildProcess.Outcome, displayPath: String, sourcePath: String? = nil, timeLimit: Double,
    memoryLimit: Int? = nil
  ) -> String {
    // A program stopped for time was still running: nothing it printed
    // describes how it ended.
    if outcome.termination == .timedOut { return timeLimitSentence(timeLimit) }
    let fileName = displayPath.split(separator: "/").last.map(String.init) ?? displayPath
    // A flood of output may have pushed the runtime's last words past the
    // kept start of stderr; they are then in its tail.
    let stderr = outcome.stderrTail.isEmpty ? outcome.stderr : outcome.stderr + "\n" + outcome.stderrTail
    let backtrace = CrashBacktrace(parsing: stderr)
    let learnerFrame = sourcePath.flatMap { backtrace.innermostFrame(in: $0) }
    let backtracePlace = learnerFrame?.line.map { " at \(displayPath):\($0)" }
    let limitText = memoryLimit.map { " (the limit is \(formatBytes($0)))" } ?? ""

    if let fatal = fatalErrorLine(in: stderr) {
      // The runtime names the file by its `#fileID` (module/name), so the
      // learner's file is recognised by its name, as shown or as compiled.
      let sourceName = sourcePath.map { "/" + ($0.split(separator: "/").last.map(String.init) ?? $0) }
      let inLearnerFile = fatal.file.hasSuffix(fileName) || sourceName.map { fatal.file.hasSuffix($0) } == true
      let fatalPlace = fatal.line.flatMap { inLearnerFile ? " at \(displayPath):\($0)" : nil }
      let place = fatalPlace ?? backtracePlace ?? ""
      // The runtime's words for an allocation the memory limit refused:
      // "failed to allocate N bytes of memory with alignment A".
      if fatal.message.hasPrefix("failed to allocate"),
        let bytes = fatal.message.split(separator: " ").dropFirst(3).first.flatMap({ Int($0) })
      {
        if let memoryLimit, bytes < memoryLimit {
          return "Your code ran out of memory\(place): it had used up the \(formatBytes(memoryLimit)) it may use and asked for \(formatBytes(bytes)) more. "
            + "Look for data kept, or copied, on every pass of a loop."
        }
        return "Your code asked for \(formatBytes(bytes)) of memory at once, more than it may use\(limitText). "
          + "Look for an array sized by something much larger than the input."
      }
      if fatal.message.hasPrefix("TODO") {
        return "Not written yet: your code still reaches fatalError(\"\(fatal.message)\")"
          + (fatalPlace ?? "") + ". Replace it with your implementation."
      }
      if fatal.message == "Index out of range" {
        return "Your code used an index outside an array's bounds\(place) (Index out of range). "
          + "An array of n elements has the indices 0..<n; look for an off-by-one or an empty array."
      }
      if fatal.message.hasPrefix("Unexpectedly found nil while") {
        return "Your code force-unwrapped an optional that was nil\(place) (`!` on nil). "
          + "Unwrap it with `if let` or `guard let`, or give a default with `??`."
      }
      let origin = place.isEmpty && fatal.file.hasPrefix("Swift/") ? " (raised by the standard library, called from your code)" : place
      return "Your code stopped with \(fatal.kind): \(fatal.message)\(origin)."
    }
    if let failure = backtrace.runtimeFailure {
      if failure == "arithmetic overflow" {
        return "Your code overflowed an integer\(backtracePlace ?? ""): an arithmetic result did not fit in its type "
          + "(Int holds at most \(Int.max)). Look for a sum or product that grows without bound, or a subtraction below zero on an unsigned type."
      }
      return "Your code failed a runtime check\(backtracePlace ?? ""): \(failure)."
    }
    switch outcome.termination {
    case .timedOut:
      return timeLimitSentence(timeLimit)
    case .signaled(let signal):
      // Signal numbers differ between Linux and macOS (SIGBUS is 7 on one
      // and 10 on the other), so they are compared by name.
      switch signal {
      case SIGILL, SIGTRAP:
        return "Your code hit a runtime trap\(backtracePlace ?? ""): an integer overflow, a division of an integer by zero, a force-unwrapped nil, or an index out of range."
      case SIGSEGV, SIGBUS:
        if let function = backtrace.runawayRecursion {
          let frame: CrashBacktrace.Frame? = backtrace.frames.first { $0.function == function && $0.file == sourcePath }
          var place = ""
          if let line = frame?.line { place = " at \(displayPath):\(line)" }
          return "Your code overflowed the stack: \(function) kept calling itself\(place). "
            + "Look for a recursion whose base case is never reached."
        }
        return "Your code crashed with a memory fault\(backtracePlace ?? ""): often unbounded recursion that overflows the stack, or unsafe pointer use."
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

  static func timeLimitSentence(_ seconds: Double) -> String {
    "Your code did not finish within \(formatSeconds(seconds)) s, so it was stopped. "
      + "Look for a loop whose condition never becomes false, or work that grows much faster than the input."
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
