import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program in its own process group with a wall-clock limit, a
/// memory limit, and a cap on how much of its output is kept.
///
/// Output comes through pipes that the parent reads while it waits, so a
/// child that floods its output neither blocks on a full pipe (the known
/// way to deadlock with Foundation's `Process`) nor is stopped for it: the
/// first `maxOutputBytes` of each stream are kept and the rest is read and
/// dropped, with a count. A process group because compilers and learners'
/// programs start children of their own, and a time-out must kill them all.
public struct ChildProcess: Sendable {
  /// Limits on the child: time, kept output, memory.
  public struct Limits: Sendable {
    /// Wall-clock limit in seconds.
    public var seconds: Double
    /// How many bytes of standard output, and of standard error, are kept;
    /// what comes after is read and dropped (the child keeps running).
    public var maxOutputBytes: Int
    /// Most memory the child may allocate, in bytes, as `RLIMIT_DATA`.
    ///
    /// Not `RLIMIT_AS`: a program linked with OpenBLAS reserves about
    /// 140 MB of address space per BLAS thread at start-up (a 128 MiB
    /// buffer and a stack), and glibc reserves 64 MiB of address space per
    /// thread's malloc arena, so a 2 GiB address-space limit would stop
    /// a learner's program before it ran on a machine with 16 cores or
    /// more. `RLIMIT_DATA` counts only writable private memory (what malloc
    /// and anonymous mmap hand out), not address space that is merely
    /// reserved, so the limit means what the learner allocates, give or
    /// take the runtime's own buffers. macOS does not enforce it.
    public var maxMemoryBytes: Int?

    /// Limits of `seconds` wall-clock time, `maxOutputBytes` kept of each
    /// output stream (1 MiB unless given) and, optionally, memory.
    public init(seconds: Double, maxOutputBytes: Int = 1 << 20, maxMemoryBytes: Int? = nil) {
      self.seconds = seconds
      self.maxOutputBytes = maxOutputBytes
      self.maxMemoryBytes = maxMemoryBytes
    }
  }

  /// How the child ended.
  public enum Termination: Sendable, Equatable {
    /// It called `exit` with this status.
    case exited(Int32)
    /// A signal ended it (a trap is SIGILL or SIGTRAP).
    case signaled(Int32)
    /// It was still running at the limit and was killed.
    case timedOut
  }

  /// What the child did.
  public struct Outcome: Sendable {
    /// How it ended.
    public var termination: Termination
    /// The start of its standard output (at most `Limits.maxOutputBytes`),
    /// as UTF-8 with invalid bytes replaced.
    public var stdout: String
    /// The start of its standard error, likewise.
    public var stderr: String
    /// The last few kilobytes of standard error that were dropped, empty
    /// when none was: the runtime prints a crash message last, after
    /// whatever flood of output came first.
    public var stderrTail: String = ""
    /// How many bytes of standard output were read and dropped.
    public var droppedStdoutBytes: Int = 0
    /// How many bytes of standard error were read and dropped.
    public var droppedStderrBytes: Int = 0
    /// Wall-clock seconds from start to end.
    public var seconds: Double

    /// Whether more output was produced than kept.
    public var outputTruncated: Bool { droppedStdoutBytes > 0 || droppedStderrBytes > 0 }
  }

  /// The executable: an absolute path.
  public var executable: String
  /// Its arguments (without the program name).
  public var arguments: [String]
  /// Environment variables to set on top of the current environment.
  public var environment: [String: String] = [:]
  /// The working directory; the current one when nil.
  public var workingDirectory: String?
  /// Limits on time, output and memory.
  public var limits: Limits
  /// A child running `executable` with `arguments` under `limits`.
  public init(executable: String, arguments: [String], limits: Limits) {
    self.executable = executable
    self.arguments = arguments
    self.limits = limits
  }

