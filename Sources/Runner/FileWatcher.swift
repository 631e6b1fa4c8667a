import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells when one file has been saved.
///
/// On Linux it uses inotify on the file's folder, not on the file itself:
/// many editors save by writing a new file and renaming it over the old one,
/// which would leave a watch on the old file's inode watching nothing. The
/// folder watch reports `IN_CLOSE_WRITE` (a file written in place and
/// closed: one event per save, however many `write` calls it took) and
/// `IN_MOVED_TO` (a file renamed into place), filtered to the watched name.
///
/// On macOS it uses kqueue's vnode events on the file and on its folder
/// (`KQueueWatch`), for the same two ways of saving, and compares the
/// file's metadata to ignore the folder's other files.
///
/// Elsewhere, or when asked (`--poll`), it polls: the file's modification
/// time, size and inode, compared every `pollInterval`.
///
/// The watcher does no waiting of its own: a caller's `poll(2)` loop waits
/// on `descriptor` (when there is one) and calls `drain()` when it is
/// readable, or calls `drain()` every `pollInterval` otherwise.
public final class FileWatcher {
  /// How changes are noticed.
  public enum Method: Sendable, Equatable {
    /// Kernel notifications (inotify on Linux, kqueue on macOS).
    case notifications
    /// Comparing the file's metadata every `pollInterval`.
    case polling
  }

  /// How this watcher notices changes.
  public private(set) var method: Method
  /// The file being watched.
  public private(set) var file: URL
  /// How often a polling watcher looks at the file: 250 ms.
  public let pollInterval: Double = 0.25

  private var inotify: Int32 = -1
  private var watch: Int32 = -1
  private var lastSeen: FileStamp?
  #if canImport(Darwin)
  private var kqueueWatch: KQueueWatch?
  #endif

  /// Watches `file` by `preferred` means, falling back to polling when
  /// notifications are not available (neither Linux nor macOS, the inotify
  /// limits exhausted, or the folder cannot be opened).
  public init(file: URL, preferred: Method = .notifications) {
    self.file = file.standardizedFileURL
    self.method = .polling
    #if os(Linux)
    if preferred == .notifications {
      let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
      if descriptor >= 0 {
        inotify = descriptor
        method = .notifications
      }
    }
    #elseif canImport(Darwin)
    if preferred == .notifications, let watch = KQueueWatch() {
      kqueueWatch = watch
      method = .notifications
    }
    #endif
    startWatching()
  }

  deinit {
    if inotify >= 0 { close(inotify) }
  }

  /// The descriptor that becomes readable when something may have changed;
  /// nil for a polling watcher.
  public var descriptor: Int32? {
    #if canImport(Darwin)
    return kqueueWatch?.descriptor
    #else
    return inotify >= 0 ? inotify : nil
    #endif
  }

  /// Switches to watching `newFile` (the next exercise's file).
  public func watch(_ newFile: URL) {
    #if os(Linux)
    if inotify >= 0 && watch >= 0 {
      inotify_rm_watch(inotify, watch)
      watch = -1
    }
    #endif
    file = newFile.standardizedFileURL
    startWatching()
  }

  /// Whether the file was saved since the last call. Reads every pending
  /// notification, so one save that arrives as several events counts once.
  public func drain() -> Bool {
    switch method {
    case .polling:
      let now = FileStamp(file)
      defer { lastSeen = now }
      return now != nil && now != lastSeen
    case .notifications:
      return drainNotifications()
    }
  }

  private func startWatching() {
    lastSeen = FileStamp(file)
    #if os(Linux)
    guard inotify >= 0 else { return }
    let folder = file.deletingLastPathComponent().path
    watch = inotify_add_watch(inotify, folder, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO))
    if watch < 0 {
      // Out of watches (or the folder is gone): polling still works.
      close(inotify)
      inotify = -1
      method = .polling
    }
    #elseif canImport(Darwin)
    guard let kqueueWatch else { return }
    if !kqueueWatch.watch(file.path, folder: file.deletingLastPathComponent().path) {
      self.kqueueWatch = nil
      method = .polling
    }
    #endif
  }

  private func drainNotifications() -> Bool {
    #if os(Linux)
    let name = Array(file.lastPathComponent.utf8)
    var changed = false
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      // struct inotify_event: wd (4), mask (4), cookie (4), len (4), then
      // `len` bytes of name padded with NULs.
      var offset = 0
      while offset + 16 <= count {
        let length = buffer.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)) }
        let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
        if Array(nameBytes) == name { changed = true }
        offset += 16 + length
      }
    }
    return changed
    #elseif canImport(Darwin)
    // The folder's events are for any of its files: only a change in the
    // watched file's own metadata is a save of it.
    guard let kqueueWatch, kqueueWatch.drain() else { return false }
    let now = FileStamp(file)
    defer { lastSeen = now }
    return now != nil && now != lastSeen
    #else
    return false
    #endif
  }
}

/// What polling compares: a save changes at least one of these.
private struct FileStamp: Equatable {
  var seconds: Int
  var nanoseconds: Int
  var size: Int
  var inode: UInt64

  init?(_ file: URL) {
    var info = stat()
    guard stat(file.path, &info) == 0 else { return nil }
    #if canImport(Darwin)
    seconds = Int(info.st_mtimespec.tv_sec)
    nanoseconds = Int(info.st_mtimespec.tv_nsec)
    #else
    seconds = Int(info.st_mtim.tv_sec)
    nanoseconds = Int(info.st_mtim.tv_nsec)
    #endif
    size = Int(info.st_size)
    inode = UInt64(info.st_ino)
  }
}
