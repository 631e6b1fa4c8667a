import ArgumentParser

/// `groundwork memory …`: memory arithmetic for training and serving, the
/// reference implementation behind the memory lessons' graders.
struct MemoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory",
    abstract: "Estimate the memory a model needs (exact byte counts).",
    subcommands: [MemoryTrainingCommand.self, MemoryInferenceCommand.self, MemoryMeasureCommand.self]
  )
}
