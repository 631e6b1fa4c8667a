#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process group of the child that `ChildProcess.run()` is waiting for,
/// 0 when none.
///
/// Global because a signal handler can reach nothing else. It is written
/// around each run and read only by `killRunningGroup()`. When several
/// children run at once (validate grades in parallel) it holds one of them;
/// it exists for an interactive command that runs one child at a time.
nonisolated(unsafe) var runningChildGroup: pid_t = 0

extension ChildProcess {
  /// Kills the whole process group of the child being waited for, if any.
  ///
  /// Async-signal-safe, for a SIGINT handler: a learner who presses Ctrl-C
  /// while `watch` grades an endless loop must not leave it running once
  /// the tool has gone (the child is in its own process group, so the
  /// terminal's SIGINT does not reach it).
  public static func killRunningGroup() {
    let group = runningChildGroup
    if group > 0 { killpg(group, SIGKILL) }
  }
}
