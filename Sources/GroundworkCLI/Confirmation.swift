import Foundation

/// A y/N question on the terminal.
enum Confirmation {
  /// Asks `question` and reads one line of standard input: true for `y` or
  /// `yes` (any case), false for anything else, an empty line included.
  ///
  /// - Throws: `CLIError` when standard input is closed or not readable, so
  ///   that a script never resets by accident and learns about `--yes`.
  static func ask(_ question: String) throws -> Bool {
    print(question, terminator: "")
    fflush(nil)
    guard let answer = readLine() else {
      print("")
      throw CLIError("no answer on standard input; pass --yes to reset without asking")
    }
    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
  }
}
