/// The result of grading one exercise once: what every check did, or why
/// no check could run.
public struct GradeReport: Sendable {
  /// The outcome of one check.
  public struct CheckOutcome: Sendable, Equatable {
    /// What happened to the check.
    public enum Status: Sendable, Equatable {
      /// It passed.
      case passed
      /// It ran and the answer was wrong.
      case failed(expected: String, got: String, message: String, hint: String?)
      /// The learner's code stopped the program during this check.
      case crashed(String)
      /// The learner's code did not finish in time during this check.
      case timedOut(String)
      /// An earlier check stopped the program before this one ran.
      case notRun
    }

    /// The check's name.
    public var name: String
    /// What it tried.
    public var tried: String
    /// What happened.
    public var status: Status

    /// Whether it passed.
    public var passed: Bool { status == .passed }
  }

  /// Why grading stopped before any check could run.
  public enum Blocker: Sendable {
    /// The file does not compile.
    case compileFailed(CompileFailure)
    /// The file calls kernel code that does the exercise's work.
    case forbiddenSymbol(String, line: Int)
    /// The program stopped before its first check, with this explanation.
    case didNotStart(String)
  }

  /// The exercise graded.
  public var exerciseID: String
  /// The seed the grader used: rerun with it to see the same inputs.
  public var seed: UInt64
  /// Each check, in order (empty when `blocker` is set).
  public var checks: [CheckOutcome]
  /// How many checks the grader meant to run; more than `checks.count` when
  /// the learner's code stopped the program early.
  public var plannedChecks: Int
  /// Set when no check could run.
  public var blocker: Blocker?
  /// The start of what the learner's code printed, if anything.
  public var learnerOutput: String
  /// How many bytes the learner's code printed past the kept start of its
  /// standard output and standard error; they were read and dropped.
  public var droppedOutputBytes: Int
  /// Seconds spent compiling (0 when the cached program was used).
  public var compileSeconds: Double
  /// Seconds spent running the checks.
  public var runSeconds: Double

  /// Whether every check passed.
  public var passed: Bool { blocker == nil && !checks.isEmpty && checks.allSatisfy(\.passed) }
  /// How many checks passed.
  public var passedCount: Int { checks.filter(\.passed).count }
}
