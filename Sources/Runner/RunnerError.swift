/// A problem that stops the runner from grading at all (as opposed to a
/// failed check): no compiler, no built kernel, an unreadable file.
///
/// The description is one line that names the place and what to do.
public struct RunnerError: Error, Sendable, CustomStringConvertible {
  /// The kind of problem.
  public enum Code: Sendable, Equatable {
    /// The tool or its environment is not set up (compiler, kernel, folders).
    case setup
    /// A file the curriculum names is missing or unreadable.
    case missingFile
    /// The progress file cannot be read or written.
    case progress
  }

  /// The kind of problem.
  public var code: Code
  /// What went wrong, as a full sentence.
  public var message: String

  /// An error of kind `code` saying `message`.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
