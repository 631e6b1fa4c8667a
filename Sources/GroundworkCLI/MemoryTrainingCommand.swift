import ArgumentParser
import Estimates
import Foundation

/// `groundwork memory training`: bytes of weights, gradients, optimizer
/// states and activations for one training step.
///
/// Every option is read as text and checked here rather than by the argument
/// parser, so that each bad value, `--params -5` included (which the parser
/// would take for a flag), ends in one line on stderr and exit status 2, as
/// the toolbox contract asks; the parser's own errors append the usage.
struct MemoryTrainingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "training",
    abstract: "Bytes of weights, gradients, optimizer states and activations for training.",
    usage: """
      groundwork memory training --params N --optimizer O --precision P [--zero Z --devices D] [--json]
      groundwork memory training --layers L --hidden H --heads A --seq S --vocab V --batch B \
      --optimizer O --precision P [--checkpointing C] [--zero Z --devices D] [--json]
      """,
    discussion: """
      Model states follow ZeRO (Rajbhandari et al. 2020): fp32 keeps 4 bytes per \
      parameter of weights and 4 of gradients; mixed precision 2 and 2, plus a 4-byte \
      fp32 master copy with the optimizer (16 bytes per parameter for Adam; \
      adam-8bit keeps 2 bytes of state, Dettmers et al. 2022). With --zero 1, 2 or 3 \
      over --devices N the optimizer states, then gradients, then weights are \
      divided among N devices and every figure is per device (ZeRO stages). \
      Activations follow Korthikanti et al. 2022 for a GPT-style transformer: per layer \
      s·b·h·(34 + 5·a·s/h) bytes, 34·s·b·h with selective and 2·s·b·h with full \
      recomputation, doubled for fp32. Parameters of a transformer: \
      12·L·H² + 13·L·H + V·H + S·H + 2·H (GPT-2's layout). GB = 10^9 bytes, GiB = 2^30 bytes.
      """
  )

  @OptionGroup var params: ParameterCountOption
  @OptionGroup var size: ModelSizeOptions
  @OptionGroup var tokens: SequenceBatchOptions
  @OptionGroup var vocabulary: VocabularyOption
  @OptionGroup var setup: TrainingSetupOptions

  @Option(
    name: .customLong("zero"), parsing: .unconditional,
    help: ArgumentHelp(
      "ZeRO stage: 0 (none), 1 (optimizer states), 2 (+ gradients), 3 (+ weights).", valueName: "Z"))
  var zero: String = "0"

  @Option(
    name: .customLong("devices"), parsing: .unconditional,
    help: ArgumentHelp("Data-parallel devices ZeRO partitions over (default 1).", valueName: "D"))
  var devices: String?

  @OptionGroup var output: JSONOutputOption

  // Collects anything the options above do not name, so that a stray word
  // gets the same one-line error as a bad value.
  @Argument(parsing: .allUnrecognized, help: .private)
  var unrecognized: [String] = []

  func run() throws {
    let request = try resolve()
    if output.json {
      print(MemoryReport.json(request.memory))
    } else {
      print(MemoryReport.table(request), terminator: "")
    }
  }

  /// The options, checked, and the estimate they ask for; a `CLIError`
  /// naming the first problem otherwise.
  func resolve() throws -> MemoryRequest {
    if let first = unrecognized.first {
      throw CLIError("unexpected argument \(first.debugDescription) (see groundwork memory training --help)")
    }
    let optimizer = try Self.choice(setup.optimizer, flag: "--optimizer", as: OptimizerKind.self)
    let precision = try Self.choice(setup.precision, flag: "--precision", as: TrainingPrecision.self)
    let checkpointing = try Self.choice(
      setup.checkpointing ?? "none", flag: "--checkpointing", as: ActivationCheckpointing.self)
    let sharding = try sharding()
    let shape = try shape()
    let memory: TrainingMemory
    do {
      if let shape {
        memory = try TrainingMemory(
          shape: shape, optimizer: optimizer, precision: precision, checkpointing: checkpointing, sharding: sharding)
      } else if let parameters = params.parameters {
        let count: Int
        do {
          count = try parseParameterCount(parameters)
        } catch {
          throw CLIError("--params: \(error.description)")
        }
        memory = try TrainingMemory(parameters: count, optimizer: optimizer, precision: precision, sharding: sharding)
      } else {
        throw CLIError(Self.missingModel)
      }
    } catch let error as EstimateError {
      throw CLIError(error.description)
    }
    return MemoryRequest(
      memory: memory, shape: shape, optimizer: optimizer, precision: precision, checkpointing: checkpointing)
  }

  /// The ZeRO stage and device count the options give; stage 0 on one
  /// device when neither is given.
  func sharding() throws -> ZeROSharding {
    let stageNumber = try ToolboxInput.integer(zero, flag: "--zero", minimum: 0)
    guard let stage = ZeROStage(rawValue: stageNumber) else {
      throw CLIError("--zero must be 0, 1, 2 or 3, not \(stageNumber)")
    }
    let count = try devices.map { try ToolboxInput.integer($0, flag: "--devices") } ?? 1
    if stage != .off && devices == nil {
      throw CLIError("--zero \(stageNumber) partitions over devices: give --devices N")
    }
    return try ZeROSharding(stage: stage, devices: count)
  }

  static let missingModel =
    "give the model as --params N or as --layers L --hidden H --heads A --seq S --vocab V --batch B"

  /// The transformer the shape options describe, `nil` when none is given.
  func shape() throws -> TransformerShape? {
    let options: [(flag: String, value: String?)] = [
      ("--layers", size.layers), ("--hidden", size.hidden), ("--heads", size.heads), ("--seq", tokens.sequence),
      ("--vocab", vocabulary.vocabulary), ("--batch", tokens.batch),
    ]
    let given = options.filter { $0.value != nil }
    if given.isEmpty { return nil }
    if params.parameters != nil {
      throw CLIError("give the model either as --params or as the transformer's shape, not both (\(given[0].flag) was given)")
    }
    if let missing = options.first(where: { $0.value == nil }) {
      throw CLIError("missing \(missing.flag): a transformer needs --layers, --hidden, --heads, --seq, --vocab and --batch")
    }
    var values: [Int] = []
    for (flag, value) in options {
      guard let number = Int(value!.trimmingCharacters(in: .whitespaces)) else {
        throw CLIError("\(flag) \(value!.debugDescription) is not a whole number")
      }
      guard number >= 1 else { throw CLIError("\(flag) must be a positive whole number, not \(number)") }
      values.append(number)
    }
    do {
      return try TransformerShape(
        layers: values[0], hidden: values[1], heads: values[2], sequence: values[3],
        vocabulary: values[4], batch: values[5])
    } catch {
      throw CLIError(error.description)
    }
  }

  /// The case of `Choice` whose raw value is `text`, or a one-line error
  /// listing the choices.
  static func choice<Choice: RawRepresentable & CaseIterable>(
    _ text: String?, flag: String, as type: Choice.Type
  ) throws -> Choice where Choice.RawValue == String {
    let names = Choice.allCases.map(\.rawValue)
    let list = names.dropLast().joined(separator: ", ") + " or " + names.last!
    guard let text else { throw CLIError("missing \(flag) (\(list))") }
    guard let value = Choice(rawValue: text.lowercased()) else {
      throw CLIError("\(flag) \(text.debugDescription) is not one of \(list)")
    }
    return value
  }
}
