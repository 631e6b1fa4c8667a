import Foundation

#if canImport(Glibc)
import Glibc
#endif

#if os(Linux)
/// A program running on a pseudo-terminal, driven like a learner's
/// terminal: keys are written to the master side and whatever the program
/// draws is read back from it.
///
/// `posix_openpt` is not exported by the Glibc module, so the master is
/// opened as `/dev/ptmx` and unlocked with the Linux ioctls `TIOCSPTLCK`
/// and `TIOCGPTN` (whose request numbers are fixed by the kernel ABI).
final class PseudoTerminal {
  let master: Int32
  let pid: pid_t
  private(set) var output = ""
  private var exitStatus: Int32?

  /// Starts `argv` in `directory` with the terminal as its stdin, stdout and stderr.
  init(_ argv: [String], directory: String, environment: [String: String]) throws {
    master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
    guard master >= 0 else { throw Failure("cannot open /dev/ptmx") }
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
      throw Failure("cannot unlock the pseudo-terminal")
    }
    let slavePath = "/dev/pts/\(number)"
    var size = winsize(ws_row: 50, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A process group of its own, and no signals blocked or ignored from
    // the test runner.
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    posix_spawnattr_setpgroup(&attributes, 0)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)

    let script = "cd '\(directory)' && exec \"$0\" \"$@\""
    var arguments = (["/bin/sh", "-c", script] + argv).map { strdup($0) }
    arguments.append(nil)
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    var environmentPointers = merged.map { strdup("\($0.key)=\($0.value)") }
    environmentPointers.append(nil)
    defer {
      arguments.forEach { free($0) }
      environmentPointers.forEach { free($0) }
    }
    var child: pid_t = 0
    let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, arguments, environmentPointers)
    guard status == 0 else { throw Failure("cannot start \(argv[0]): \(String(cString: strerror(status)))") }
    pid = child
  }

  deinit {
    if exitStatus == nil {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
    }
    close(master)
  }

  /// Types `text` as keys.
  func type(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Reads until the output (since `from`) contains `text`, or until
  /// `seconds` pass; returns whether it appeared.
  @discardableResult
  func waitFor(_ text: String, after from: String.Index? = nil, seconds: Double = 60) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if contains(text, after: from) { return true }
      readAvailable(timeoutMilliseconds: 100)
    }
    return contains(text, after: from)
  }

  private func contains(_ text: String, after from: String.Index?) -> Bool {
    guard let from else { return output.contains(text) }
    return output[from...].contains(text)
  }

  /// The end of the output so far, to wait for something new after it.
  var mark: String.Index { output.endIndex }

  /// Waits for the program to end (reading what it prints meanwhile) and
  /// returns its exit status, or nil if it is still running after `seconds`.
  func waitForExit(seconds: Double = 20) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      readAvailable(timeoutMilliseconds: 50)
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        readAvailable(timeoutMilliseconds: 50)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
      }
    }
    return nil
  }

  /// The terminal's settings as the program left them.
  func settings() -> termios {
    var settings = termios()
    tcgetattr(master, &settings)
    return settings
  }

  private func readAvailable(timeoutMilliseconds: Int32) {
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = read(master, &buffer, buffer.count)
    if count > 0 { output += String(decoding: buffer[..<count], as: UTF8.self) }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
#endif
