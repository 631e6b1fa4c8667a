import Estimates
import Testing

@Suite("parseByteCount: SI and IEC units, exact")
struct ByteCountParsingTests {
  static let acceptedCases: [(String, Int)] = [
    ("80GB", 80_000_000_000), ("80gb", 80_000_000_000), ("80 GB", 80_000_000_000), ("24GiB", 24 << 30),
    ("1.5GiB", 1_610_612_736), ("512MiB", 512 << 20), ("1KiB", 1024), ("1TiB", 1 << 40), ("2TB", 2_000_000_000_000),
    ("1.5e9", 1_500_000_000), ("1.5e9B", 1_500_000_000), ("100", 100), ("0", 0), ("0GB", 0), ("3.35e12", 3_350_000_000_000),
    ("0.5KB", 500), (" 7MB ", 7_000_000), ("4096", 4096),
  ]

  @Test("accepted", arguments: acceptedCases)
  func accepted(text: String, expected: Int) throws {
    #expect(try parseByteCount(text) == expected)
  }

  @Test("garbage is not a byte count", arguments: ["", "GB", "abc", "80 G", "80GBs", "1.2.3GB", "e9", "80 iB", "--5"])
  func garbage(text: String) {
    #expect(throws: EstimateError.notAByteCount(text)) { try parseByteCount(text) }
  }

  @Test("negative, fractional and huge counts are errors on one line")
  func invalid() {
    for text in ["-1GB", "0.1B", "1.0000000001KB", "9223372036854775808", "1e30", "16777216TiB"] {
      #expect(throws: EstimateError.self) { try parseByteCount(text) }
      do {
        _ = try parseByteCount(text)
      } catch {
        #expect(!error.description.contains("\n"))
      }
    }
  }
}
