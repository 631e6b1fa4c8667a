import Estimates
import Testing

@Suite("parseParameterCount: exact decimal counts with K, M, B, T")
struct ParameterCountParsingTests {
  static let acceptedCases: [(String, Int)] = [
    ("124439808", 124_439_808),
    ("7B", 7_000_000_000),
    ("7b", 7_000_000_000),
    ("7.5b", 7_500_000_000),
    ("7.5B", 7_500_000_000),
    ("350M", 350_000_000),
    ("350m", 350_000_000),
    ("1.5e9", 1_500_000_000),
    ("1.5E9", 1_500_000_000),
    ("1e+3", 1000),
    ("15e-1K", 1500),
    ("2.5e-1K", 250),
    (".5K", 500),
    ("5.", 5),
    ("1K", 1000),
    ("1k", 1000),
    ("2T", 2_000_000_000_000),
    ("1.75t", 1_750_000_000_000),
    ("+12", 12),
    (" 7B ", 7_000_000_000),
    ("007", 7),
    ("7.000000001B", 7_000_000_001),
    // Exact beyond 2^53, where a Double would round.
    ("9007199254740993", 9_007_199_254_740_993),
    ("9.007199254740993e15", 9_007_199_254_740_993),
    ("9223372036854775807", Int.max),
    ("9.223372036854775807e18", Int.max),
    ("0.000000000001T", 1),
  ]

  @Test("accepted notations", arguments: acceptedCases)
  func accepted(text: String, expected: Int) throws {
    #expect(try parseParameterCount(text) == expected)
  }

  @Test("zero and negative numbers are not positive", arguments: ["-5", "0", "0.0B", "-0", "-7B", "0e5", "000"])
  func notPositive(text: String) {
    #expect(throws: EstimateError.parameterCountNotPositive(text)) { try parseParameterCount(text) }
  }

  @Test("fractions are not whole counts", arguments: ["1.5", "1e-3", "1.2345K", "0.1", "7.0000000001B"])
  func notWhole(text: String) {
    #expect(throws: EstimateError.parameterCountNotWhole(text)) { try parseParameterCount(text) }
  }

  @Test("counts beyond Int.max are too large", arguments: ["9223372036854775808", "1e19", "10000000T", "1e999999999"])
  func tooLarge(text: String) {
    #expect(throws: EstimateError.parameterCountTooLarge(text)) { try parseParameterCount(text) }
  }

  @Test(
    "garbage is not a parameter count",
    arguments: [
      "abc", "", " ", "7G", "7BB", "B", "1e", "1e+", "1.2.3", "inf", "nan", "0x10", "1_000", "1,000", "--5",
      "e9", ".", "7 B", "٣", "1e9B9",
    ])
  func garbage(text: String) {
    #expect(throws: EstimateError.notAParameterCount(text)) { try parseParameterCount(text) }
  }

  @Test("the message quotes the text on one line")
  func message() {
    let error = EstimateError.notAParameterCount("7\nB")
    #expect(error.description.hasPrefix(#""7\nB" is not a parameter count"#))
    #expect(EstimateError.parameterCountNotPositive("-5").description == #""-5" is not a positive parameter count: a model has at least one parameter"#)
  }
}
