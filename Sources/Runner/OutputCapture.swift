#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What one output stream of a child produced: its first `limit` bytes, a
/// count of the bytes after them that were read and dropped, and the last
/// few of those (a crash message comes last, after any flood of output).
///
/// The parent reads the stream for as long as it is open, so a child that
/// prints without end never blocks on a full pipe and is never stopped for
/// printing: only its time limit ends it. Memory stays bounded by `limit`
/// plus `tailLimit`.
struct OutputCapture {
  /// How many bytes from the start are kept.
  let limit: Int
  /// How many of the last dropped bytes are kept.
  let tailLimit: Int
  /// The first bytes, at most `limit`.
  private(set) var head: [UInt8] = []
  /// The last dropped bytes, at most `tailLimit`: a ring whose oldest byte
  /// is at `tailStart` once it is full.
  private var tail: [UInt8] = []
  private var tailStart = 0
  /// How many bytes after `head` were dropped.
  private(set) var droppedBytes = 0

  init(limit: Int, tailLimit: Int = 8 * 1024) {
    self.limit = max(0, limit)
    self.tailLimit = max(0, tailLimit)
  }

  /// Keeps what fits of `bytes` in the head, counts the rest as dropped and
  /// remembers the last of it.
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    var rest = bytes[...]
    let room = limit - head.count
    if room > 0 {
      head.append(contentsOf: rest.prefix(room))
      rest = rest.dropFirst(room)
    }
    guard !rest.isEmpty else { return }
    droppedBytes += rest.count
    guard tailLimit > 0 else { return }
    for byte in rest.suffix(tailLimit) {
      if tail.count < tailLimit {
        tail.append(byte)
      } else {
        tail[tailStart] = byte
        tailStart = (tailStart + 1) % tailLimit
      }
    }
  }

  /// The kept head as text, invalid UTF-8 replaced.
  var text: String { String(decoding: head, as: UTF8.self) }

  /// The last dropped bytes as text (empty when nothing was dropped).
  var tailText: String {
    String(decoding: tail[tailStart...] + tail[..<tailStart], as: UTF8.self)
  }

  /// Reads what `descriptor` has ready without blocking, up to 1 MiB: a
  /// child that writes as fast as we read must not keep the caller from
  /// its deadline.
  ///
  /// - Returns: false once the stream has ended (end of file or an error
  ///   other than "try again").
  mutating func drain(_ descriptor: Int32) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    for _ in 0..<16 {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        buffer.withUnsafeBytes { append(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        continue
      }
      if count == 0 { return false }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK: return true
      default: return false
      }
    }
    return true
  }
}
