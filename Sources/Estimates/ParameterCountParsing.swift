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
  let original = text
  var characters = Substring(text).drop(while: { $0 == " " })
  while characters.last == " " { characters = characters.dropLast() }

  var negative = false
  if let sign = characters.first, sign == "+" || sign == "-" {
    negative = sign == "-"
    characters = characters.dropFirst()
  }

  // Mantissa: the digits before and after the point, joined; `pointShift` is
  // how many of them are fractional.
  var digits: [UInt8] = []
  var pointShift = 0
  var sawPoint = false
  var sawDigit = false
  while let character = characters.first, character.isASCII, character.isNumber || character == "." {
    characters = characters.dropFirst()
    if character == "." {
      if sawPoint { throw .notAParameterCount(original) }
      sawPoint = true
    } else {
      sawDigit = true
      digits.append(character.asciiValue! - 48)
      if sawPoint { pointShift += 1 }
    }
  }
  guard sawDigit else { throw .notAParameterCount(original) }

  // Exponent.
  var exponent = 0
  if let marker = characters.first, marker == "e" || marker == "E" {
    characters = characters.dropFirst()
    var exponentNegative = false
    if let sign = characters.first, sign == "+" || sign == "-" {
      exponentNegative = sign == "-"
      characters = characters.dropFirst()
    }
    var exponentDigits = 0
    while let character = characters.first, character.isASCII, character.isNumber {
      characters = characters.dropFirst()
      exponentDigits += 1
      // Beyond a few digits the exponent only matters for zero (rejected
      // below) or overflow; cap it so it cannot overflow itself.
      exponent = min(exponent * 10 + Int(character.asciiValue! - 48), 1_000_000)
    }
    guard exponentDigits > 0 else { throw .notAParameterCount(original) }
    if exponentNegative { exponent = -exponent }
  }

  // Suffix.
  if let suffix = characters.first {
    switch suffix {
    case "k", "K": exponent += 3
    case "m", "M": exponent += 6
    case "b", "B": exponent += 9
    case "t", "T": exponent += 12
    default: throw .notAParameterCount(original)
    }
    characters = characters.dropFirst()
  }
  guard characters.isEmpty else { throw .notAParameterCount(original) }

  // value = digits · 10^(exponent − pointShift), with digits read as an
  // integer. Strip leading zeros, and trailing zeros into the exponent, so
  // the integer part is as short as it can be.
  let significant = digits.drop(while: { $0 == 0 })
  guard !significant.isEmpty else { throw .parameterCountNotPositive(original) }
  if negative { throw .parameterCountNotPositive(original) }
  var trimmed = significant[...]
  var power = exponent - pointShift
  while trimmed.last == 0 {
    trimmed = trimmed.dropLast()
    power += 1
  }
  // The last digit is now non-zero, so a negative power leaves a fraction.
  guard power >= 0 else { throw .parameterCountNotWhole(original) }
  var value = 0
  for digit in trimmed {
    let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
    let (sum, overflowAdd) = shifted.addingReportingOverflow(Int(digit))
    if overflowShift || overflowAdd { throw .parameterCountTooLarge(original) }
    value = sum
  }
  for _ in 0..<power {
    let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
    if overflow { throw .parameterCountTooLarge(original) }
    value = shifted
  }
  return value
}
