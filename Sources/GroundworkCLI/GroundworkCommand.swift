import ArgumentParser
import Foundation

/// The `groundwork` command: the learner's loop (status, list, read, check,
/// watch, hint, reset, solution) and the instructor's `validate`.
///
/// Exit codes scripts can rely on: 0 when everything asked for passed, 1
/// when a check failed, 2 on a usage or set-up error.
struct GroundworkCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "groundwork",
    abstract: "A terminal curriculum for ML engineering fundamentals.",
    discussion: """
      The daily loop: `groundwork` shows where you are, `groundwork read` the \
      lesson, you edit the exercise file, `groundwork check` grades it (or \
      `groundwork watch` grades it on every save).
      """,
    subcommands: [
      StatusCommand.self, ListCommand.self, ReadCommand.self, CheckCommand.self, WatchCommand.self, HintCommand.self,
      ResetCommand.self, SolutionCommand.self, ValidateCommand.self, SyncCommand.self, NewCommand.self,
      GradeCommand.self, StatsCommand.self, MemoryCommand.self, FlopsCommand.self, BenchCommand.self,
    ],
    defaultSubcommand: StatusCommand.self
  )
}

@main
enum Main {
  static func main() {
    do {
      var command = try GroundworkCommand.parseAsRoot()
      try command.run()
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch let error as CLIError {
      FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
      Foundation.exit(2)
    } catch {
      if GroundworkCommand.exitCode(for: error) == .success {
        print(GroundworkCommand.fullMessage(for: error))
        Foundation.exit(0)
      }
      // Everything that is not a failed check (which exits through ExitCode)
      // is a usage or set-up problem: one line, with where to look for more.
      let message = GroundworkCommand.message(for: error).split(separator: "\n").first.map(String.init)
      let line = (message?.isEmpty == false ? message! : "\(error)") + " (see `groundwork help`)"
      let prefixed = line.hasPrefix("Error: ") ? "error: " + line.dropFirst(7) : "error: " + line
      FileHandle.standardError.write(Data((prefixed + "\n").utf8))
      Foundation.exit(2)
    }
  }
}

/// A usage or set-up problem, reported as `error: MESSAGE` with exit code 2.
struct CLIError: Error, CustomStringConvertible {
  /// One line naming the place and what to do.
  var message: String

  init(_ message: String) {
    self.message = message
  }

  var description: String { message }
}