  /// Starts the child and waits for it or for the limit, reading its
  /// output meanwhile.
  ///
  /// - Throws: `RunnerError` when the program cannot be started at all.
  public func run() throws(RunnerError) -> Outcome {
    // The shell applies the limits and then replaces itself with the
    // program, so the pid we wait for is the program's.
    var script = ""
    if let bytes = limits.maxMemoryBytes { script += "ulimit -d \(max(1, bytes / 1024)) 2>/dev/null; " }
    if let workingDirectory { script += "cd \(shellQuoted(workingDirectory)) || exit 126; " }
    script += "exec \"$0\" \"$@\""
    let argv = ["/bin/sh", "-c", script, executable] + arguments

    var environmentPairs = ProcessInfo.processInfo.environment
    for (key, value) in environment { environmentPairs[key] = value }
    let envp = environmentPairs.map { "\($0.key)=\($0.value)" }

    var stdoutPipe: [Int32] = [-1, -1]
    var stderrPipe: [Int32] = [-1, -1]
    guard pipe(&stdoutPipe) == 0 else { throw RunnerError(.setup, "cannot create a pipe: \(errnoText())") }
    guard pipe(&stderrPipe) == 0 else {
      stdoutPipe.forEach { close($0) }
      throw RunnerError(.setup, "cannot create a pipe: \(errnoText())")
    }
    // No end may leak into a child that another thread starts meanwhile
    // (validate grades in parallel): a stray copy of a write end would hold
    // the pipe open after our child is gone. The child's own copies, made
    // by dup2 onto 1 and 2, do not inherit the flag.
    for descriptor in stdoutPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
    for descriptor in [stdoutPipe[0], stderrPipe[0]] {
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    }

    let start = DispatchTime.now().uptimeNanoseconds
    let pid: pid_t
    do {
      pid = try spawn(argv: argv, envp: envp, stdout: stdoutPipe, stderr: stderrPipe)
    } catch {
      (stdoutPipe + stderrPipe).forEach { close($0) }
      throw error
    }
    // The child holds the write ends now; ours would keep the pipes open.
    close(stdoutPipe[1])
    close(stderrPipe[1])
    defer {
      close(stdoutPipe[0])
      close(stderrPipe[0])
    }
    runningChildGroup = pid
    var captures = [OutputCapture(limit: limits.maxOutputBytes), OutputCapture(limit: limits.maxOutputBytes)]
    let termination = wait(
      for: pid, deadline: start + UInt64(limits.seconds * 1e9), reading: [stdoutPipe[0], stderrPipe[0]],
      into: &captures)
    if runningChildGroup == pid { runningChildGroup = 0 }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

    return Outcome(
      termination: termination, stdout: captures[0].text, stderr: captures[1].text, stderrTail: captures[1].tailText,
      droppedStdoutBytes: captures[0].droppedBytes, droppedStderrBytes: captures[1].droppedBytes, seconds: seconds)
  }

  private func spawn(argv: [String], envp: [String], stdout: [Int32], stderr: [Int32]) throws(RunnerError)
    -> pid_t
  {
    #if canImport(Darwin)
      var actions: posix_spawn_file_actions_t? = nil
      var attributes: posix_spawnattr_t? = nil
    #else
      var actions = posix_spawn_file_actions_t()
      var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout[1], 1)
    posix_spawn_file_actions_adddup2(&actions, stderr[1], 2)
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A new process group whose id is the child's pid: killpg reaches every
    // descendant that did not leave the group.
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    posix_spawnattr_setpgroup(&attributes, 0)
    var defaultSignals = sigset_t()
    sigemptyset(&defaultSignals)
    sigaddset(&defaultSignals, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
    // Our own process may run with signals blocked (test runners do); the
    // child starts with none blocked, as a program started from a shell.
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)

    var cArguments = argv.map { strdup($0) }
    cArguments.append(nil)
    var cEnvironment = envp.map { strdup($0) }
    cEnvironment.append(nil)
    defer {
      cArguments.forEach { free($0) }
      cEnvironment.forEach { free($0) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
    guard status == 0 else {
      throw RunnerError(.setup, "cannot start \(executable): \(String(cString: strerror(status)))")
    }
    return pid
  }

  /// Reads the child's output while polling for its end, briefly at first
  /// (most runs end within milliseconds), then every 5 ms, and kills the
  /// whole group at the deadline.
  private func wait(
    for pid: pid_t, deadline: UInt64, reading descriptors: [Int32], into captures: inout [OutputCapture]
  ) -> Termination {
    var open = [true, true]
    var status: Int32 = 0
    var ended: Termination?
    var pause = 200
    while ended == nil {
      readReady(descriptors, open: &open, captures: &captures, waitingMicroseconds: pause)
      pause = min(pause * 2, 5_000)
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid {
        let signal = status & 0x7f
        ended = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
      } else if result < 0 && errno != EINTR {
        ended = .exited(-1)
      } else if DispatchTime.now().uptimeNanoseconds >= deadline {
        killpg(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        ended = .timedOut
      }
    }
    // Reap anything the child left running in its group; then the pipes
    // reach their end, unless a descendant left the group and still holds
    // them, which gets half a second more.
    killpg(pid, SIGKILL)
    let drainDeadline = DispatchTime.now().uptimeNanoseconds + 500_000_000
    while open.contains(true) && DispatchTime.now().uptimeNanoseconds < drainDeadline {
      readReady(descriptors, open: &open, captures: &captures, waitingMicroseconds: 50_000)
    }
    return ended ?? .exited(-1)
  }

  /// Waits up to `waitingMicroseconds` (rounded up to whole milliseconds,
  /// poll's unit) for output on the open descriptors and reads what is
  /// ready; sleeps instead when none is open.
  private func readReady(
    _ descriptors: [Int32], open: inout [Bool], captures: inout [OutputCapture], waitingMicroseconds: Int
  ) {
    var polled = descriptors.indices.filter { open[$0] }.map {
      pollfd(fd: descriptors[$0], events: Int16(POLLIN), revents: 0)
    }
    guard !polled.isEmpty else {
      usleep(useconds_t(waitingMicroseconds))
      return
    }
    guard poll(&polled, nfds_t(polled.count), Int32((waitingMicroseconds + 999) / 1000)) > 0 else { return }
    for entry in polled where entry.revents != 0 {
      guard let index = descriptors.firstIndex(of: entry.fd) else { continue }
      open[index] = captures[index].drain(entry.fd)
    }
  }

  /// `text` as one single-quoted shell word.
  private func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  private func errnoText() -> String { String(cString: strerror(errno)) }
}
