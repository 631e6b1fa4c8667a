#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(Musl)
  import Musl
#endif

/// How a report shows numbers next to each other: with as few significant
/// digits as make them readable (4 at least) and as many as it takes to
/// show that they differ (17 at most, when they differ in the last bit).
///
/// ```swift
/// ValueDisplay.pair(expected: 0.1234567, got: 0.1234999)  // ("0.123457", "0.1235")
/// ValueDisplay.pair(expected: 2.0 / 3, got: 0.6667)        // ("0.666667", "0.6667")
/// ValueDisplay.number(1e-12)                               // "1e-12"
/// ```
///
/// The shortest round-trip text (`formatted(_:)`) is exact but can run to 17
/// digits (`0.30000000000000004`); a fixed 4 digits can show two different
/// numbers the same. Showing both at the precision where they first part
/// avoids both.
public enum ValueDisplay {
  /// The fewest significant digits shown.
  public static let minimumDigits = 4

  /// `value` to `digits` significant digits (`%g`: trailing zeros dropped,
  /// exponent form for very large and small magnitudes); `nan`, `inf`, `-inf`.
  public static func number(_ value: Double, digits: Int = minimumDigits) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([Int32(min(max(digits, 1), 17)), value]) { arguments in
      vsnprintf(&buffer, buffer.count, "%.*g", arguments)
    }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// The fewest significant digits, from `minimumDigits` on, at which
  /// `a` and `b` read differently; `minimumDigits` when they are equal.
  public static func digitsToTellApart(_ a: Double, _ b: Double) -> Int {
    guard a != b, !a.isNaN || !b.isNaN else { return minimumDigits }
    for digits in minimumDigits...17 where number(a, digits: digits) != number(b, digits: digits) {
      return digits
    }
    return 17
  }

  /// `expected` and `got`, each to the precision at which they differ,
  /// plus one digit when that still tells them apart: numbers either side
  /// of a rounding boundary can part at one precision and meet at the next
  /// (0.12344999 and 0.12345001 read 0.1234 and 0.1235, then 0.12345 both).
  public static func pair(expected: Double, got: Double) -> (expected: String, got: String) {
    var digits = digitsToTellApart(expected, got)
    if expected != got && digits < 17
      && number(expected, digits: digits + 1) != number(got, digits: digits + 1)
    {
      digits += 1
    }
    return (number(expected, digits: digits), number(got, digits: digits))
  }

  /// An error's size in two significant digits, e.g. `2.4e-05`.
  public static func error(_ value: Double) -> String {
    number(value, digits: 2)
  }

  /// `[2, 3]`: a shape or a multi-dimensional index.
  public static func shape(_ dimensions: [Int]) -> String {
    "[" + dimensions.map(String.init).joined(separator: ", ") + "]"
  }
}

extension Verdict {
  /// A failure between two numbers, each shown to the precision at which
  /// they differ (see `ValueDisplay.pair`).
  public static func numbersDiffer(expected: Double, got: Double, message: String, hint: String?) -> Verdict {
    let shown = ValueDisplay.pair(expected: expected, got: got)
    return .failed(expected: shown.expected, got: shown.got, message: message, hint: hint)
  }
}
