/// Why a memory or compute estimate could not be made.
///
/// Every case renders, through ``description``, to one full sentence on one
/// line that names the offending value, so a command-line tool can print it
/// as it is. Values that came from text are quoted with Swift's escaping, so
/// a stray newline in the input cannot break the message over two lines.
public enum EstimateError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A dimension of a model that must be at least 1 was not (`name` is the
  /// dimension, e.g. `layers`).
  case notPositive(name: String, value: Int)

  /// The number of attention heads does not divide the hidden size, so the
  /// heads cannot have equal widths.
  case headsDoNotDivideHidden(heads: Int, hidden: Int)

  /// A count or byte total is larger than `Int.max` (2^63 − 1); `quantity`
  /// names what was being computed.
  case overflow(quantity: String)

  /// The text is not a parameter count in any accepted notation.
  case notAParameterCount(String)

  /// The text is a number, but zero or negative.
  case parameterCountNotPositive(String)

  /// The text is a number, but not a whole number of parameters (`1.5`,
  /// `1.2345K`).
  case parameterCountNotWhole(String)

  /// The text is a whole number too large for a 64-bit integer.
  case parameterCountTooLarge(String)

  /// The one-line message.
  public var description: String {
    switch self {
    case .notPositive(let name, let value):
      return "\(name) must be a positive whole number, not \(value)"
    case .headsDoNotDivideHidden(let heads, let hidden):
      return "heads (\(heads)) must divide hidden (\(hidden)): each head gets hidden / heads dimensions"
    case .overflow(let quantity):
      return "\(quantity) does not fit in a 64-bit integer (at most \(Int.max))"
    case .notAParameterCount(let text):
      return "\(text.debugDescription) is not a parameter count: write digits with an optional exponent or suffix K, M, B or T (e.g. 124439808, 1.5e9, 350M, 7B, 7.5b)"
    case .parameterCountNotPositive(let text):
      return "\(text.debugDescription) is not a positive parameter count: a model has at least one parameter"
    case .parameterCountNotWhole(let text):
      return "\(text.debugDescription) is not a whole number of parameters"
    case .parameterCountTooLarge(let text):
      return "\(text.debugDescription) is too many parameters to count in a 64-bit integer (at most \(Int.max))"
    }
  }
}
