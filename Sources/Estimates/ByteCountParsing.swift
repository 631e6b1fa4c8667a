/// Reads a byte count written with an optional unit: `80GB`, `24GiB`,
/// `1.5e9`, `512 MiB`, `0`.
///
/// The number follows the grammar of ``parseParameterCount(_:)`` (digits, an
/// optional fraction, an optional exponent) and is read exactly, never
/// through a `Double`. The unit, in any case and optionally after spaces,
/// is `B`, `KB`, `MB`, `GB`, `TB` (10^3, 10^6, 10^9, 10^12: what data
/// sheets use) or `KiB`, `MiB`, `GiB`, `TiB` (2^10 … 2^40: what
/// `nvidia-smi` and allocators report). The result must be a whole number
/// of bytes: `1.5GiB` is 1,610,612,736, `0.1B` is an error.
///
/// ```swift
/// try parseByteCount("80GB")   // 80_000_000_000
/// try parseByteCount("24GiB")  // 25_769_803_776
/// ```
///
/// - Parameter text: the count as written.
/// - Returns: the count, at least 0.
/// - Throws: ``EstimateError/notAByteCount(_:)`` for text outside the
///   grammar, ``EstimateError/invalidByteCount(_:reason:)`` for a
///   negative, fractional or too large count.
public func parseByteCount(_ text: String) throws(EstimateError) -> Int {
  var body = Substring(text).drop(while: { $0 == " " })
  while body.last == " " { body = body.dropLast() }
  // The unit: the longest of these suffixes that matches, case-insensitively.
  let units: [(String, decimalPower: Int, binaryPower: Int)] = [
    ("kib", 0, 10), ("mib", 0, 20), ("gib", 0, 30), ("tib", 0, 40),
    ("kb", 3, 0), ("mb", 6, 0), ("gb", 9, 0), ("tb", 12, 0), ("b", 0, 0),
  ]
  var decimalPower = 0
  var binaryPower = 0
  let lowered = body.lowercased()
  if let unit = units.first(where: { lowered.hasSuffix($0.0) }) {
    body = body.dropLast(unit.0.count)
    while body.last == " " { body = body.dropLast() }
    decimalPower = unit.decimalPower
    binaryPower = unit.binaryPower
  }
  guard let decimal = ExactDecimal(body) else { throw .notAByteCount(text) }
  if decimal.negative && !decimal.isZero {
    throw .invalidByteCount(text, reason: "a byte count cannot be negative")
  }
  if decimal.isZero { return 0 }
  // value = mantissa · 10^(power + decimalPower) · 2^binaryPower.
  let tooLarge = EstimateError.invalidByteCount(text, reason: "more bytes than a 64-bit integer holds (\(Int.max))")
  var value = decimal.mantissa
  guard value >= 0 else { throw tooLarge }
  for _ in 0..<binaryPower {
    let (doubled, overflow) = value.multipliedReportingOverflow(by: 2)
    if overflow { throw tooLarge }
    value = doubled
  }
  var power = decimal.power + decimalPower
  while power < 0 {
    guard value % 10 == 0 else { throw .invalidByteCount(text, reason: "not a whole number of bytes") }
    value /= 10
    power += 1
  }
  for _ in 0..<power {
    let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
    if overflow { throw tooLarge }
    value = shifted
  }
  return value
}

/// A decimal number read exactly: `mantissa · 10^power`, with the mantissa's
/// trailing zeros moved into the power. `mantissa` is -1 when the
/// significant digits do not fit in an `Int`.
struct ExactDecimal {
  var negative: Bool
  var mantissa: Int
  var power: Int
  var isZero: Bool

  /// Digits with an optional point, an optional exponent and an optional
  /// leading sign; `nil` for anything else.
  init?(_ text: Substring) {
    var characters = text
    negative = false
    if let sign = characters.first, sign == "+" || sign == "-" {
      negative = sign == "-"
      characters = characters.dropFirst()
    }
    var digits: [Int] = []
    var fractionDigits = 0
    var sawPoint = false
    while let character = characters.first, character.isASCII, character.isNumber || character == "." {
      characters = characters.dropFirst()
      if character == "." {
        if sawPoint { return nil }
        sawPoint = true
      } else {
        digits.append(Int(character.asciiValue! - 48))
        if sawPoint { fractionDigits += 1 }
      }
    }
    guard !digits.isEmpty else { return nil }
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
        // Capped so it cannot overflow; beyond this only overflow matters.
        exponent = min(exponent * 10 + Int(character.asciiValue! - 48), 1_000_000)
      }
      guard exponentDigits > 0 else { return nil }
      if exponentNegative { exponent = -exponent }
    }
    guard characters.isEmpty else { return nil }
    var significant = digits.drop(while: { $0 == 0 })
    isZero = significant.isEmpty
    power = exponent - fractionDigits
    while significant.last == 0 {
      significant = significant.dropLast()
      power += 1
    }
    var value = 0
    for digit in significant {
      let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowAdd) = shifted.addingReportingOverflow(digit)
      if overflowShift || overflowAdd {
        value = -1
        break
      }
      value = sum
    }
    mantissa = value
  }
}
