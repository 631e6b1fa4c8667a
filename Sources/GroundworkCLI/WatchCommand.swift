import ArgumentParser
import Curriculum
import Foundation
import Runner
import TerminalUI

/// `groundwork watch`: grade the current exercise on every save, and move
/// on when it passes.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Re-grade your exercise on every save; move on when it passes.",
    discussion: """
      Keys: h hint, n next exercise, l list, r re-run, q quit. Saves are noticed \
      with inotify on Linux and kqueue on macOS; --poll checks the file every 250 ms \
      instead (for network folders, containers and editors the notifications miss). \
      Needs a terminal: in scripts and CI use `groundwork check` (with --json).
      """)

  @Argument(help: "The exercise to start with. Default: your next unfinished one.")
  var exercise: String?

  @Flag(help: "Notice saves by checking the file's time and size every 250 ms instead of inotify or kqueue.")
  var poll = false

  @Option(help: "The seed the grader builds its inputs from.")
  var seed: UInt64 = 1

  func run() throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw CLIError(
        "watch needs an interactive terminal; in scripts and CI use `groundwork check` (add --json for a structured report)")
    }
    let workspace = try Workspace.load()
    let progress = try workspace.progress()
    if let exercise { _ = try workspace.exercise(named: exercise) }
    let exercises = workspace.curriculum.exercises
    var loop = WatchLoop(
      order: exercises.map(\.id), completed: Set(progress.completed.keys),
      hintCounts: Dictionary(exercises.map { ($0.id, $0.hints.count) }, uniquingKeysWith: { first, _ in first }),
      hintsShown: progress.hintsShown, start: exercise)
    let session = WatchSession(
      workspace: workspace, grader: ExerciseGrader(project: workspace.project, toolchain: try workspace.toolchain()),
      seed: seed)

    let firstFile = loop.current.flatMap { workspace.curriculum.exercise(id: $0) }.map {
      workspace.project.url($0.exercisePath)
    }
    let watcher = FileWatcher(
      file: firstFile ?? workspace.project.url("Exercises"), preferred: poll ? .polling : .notifications)
    let keyboard: KeyboardMode
    do {
      // Ctrl-C while an endless loop is being graded must take the loop
      // down too: it runs in a process group of its own.
      keyboard = try KeyboardMode(onSignal: { ChildProcess.killRunningGroup() })
    } catch {
      throw CLIError("watch needs an interactive terminal; in scripts and CI use `groundwork check`")
    }
    defer { keyboard.restore() }

    var debouncer = Debouncer(delay: 0.15)
    var pending = loop.handle(.start)
    while true {
      while !pending.isEmpty {
        let action = pending.removeFirst()
        if action == .quit { return }
        if case .follow(let id) = action, let spec = workspace.curriculum.exercise(id: id) {
          watcher.watch(workspace.project.url(spec.exercisePath))
        }
        if let passed = try session.perform(action, current: loop.current, watcher: watcher) {
          pending += loop.handle(.graded(passed: passed))
        }
      }

      // Sleep until a key, a save, the debounce deadline or the next poll.
      var descriptors = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
      if let descriptor = watcher.descriptor {
        descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
      }
      var wait = debouncer.wait(from: Self.now())
      if watcher.method == .polling { wait = min(wait ?? watcher.pollInterval, watcher.pollInterval) }
      let timeout = wait.map { Int32(($0 * 1000).rounded(.up)) } ?? -1
      let ready = systemPoll(&descriptors, timeout: timeout)
      if ready < 0 && errno != EINTR { throw CLIError("watch: cannot wait for input (\(String(cString: strerror(errno))))") }

      if descriptors[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = read(STDIN_FILENO, &bytes, bytes.count)
        if count <= 0 { return }  // the terminal went away
        // An escape sequence (arrow keys and the like) is one key press
        // that means nothing here; skip it whole rather than as letters.
        if bytes[0] == 0x1B {
          pending += loop.handle(.key(0x1B))
        } else {
          for byte in bytes[..<count] { pending += loop.handle(.key(byte)) }
        }
      }
      if watcher.method == .polling || (descriptors.count > 1 && descriptors[1].revents & Int16(POLLIN) != 0) {
        if watcher.drain() { debouncer.signal(at: Self.now()) }
      }
      if debouncer.fire(at: Self.now()) { pending += loop.handle(.saved) }
    }
  }

  /// Seconds on a steady clock.
  static func now() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
  }
}

/// `poll(2)`, under a name the command's `poll` flag does not hide.
private func systemPoll(_ descriptors: inout [pollfd], timeout: Int32) -> Int32 {
  poll(&descriptors, nfds_t(descriptors.count), timeout)
}
