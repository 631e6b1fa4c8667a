/// A grader: the checks that decide whether a learner's functions are right.
///
/// A grader never sees the terminal. It receives the learner's entry points
/// as closures, builds inputs from a seed (so that an instructor can grade
/// with a secret seed and a hard-coded answer fails), compares with the
/// kernel's reference implementation at a stated tolerance, and says for each
/// check what was tried, what was expected, what came back and what the
/// likely mistake is.
///
/// A grader is compiled into the learner's program (see `GradingSession`),
/// so a trap in the learner's code stops the grader too; the runner, in
/// another process, turns that into a failed check.
public protocol Grader {
  /// The name lessons use in their exercise blocks, e.g. `calibration.ece`.
  static var name: String { get }
  /// The functions the learner writes, in the order `init(entries:)` takes them.
  static var entryPoints: [EntryPoint] { get }
  /// Kernel functions that do the exercise's work: a learner's file that
  /// calls one of them is told to write the code instead.
  static var forbiddenSymbols: [String] { get }
  /// Binds the learner's functions, given in the order of `entryPoints`.
  init(entries: [Any]) throws(GraderSetupError)
  /// The checks for one seed, run in order.
  func checks(seed: UInt64) -> [Check]
}

extension Grader {
  public static var forbiddenSymbols: [String] { [] }
}

/// One function the learner writes, described so that the runner can call
/// it from generated code and show its exact signature.
public struct EntryPoint: Sendable, Hashable {
  /// One parameter: its argument label (`_` for none), name and Swift type.
  public struct Parameter: Sendable, Hashable {
    /// The argument label, or `_` when the call has none.
    public var label: String
    /// The parameter name inside the function; nil when it equals the label.
    public var name: String?
    /// The Swift type, e.g. `[Double]`.
    public var type: String

    /// A parameter whose label and name are the same.
    public init(_ label: String, _ type: String) {
      self.label = label
      self.type = type
    }

    /// A parameter with a label different from its name (`_ x: Double`).
    public init(label: String, name: String, _ type: String) {
      self.label = label
      self.name = name
      self.type = type
    }
  }

  /// The function's base name.
  public var name: String
  /// Its parameters in order.
  public var parameters: [Parameter]
  /// The return type (`Void` when nothing is returned).
  public var returnType: String

  /// Describes `func name(parameters…) -> returnType`.
  public init(_ name: String, _ parameters: [Parameter], returns returnType: String) {
    self.name = name
    self.parameters = parameters
    self.returnType = returnType
  }

  /// The declaration the learner must write, e.g.
  /// `func ece(confidences: [Double], binCount: Int) -> Double`.
  public var signature: String {
    let list = parameters.map { parameter in
      let head = parameter.name.map { "\(parameter.label) \($0)" } ?? parameter.label
      return "\(head): \(parameter.type)"
    }
    let result = returnType == "Void" ? "" : " -> \(returnType)"
    return "func \(name)(\(list.joined(separator: ", ")))\(result)"
  }

  /// The function type, e.g. `([Double], Int) -> Double`.
  public var functionType: String {
    "(\(parameters.map(\.type).joined(separator: ", "))) -> \(returnType)"
  }

  /// The compound name that refers to exactly this function, e.g.
  /// `ece(confidences:binCount:)`.
  public var compoundName: String {
    "\(name)(\(parameters.map { "\($0.label):" }.joined()))"
  }
}

/// A grader could not bind the learner's functions: the generated entry
/// point passed something of the wrong type. This is a defect in the
/// runner or the grader's descriptor, never the learner's fault.
public struct GraderSetupError: Error, Sendable, CustomStringConvertible {
  /// What did not fit.
  public var description: String

  /// An error saying what did not fit.
  public init(_ description: String) {
    self.description = description
  }

  /// Casts entry `index` of `entries` to `T`, or explains why it cannot.
  public static func entry<T>(_ entries: [Any], _ index: Int, as type: T.Type) throws(GraderSetupError) -> T {
    guard entries.indices.contains(index) else {
      throw GraderSetupError("expected at least \(index + 1) entry points, got \(entries.count)")
    }
    guard let value = entries[index] as? T else {
      throw GraderSetupError("entry point \(index) is \(Swift.type(of: entries[index])), expected \(T.self)")
    }
    return value
  }
}

/// One check of a grader: a description shown before it runs (so that if the
/// learner's code traps, the report can say during what), and the work.
public struct Check {
  /// A short name, e.g. "confidences exactly on bin edges".
  public var name: String
  /// What is tried, with the sizes and settings a learner needs to
  /// reproduce it, e.g. "14 predictions, 15 bins, seed 7".
  public var tried: String
  /// Runs the check.
  public var run: () -> Verdict

  /// A check named `name` that tries `tried` by running `run`.
  public init(_ name: String, tried: String, run: @escaping () -> Verdict) {
    self.name = name
    self.tried = tried
    self.run = run
  }
}

/// The outcome of one check.
public enum Verdict: Sendable, Equatable {
  /// The learner's code did what was asked.
  case passed
  /// It did not: what was expected, what came back, what that means, and a
  /// hint aimed at the likely mistake.
  case failed(expected: String, got: String, message: String, hint: String?)
}
