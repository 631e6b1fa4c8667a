/// Reads a parameter count written the way papers and model cards write
/// one: `124439808`, `1.5e9`, `350M`, `7B`, `7.5b`, `1T`.
///
/// The grammar is a decimal number (digits, an optional fraction), an
/// optional exponent `e`/`E` with an optional sign, and an optional suffix
/// `K` (10^3), `M` (10^6), `B` (10^9) or `T` (10^12) in either case.
/// Surrounding spaces are ignored; a leading `+` is allowed.
///
/// The text is read as an exact decimal, never through a `Double`: `7.5B` is
/// 7,500,000,000 and `9007199254740993` (2^53 + 1) stays itself. The result
/// must be a whole number: `1.5` and `1.2345K` are rejected, `1.5K` and
/// `2.5e-1K` are 1500 and 250.
///
/// ```swift
/// try parseParameterCount("7.5b")   // 7_500_000_000
/// try parseParameterCount("1.5e9")  // 1_500_000_000
/// try parseParameterCount("abc")    // throws EstimateError.notAParameterCount("abc")
/// ```
///
/// - Parameter text: the count as written.
/// - Returns: the count, at least 1.
/// - Throws: ``EstimateError/notAParameterCount(_:)`` for text outside the
///   grammar (including `inf`, `nan`, hexadecimal and digit separators),
///   ``EstimateError/parameterCountNotPositive(_:)`` for zero or a negative
///   number, ``EstimateError/parameterCountNotWhole(_:)`` for a fraction,
///   ``EstimateError/parameterCountTooLarge(_:)`` above `Int.max`.
public func parseParameterCount(_ text: String) throws(EstimateError) -> Int {
  var body = Substring(text).drop(while: { $0 == " " })
  while body.last == " " { body = body.dropLast() }

  // The suffix, written straight after the number (`7B`, `2.5e-1K`).
  var suffixPower = 0
  if let suffix = body.last?.lowercased(), let power = ["k": 3, "m": 6, "b": 9, "t": 12][suffix] {
    suffixPower = power
    body = body.dropLast()
  }
  guard let decimal = ExactDecimal(body) else { throw .notAParameterCount(text) }
  if decimal.isZero || decimal.negative { throw .parameterCountNotPositive(text) }
  // The mantissa's last digit is non-zero, so a negative power leaves a fraction.
  let power = decimal.power + suffixPower
  guard power >= 0 else { throw .parameterCountNotWhole(text) }
  guard decimal.mantissa >= 0 else { throw .parameterCountTooLarge(text) }
  var value = decimal.mantissa
  for _ in 0..<power {
    let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
    if overflow { throw .parameterCountTooLarge(text) }
    value = shifted
  }
  return value
}
