import Foundation

/// What the Swift runtime's crash backtracer printed about a grading
/// program that died: the runtime check that failed, if one did, and the
/// crashed thread's frames with their source locations.
///
/// The backtracer is the only witness to some endings: unoptimised Swift
/// traps on an integer overflow without printing a word, and only the
/// debug information (`-gline-tables-only`) names the failed check ("Swift
/// runtime failure: arithmetic overflow") and the learner's line. It
/// prints, for example:
///
/// ```
/// *** Swift runtime failure: arithmetic overflow ***
/// Thread 0 "grade" crashed:
///   0 [inlined] [system] 0x… Swift runtime failure: arithmetic overflow in grade at //<compiler-generated>
///   1                    0x… f(_:) + 104 in grade at /work/Exercises/x.swift:6:5
/// ```
struct CrashBacktrace {
  /// One frame of the crashed thread.
  struct Frame: Equatable {
    /// The function, as the backtracer names it, e.g. `deep(_:)`.
    var function: String
    /// The source file, when the frame has debug information.
    var file: String?
    /// The line in `file`.
    var line: Int?
  }

  /// The failed runtime check, e.g. "arithmetic overflow".
  var runtimeFailure: String?
  /// The crashed thread's frames, innermost first.
  var frames: [Frame] = []

  /// The `SWIFT_BACKTRACE` setting for grading programs: only the crashed
  /// thread's innermost four frames (`limit` counts the "..." line),
  /// symbolicated, since that is what names the check and the line, without
  /// registers, images or colour, on stderr.
  ///
  /// Four frames reach the learner's code from inside the standard library
  /// (an index out of range is three frames deep) and show a recursion; each
  /// frame more tends to reach the kernel library, whose debug information
  /// is what makes symbolication slow. CPU time of a grading program that
  /// stops in `fatalError`, measured: 0.01 s without a backtrace, 0.03 s
  /// with three frames, 0.08 s with four, 0.1 s with five.
  static let settings =
    "enable=yes,interactive=no,color=no,symbolicate=full,threads=crashed,registers=none,images=none,"
    + "limit=5,top=0,sanitize=yes,output-to=stderr"

  /// Reads the backtracer's lines out of a program's standard error.
  init(parsing stderr: String) {
    for rawLine in stderr.split(separator: "\n") {
      let line = rawLine.trimmingSpaces
      if line.hasPrefix("*** Swift runtime failure: ") && line.hasSuffix(" ***") {
        runtimeFailure = String(line.dropFirst("*** Swift runtime failure: ".count).dropLast(4))
      } else if let frame = Self.frame(in: line) {
        frames.append(frame)
      }
    }
  }

  /// The innermost frame located in `sourcePath` (the file the program was
  /// compiled from).
  func innermostFrame(in sourcePath: String) -> Frame? {
    frames.first { $0.file == sourcePath && $0.line != nil }
  }

  /// The function that fills the innermost frames when at least four in a
  /// row are the same one: the sign of a recursion that never ends.
  var runawayRecursion: String? {
    guard let first = frames.first?.function else { return nil }
    let run = frames.prefix { $0.function == first }.count
    return run >= 4 ? first : nil
  }

  /// Parses `N [markers] 0xADDRESS FUNCTION + OFFSET in IMAGE [at FILE:LINE[:COLUMN]]`.
  static func frame(in line: String) -> Frame? {
    let words = line.split(separator: " ", omittingEmptySubsequences: true)
    guard let index = words.first, Int(index) != nil,
      let address = words.firstIndex(where: { $0.hasPrefix("0x") })
    else { return nil }
    let rest = words[(address + 1)...].joined(separator: " ")
    guard let offset = rest.range(of: " + ", options: .backwards) ?? rest.range(of: " in ") else { return nil }
    let function = String(rest[..<offset.lowerBound])
    var frame = Frame(function: function)
    if let at = rest.range(of: " at ", options: .backwards) {
      var location = rest[at.upperBound...].split(separator: ":", omittingEmptySubsequences: false)
      // FILE:LINE:COLUMN or FILE:LINE; a path may itself hold colons.
      if location.count >= 3, Int(location[location.count - 1]) != nil, Int(location[location.count - 2]) != nil {
        location.removeLast()
      }
      if location.count >= 2, let number = Int(location[location.count - 1]) {
        frame.line = number
        frame.file = location.dropLast().joined(separator: ":")
      }
    }
    return frame
  }
}
