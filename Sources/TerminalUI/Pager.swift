#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Shows long text through the learner's pager, as `git` and `man` do.
///
/// The pager is `$PAGER` when it is set and not empty, `less -R` otherwise
/// (`-R` so that colour escapes are drawn rather than shown). Text is paged
/// only when stdout is a terminal and the text has more lines than the
/// screen; anything else is printed as it is.
public struct Pager: Sendable {
  /// The shell command that pages standard input, e.g. `less -R`.
  public var command: String

  /// The pager the environment asks for: `PAGER`, or `less -R`.
  public init(environment: [String: String]) {
    let chosen = environment["PAGER"]?.trimmingCharacters(in: " \t")
    command = (chosen?.isEmpty ?? true) ? "less -R" : chosen!
  }

  /// Whether `text` should go through the pager: stdout is a terminal
  /// (`stdoutIsTTY`) and the text is longer than the screen's
  /// `screenRows` (when those are unknown, nothing is paged).
  public static func shouldPage(_ text: String, stdoutIsTTY: Bool, screenRows: Int?) -> Bool {
    guard stdoutIsTTY, let screenRows, screenRows > 0 else { return false }
    var lines = 0
    for character in text.utf8 where character == UInt8(ascii: "\n") {
      lines += 1
      if lines >= screenRows { return true }
    }
    return false
  }

  /// Runs the pager with `text` on its standard input and waits for the
  /// learner to leave it. Returns false when the pager could not be started,
  /// so that the caller can print the text instead.
  ///
  /// While the pager runs, this process ignores SIGINT (the pager handles
  /// Ctrl-C itself; dying under it would leave the terminal to a pager with
  /// no input) and SIGPIPE (the learner may quit before reading it all).
  public func show(_ text: String) -> Bool {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return false }
    let (readEnd, writeEnd) = (fds[0], fds[1])

    let previousInterrupt = signal(SIGINT, SIG_IGN)
    let previousPipe = signal(SIGPIPE, SIG_IGN)
    defer {
      signal(SIGINT, previousInterrupt)
      signal(SIGPIPE, previousPipe)
    }

    guard let pid = spawn(readEnd: readEnd, writeEnd: writeEnd) else {
      close(readEnd)
      close(writeEnd)
      return false
    }
    close(readEnd)
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(writeEnd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          break  // EPIPE: the learner quit the pager early
        }
        offset += written
      }
    }
    close(writeEnd)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // `sh -c` answers 127 when the pager's program does not exist.
    let exited = status & 0x7f == 0
    return !(exited && (status >> 8) & 0xff == 127)
  }

  private func spawn(readEnd: Int32, writeEnd: Int32) -> pid_t? {
    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    var attributes: posix_spawnattr_t? = nil
    #else
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
    posix_spawn_file_actions_addclose(&actions, writeEnd)
    posix_spawn_file_actions_addclose(&actions, readEnd)
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Ignored signals survive exec: the pager must get SIGINT and SIGPIPE
    // back with their default meaning.
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)

    let words: [String] = ["/bin/sh", "-c", command]
    var arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
    arguments.append(nil)
    defer { arguments.forEach { free($0) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environ)
    return status == 0 ? pid : nil
  }
}

/// The number of rows of the terminal on stdout: `LINES` when it holds a
/// positive integer, else `TIOCGWINSZ`, else nil (not a terminal).
public func terminalHeight(environment: [String: String]) -> Int? {
  if let lines = environment["LINES"], let value = Int(lines), value > 0 { return value }
  #if canImport(Darwin) || canImport(Glibc) || canImport(Musl)
  var size = winsize()
  if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 {
    return Int(size.ws_row)
  }
  #endif
  return nil
}

extension String {
  /// The string without leading and trailing characters from `set`.
  fileprivate func trimmingCharacters(in set: String) -> String {
    var view = Substring(self)
    while let first = view.first, set.contains(first) { view.removeFirst() }
    while let last = view.last, set.contains(last) { view.removeLast() }
    return String(view)
  }
}
