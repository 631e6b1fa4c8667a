import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program in its own process group with a wall-clock limit, its
/// output sent to files rather than pipes.
///
/// Files instead of pipes because a child that floods its output cannot then
/// block on a full pipe while we wait for it (a known way to deadlock with
/// Foundation's `Process`), and because the size of a file can be capped by
/// the kernel (`ulimit -f`). A process group because compilers and learners'
/// programs start children of their own, and a time-out must kill them all.
public struct ChildProcess: Sendable {
  /// Limits applied to the child through the shell's `ulimit` before `exec`.
  public struct Limits: Sendable {
    /// Wall-clock limit in seconds.
    public var seconds: Double
    /// Largest file the child may write (its stdout and stderr included), in bytes.
    public var maxOutputBytes: Int?
    /// Largest virtual address space, in bytes.
    public var maxMemoryBytes: Int?

    /// Limits of `seconds` wall-clock time and, optionally, output and memory.
    public init(seconds: Double, maxOutputBytes: Int? = nil, maxMemoryBytes: Int? = nil) {
      self.seconds = seconds
      self.maxOutputBytes = maxOutputBytes
      self.maxMemoryBytes = maxMemoryBytes
    }
  }

  /// How the child ended.
  public enum Termination: Sendable, Equatable {
    /// It called `exit` with this status.
    case exited(Int32)
    /// A signal ended it (a trap is SIGILL or SIGTRAP; SIGXFSZ means the
    /// output cap was hit).
    case signaled(Int32)
    /// It was still running at the limit and was killed.
    case timedOut
  }

  /// What the child did.
  public struct Outcome: Sendable {
    /// How it ended.
    public var termination: Termination
    /// The start of its standard output (at most `keptBytes`), as UTF-8 with
    /// invalid bytes replaced.
    public var stdout: String
    /// The start of its standard error, likewise.
    public var stderr: String
    /// Whether more output was produced than kept.
    public var outputTruncated: Bool
    /// Wall-clock seconds from start to end.
    public var seconds: Double
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
  /// How many bytes of stdout and of stderr to keep in the outcome.
  public var keptBytes = 64 * 1024

  /// A child running `executable` with `arguments` under `limits`.
  public init(executable: String, arguments: [String], limits: Limits) {
    self.executable = executable
    self.arguments = arguments
    self.limits = limits
  }

  /// Starts the child and waits for it or for the limit.
  ///
  /// - Throws: `RunnerError` when the program cannot be started at all.
  public func run() throws(RunnerError) -> Outcome {
    let scratch: URL
    do {
      scratch = try FileManager.default.url(
        for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: URL(fileURLWithPath: "/tmp"),
        create: true)
    } catch {
      throw RunnerError(.setup, "cannot create a temporary folder: \(error)")
    }
    defer { try? FileManager.default.removeItem(at: scratch) }
    let stdoutPath = scratch.appendingPathComponent("stdout").path
    let stderrPath = scratch.appendingPathComponent("stderr").path

    // The shell applies the limits and then replaces itself with the
    // program, so the pid we wait for is the program's.
    var script = ""
    if let bytes = limits.maxOutputBytes { script += "ulimit -f \(max(1, bytes / 512)) 2>/dev/null; " }
    if let bytes = limits.maxMemoryBytes { script += "ulimit -v \(max(1, bytes / 1024)) 2>/dev/null; " }
    if let workingDirectory { script += "cd \(shellQuoted(workingDirectory)) || exit 126; " }
    script += "exec \"$0\" \"$@\""
    let argv = ["/bin/sh", "-c", script, executable] + arguments

    var environmentPairs = ProcessInfo.processInfo.environment
    for (key, value) in environment { environmentPairs[key] = value }
    let envp = environmentPairs.map { "\($0.key)=\($0.value)" }

    let start = DispatchTime.now().uptimeNanoseconds
    let pid = try spawn(argv: argv, envp: envp, stdoutPath: stdoutPath, stderrPath: stderrPath)
    runningChildGroup = pid
    let termination = wait(for: pid, deadline: start + UInt64(limits.seconds * 1e9))
    if runningChildGroup == pid { runningChildGroup = 0 }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

    let (stdout, stdoutMore) = readPrefix(stdoutPath)
    let (stderr, stderrMore) = readPrefix(stderrPath)
    return Outcome(
      termination: termination, stdout: stdout, stderr: stderr, outputTruncated: stdoutMore || stderrMore,
      seconds: seconds)
  }

  private func spawn(argv: [String], envp: [String], stdoutPath: String, stderrPath: String) throws(RunnerError)
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
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
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
    sigaddset(&defaultSignals, SIGXFSZ)
    posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
    // Our own process may run with signals blocked (test runners do); the
    // child starts with none blocked, so the output cap's SIGXFSZ stops it.
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

  /// Polls for the child's end, briefly at first (most runs end within
  /// milliseconds), then every 5 ms, and kills the whole group at the deadline.
  private func wait(for pid: pid_t, deadline: UInt64) -> Termination {
    var status: Int32 = 0
    var pause: useconds_t = 200
    while true {
      let result = waitpid(pid, &status, WNOHANG)
      if result == pid { break }
      if result < 0 && errno != EINTR { return .exited(-1) }
      if DispatchTime.now().uptimeNanoseconds >= deadline {
        killpg(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return .timedOut
      }
      usleep(pause)
      pause = min(pause * 2, 5_000)
    }
    // Reap anything the child left running in its group.
    killpg(pid, SIGKILL)
    let signal = status & 0x7f
    if signal == 0 { return .exited((status >> 8) & 0xff) }
    return .signaled(signal)
  }

  /// `text` as one single-quoted shell word.
  private func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  private func readPrefix(_ path: String) -> (String, Bool) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return ("", false) }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: keptBytes + 1)) ?? Data()
    let truncated = data.count > keptBytes
    return (String(decoding: data.prefix(keptBytes), as: UTF8.self), truncated)
  }
}
