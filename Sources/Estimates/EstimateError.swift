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

  /// The number of key/value heads does not divide the number of query
  /// heads, so grouped-query attention cannot share each key/value head
  /// among an equal number of query heads (Ainslie et al. 2023).
  case kvHeadsDoNotDivideHeads(kvHeads: Int, heads: Int)

  /// A real-valued input (a utilisation, a rate, a FLOP count) is outside
  /// the range it must lie in; `range` says which, e.g. `(0, 1]`.
  case outOfRange(name: String, value: Double, range: String)

  /// The text is not a byte count in any accepted notation.
  case notAByteCount(String)

  /// The text is a byte count, but zero, negative, fractional, or beyond
  /// `Int.max`; `reason` says which.
  case invalidByteCount(String, reason: String)

  /// No device in ``DeviceSpec/catalog`` has this identifier.
  case unknownDevice(String)

  /// The device's sources give no peak rate for this number format.
  case noPublishedPeak(device: String, format: String)

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
    case .kvHeadsDoNotDivideHeads(let kvHeads, let heads):
      return "kv-heads (\(kvHeads)) must divide heads (\(heads)): each key/value head serves heads / kv-heads query heads"
    case .outOfRange(let name, let value, let range):
      return "\(name) must be in \(range), not \(value)"
    case .notAByteCount(let text):
      return "\(text.debugDescription) is not a byte count: write a number with an optional unit B, KB, MB, GB, TB (powers of 10) or KiB, MiB, GiB, TiB (powers of 2), e.g. 80GB, 24GiB, 1.5e9"
    case .invalidByteCount(let text, let reason):
      return "\(text.debugDescription) is not a usable byte count: \(reason)"
    case .unknownDevice(let name):
      return "\(name.debugDescription) is not a known device: use one of \(DeviceSpec.catalog.map(\.id).joined(separator: ", "))"
    case .noPublishedPeak(let device, let format):
      return "\(device) has no published peak rate for \(format) in its sources; choose another dtype"
    }
  }
}
