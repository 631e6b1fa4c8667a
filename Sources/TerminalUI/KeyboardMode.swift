#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Puts the terminal on standard input into single-key mode (no line
/// buffering, no echo) and puts it back, on every way out.
///
/// Only `ICANON` and `ECHO` are turned off: output processing stays on, so
/// `\n` still starts a new line, and `ISIG` stays on, so Ctrl-C still sends
/// SIGINT. SIGINT, SIGTERM, SIGHUP and SIGQUIT are caught while the mode is
/// on: the handler restores the saved settings and ends the process with the
/// usual status for the signal (128 + its number), so a learner's shell is
/// never left without echo. Ctrl-Z (SIGTSTP) gives the shell its settings
/// back before stopping, and single-key mode returns with `fg`.
public final class KeyboardMode {
  /// Switches standard input to single-key mode. `onSignal`, when given,
  /// runs in the signal handler before the process ends, so it must be
  /// async-signal-safe (`kill`, `write`; no allocation, no locks).
  ///
  /// - Throws: `KeyboardMode.Failure` when standard input is not a terminal.
  public init(onSignal: (@convention(c) () -> Void)? = nil) throws(Failure) {
    var settings = termios()
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &settings) == 0 else {
      throw Failure()
    }
    savedSettings = settings
    hasSavedSettings = true
    signalCleanup = onSignal
    for signalNumber in Self.signals { signal(signalNumber, restoreAndExit) }
    var single = settings
    single.c_lflag &= ~tcflag_t(ICANON | ECHO)
    // VMIN 1, VTIME 0: a read returns as soon as one byte is there.
    withUnsafeMutableBytes(of: &single.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    singleKeySettings = single
    signal(SIGTSTP, suspend)
    tcsetattr(STDIN_FILENO, TCSANOW, &single)
  }

  deinit { restore() }

  /// Puts the saved settings back and stops catching signals; safe to call
  /// more than once.
  public func restore() {
    guard hasSavedSettings else { return }
    var settings = savedSettings
    tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    hasSavedSettings = false
    for signalNumber in Self.signals + [SIGTSTP] { signal(signalNumber, SIG_DFL) }
  }

  /// Standard input is not a terminal.
  public struct Failure: Error, Sendable {}

  private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
}

// The signal handler can reach only global state. One process has one
// terminal, and the settings are written before the handler is installed
// and read only by it or by `restore()`, so unsynchronised access is sound.
nonisolated(unsafe) private var savedSettings = termios()
nonisolated(unsafe) private var hasSavedSettings = false
nonisolated(unsafe) private var signalCleanup: (@convention(c) () -> Void)?
nonisolated(unsafe) private var singleKeySettings = termios()

/// Ctrl-Z: put the shell's settings back, stop for real (the default action
/// of SIGTSTP, raised again with our handler out of the way), and on `fg`
/// take single-key mode back.
private func suspend(_ signalNumber: Int32) {
  guard hasSavedSettings else { return }
  tcsetattr(STDIN_FILENO, TCSANOW, &savedSettings)
  signal(SIGTSTP, SIG_DFL)
  // SIGTSTP is blocked while its handler runs: unblock it, or the raise
  // would only be delivered (to this handler again) once it returns.
  var stop = sigset_t()
  sigemptyset(&stop)
  sigaddset(&stop, SIGTSTP)
  sigprocmask(SIG_UNBLOCK, &stop, nil)
  raise(SIGTSTP)
  // Execution continues here after SIGCONT.
  signal(SIGTSTP, suspend)
  tcsetattr(STDIN_FILENO, TCSANOW, &singleKeySettings)
}

private func restoreAndExit(_ signalNumber: Int32) {
  signalCleanup?()
  if hasSavedSettings {
    tcsetattr(STDIN_FILENO, TCSANOW, &savedSettings)
  }
  // Leave the cursor on a fresh line so the shell prompt starts clean.
  let newline: [UInt8] = [UInt8(ascii: "\n")]
  _ = newline.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, 1) }
  _exit(128 + signalNumber)
}
