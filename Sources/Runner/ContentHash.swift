/// A 64-bit FNV-1a hash of byte sequences, as 16 hex digits: the key of the
/// compile cache and of the gradebook's "already graded" check. Neither
/// needs cryptographic strength: a collision would take inputs chosen
/// against 64 bits, and the worst outcome is a stale grade, not a breach.
public struct ContentHash: Sendable {
  private var value: UInt64 = 0xcbf2_9ce4_8422_2325

  /// An empty hash.
  public init() {}

  /// Mixes in `bytes`, followed by a separator so that ("ab", "c") and
  /// ("a", "bc") hash differently.
  public mutating func mix<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes {
      value ^= UInt64(byte)
      value &*= 0x0000_0100_0000_01b3
    }
    value ^= 0xff
    value &*= 0x0000_0100_0000_01b3
  }

  /// The hash as 16 lowercase hex digits.
  public var hex: String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// The hash of one byte sequence.
  public static func of<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var hash = ContentHash()
    hash.mix(bytes)
    return hash.hex
  }
}
