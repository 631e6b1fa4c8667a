import ArgumentParser
import Estimates
import Foundation

/// `groundwork memory inference`: bytes of weights and KV cache for serving
/// a model, and the largest batch a device holds.
///
/// Options are read as text and checked here, as in `MemoryTrainingCommand`,
/// so that every bad value ends in one line on stderr and exit status 2.
struct MemoryInferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inference",
    abstract: "Bytes of weights and KV cache for serving, and the largest batch that fits.",
    usage: """
      groundwork memory inference --model NAME --weights F [--kv F] [--seq S] [--batch B] \
      [--device D | --gpu-memory M] [--reserve R] [--json]
      groundwork memory inference --params N --weights F [--device D | --gpu-memory M] [--json]
      groundwork memory inference --layers L --hidden H --heads A [--kv-heads K] --vocab V \
      [--ffn dense|gated] [--intermediate F] [--positions learned|rotary] [--context C] \
      [--norm layernorm|rmsnorm] [--no-bias] [--untied] --weights F [--kv F] [--seq S] [--batch B] ... [--json]
      """,
    discussion: """
      Weights take ⌈N · bits / 8⌉ bytes: fp32 4, fp16/bf16 2, fp8/int8 1, int4 0.5 per \
      parameter (quantisation scales not counted). The KV cache of B sequences of S tokens \
      takes 2 · L · kv-heads · head-dim · S · B values (a key and a value per layer per \
      token; grouped-query attention has fewer kv-heads than heads). With a device or \
      --gpu-memory, the largest batch is ⌊(memory − weights − reserve) / KV bytes per \
      sequence⌋ (--batch defaults to 1). Models: gpt2, llama-2-7b, llama-3.1-8b. An architecture given by flags \
      defaults to GPT-2's layout (dense feed-forward of 4H, learned positions, LayerNorm, \
      biases, tied output embedding). GB = 10^9 bytes, GiB = 2^30 bytes.
      """
  )

  @Option(
    name: .customLong("model"), parsing: .unconditional,
    help: ArgumentHelp("A known model: gpt2, llama-2-7b or llama-3.1-8b.", valueName: "NAME"))
  var model: String?

  @OptionGroup var params: ParameterCountOption
  @OptionGroup var size: ModelSizeOptions

  @Option(
    name: .customLong("kv-heads"), parsing: .unconditional,
    help: ArgumentHelp("Key/value heads (default: heads; fewer for grouped-query attention).", valueName: "K"))
  var kvHeads: String?

  @OptionGroup var vocabulary: VocabularyOption

  @Option(
    name: .customLong("ffn"), parsing: .unconditional,
    help: ArgumentHelp("Feed-forward block: dense or gated (SwiGLU).", valueName: "KIND"))
  var feedForward: String = "dense"

  @Option(
    name: .customLong("intermediate"), parsing: .unconditional,
    help: ArgumentHelp("Feed-forward width (default 4H for dense; required for gated).", valueName: "F"))
  var intermediate: String?

  @Option(
    name: .customLong("positions"), parsing: .unconditional,
    help: ArgumentHelp("learned (needs --context) or rotary.", valueName: "KIND"))
  var positions: String = "learned"

  @Option(
    name: .customLong("context"), parsing: .unconditional,
    help: ArgumentHelp("Size of the learned position table.", valueName: "C"))
  var context: String?

  @Option(
    name: .customLong("norm"), parsing: .unconditional,
    help: ArgumentHelp("layernorm or rmsnorm.", valueName: "KIND"))
  var normalization: String = "layernorm"

  @Flag(name: .customLong("no-bias"), help: "Projections have no biases (Llama).")
  var noBias = false

  @Flag(name: .customLong("untied"), help: "The output projection is separate from the token embedding.")
  var untied = false

  @Option(
    name: .customLong("weights"), parsing: .unconditional,
    help: ArgumentHelp("Weight format: fp32, fp16, bf16, fp8, int8 or int4.", valueName: "F"))
  var weights: String?

  @Option(
    name: .customLong("kv"), parsing: .unconditional,
    help: ArgumentHelp("KV cache format (default: --weights if 16 or 32 bits, else bf16).", valueName: "F"))
  var kvFormat: String?

  @OptionGroup var tokens: SequenceBatchOptions
  @OptionGroup var deviceOption: DeviceOption

  @Option(
    name: .customLong("gpu-memory"), parsing: .unconditional,
    help: ArgumentHelp("Memory to fit in: 80GB, 24GiB, 85899345920.", valueName: "M"))
  var gpuMemory: String?

  @Option(
    name: .customLong("reserve"), parsing: .unconditional,
    help: ArgumentHelp("Bytes held back for activations and the runtime (default 0).", valueName: "R"))
  var reserve: String?

  @OptionGroup var output: JSONOutputOption

  @Argument(parsing: .allUnrecognized, help: .private)
  var unrecognized: [String] = []

  func run() throws {
    let request = try resolve()
    if output.json {
      print(MemoryInferenceReport.json(request))
    } else {
      print(MemoryInferenceReport.table(request), terminator: "")
    }
  }

  /// The known models, by command-line name.
  static let models: [(name: String, title: String, architecture: TransformerArchitecture)] = [
    ("gpt2", "GPT-2 small", .gpt2Small),
    ("llama-2-7b", "Llama-2-7B", .llama2_7B),
    ("llama-3.1-8b", "Llama-3.1-8B", .llama3_1_8B),
  ]

  /// Formats tensors are stored in, as the command lists them.
  static let storageFormats = NumberFormat.allCases.filter(\.isStorageFormat)

  /// The options, checked, and the estimate they ask for.
  func resolve() throws -> MemoryInferenceRequest {
    try ToolboxInput.rejectUnrecognized(unrecognized, command: "memory inference")
    guard let weights else { throw CLIError("missing --weights (\(Self.formatList))") }
    let weightFormat = try Self.format(weights, flag: "--weights")
    let kv = try kvFormat.map { try Self.format($0, flag: "--kv") } ?? (weightFormat.bits >= 16 ? weightFormat : .bf16)
    let (title, architecture, count) = try resolveModel()
    let sequenceLength = try tokens.sequence.map { try ToolboxInput.integer($0, flag: "--seq") }
    let batchSize = try tokens.batch.map { try ToolboxInput.integer($0, flag: "--batch") }
    if architecture == nil, tokens.sequence != nil || tokens.batch != nil || kvFormat != nil {
      throw CLIError("the KV cache needs the architecture: give --model or --layers … instead of --params")
    }
    if sequenceLength == nil, tokens.batch != nil {
      throw CLIError("--batch sizes the KV cache: give --seq S too")
    }
    if deviceOption.device != nil && gpuMemory != nil {
      throw CLIError("give the memory either as --device or as --gpu-memory, not both")
    }
    let deviceSpec = try deviceOption.device.map { try ToolboxInput.device($0) }
    let memoryBytes = try deviceSpec?.memoryBytes ?? gpuMemory.map { try ToolboxInput.bytes($0, flag: "--gpu-memory") }
    if reserve != nil && memoryBytes == nil {
      throw CLIError("--reserve is held back from a device's memory: give --device or --gpu-memory")
    }
    let reserveBytes = try reserve.map { try ToolboxInput.bytes($0, flag: "--reserve", minimum: 0) } ?? 0

    let memory: InferenceMemory
    do {
      if let architecture, let sequenceLength {
        memory = try InferenceMemory(
          architecture: architecture, weights: weightFormat, kvCache: kv, sequence: sequenceLength,
          batch: batchSize ?? 1)
      } else {
        memory = try InferenceMemory(parameters: count, weights: weightFormat)
      }
    } catch {
      throw CLIError(error.description)
    }
    var largestBatch: Int?
    var fits: Bool?
    if let memoryBytes {
      let (needed, overflow) = memory.total.addingReportingOverflow(reserveBytes)
      fits = !overflow && needed <= memoryBytes
      if let perToken = memory.kvCachePerToken, let sequenceLength {
        do {
          let (perSequence, overflowSequence) = perToken.multipliedReportingOverflow(by: sequenceLength)
          largestBatch = overflowSequence ? 0 : try InferenceMemory.largestBatch(
            memory: memoryBytes, weights: memory.weights, kvBytesPerSequence: perSequence, reserve: reserveBytes)
        } catch {
          throw CLIError(error.description)
        }
      }
    }
    return MemoryInferenceRequest(
      title: title, architecture: architecture, memory: memory, device: deviceSpec, memoryBytes: memoryBytes,
      reserve: reserveBytes, fits: fits, largestBatch: largestBatch)
  }

  static var formatList: String {
    let names = storageFormats.map(\.rawValue)
    return names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  static func format(_ text: String, flag: String) throws -> NumberFormat {
    guard let format = NumberFormat(rawValue: text.lowercased()), format.isStorageFormat else {
      throw CLIError("\(flag) \(text.debugDescription) is not one of \(formatList)")
    }
    return format
  }

  /// The model the options name: a title, its architecture (`nil` for a
  /// bare count) and its parameter count.
  func resolveModel() throws -> (String?, TransformerArchitecture?, Int) {
    let shapeOptions: [(flag: String, given: Bool)] = [
      ("--layers", size.layers != nil), ("--hidden", size.hidden != nil), ("--heads", size.heads != nil),
      ("--kv-heads", kvHeads != nil), ("--vocab", vocabulary.vocabulary != nil), ("--intermediate", intermediate != nil),
      ("--context", context != nil),
    ]
    let shapeFlags = shapeOptions.filter(\.given).map(\.flag)
    let sources = [model != nil, params.parameters != nil, !shapeFlags.isEmpty].filter { $0 }.count
    if sources == 0 {
      throw CLIError("give the model as --model NAME, as --params N, or as --layers L --hidden H --heads A --vocab V …")
    }
    if sources > 1 {
      throw CLIError("give the model one way only: --model, --params, or the architecture's flags")
    }
    if let model {
      guard let known = Self.models.first(where: { $0.name == model.lowercased() }) else {
        throw CLIError(
          "--model \(model.debugDescription) is not one of \(Self.models.map(\.name).joined(separator: ", "))")
      }
      return (known.title, known.architecture, known.architecture.parameters.total)
    }
    if let parameters = params.parameters {
      return (nil, nil, try ToolboxInput.count(parameters, flag: "--params"))
    }
    let architecture = try architectureFromFlags()
    return (nil, architecture, architecture.parameters.total)
  }

  func architectureFromFlags() throws -> TransformerArchitecture {
    for (flag, value) in [
      ("--layers", size.layers), ("--hidden", size.hidden), ("--heads", size.heads), ("--vocab", vocabulary.vocabulary),
    ]
    where value == nil {
      throw CLIError("missing \(flag): an architecture needs --layers, --hidden, --heads and --vocab")
    }
    let l = try ToolboxInput.integer(size.layers!, flag: "--layers")
    let h = try ToolboxInput.integer(size.hidden!, flag: "--hidden")
    let a = try ToolboxInput.integer(size.heads!, flag: "--heads")
    let k = try kvHeads.map { try ToolboxInput.integer($0, flag: "--kv-heads") }
    let v = try ToolboxInput.integer(vocabulary.vocabulary!, flag: "--vocab")
    let width = try intermediate.map { try ToolboxInput.integer($0, flag: "--intermediate") }
    let ffn: FeedForward
    switch feedForward.lowercased() {
    case "dense":
      let (fourH, overflow) = h.multipliedReportingOverflow(by: 4)
      if overflow && width == nil { throw CLIError("--hidden \(h) is too large") }
      ffn = .dense(inner: width ?? fourH)
    case "gated":
      guard let width else { throw CLIError("--ffn gated needs --intermediate F (Llama-2-7B: 11008)") }
      ffn = .gated(intermediate: width)
    default:
      throw CLIError("--ffn \(feedForward.debugDescription) is not one of dense or gated")
    }
    let encoding: PositionEncoding
    switch positions.lowercased() {
    case "learned":
      guard let context else { throw CLIError("learned positions need --context C (the table's size), or use --positions rotary") }
      encoding = .learned(positions: try ToolboxInput.integer(context, flag: "--context"))
    case "rotary":
      if context != nil { throw CLIError("--context sizes a learned position table; rotary positions have none") }
      encoding = .rotary
    default:
      throw CLIError("--positions \(positions.debugDescription) is not one of learned or rotary")
    }
    let norm = try MemoryTrainingCommand.choice(normalization, flag: "--norm", as: Normalization.self)
    do {
      return try TransformerArchitecture(
        layers: l, hidden: h, heads: a, kvHeads: k, vocabulary: v, positions: encoding, feedForward: ffn,
        normalization: norm, biases: !noBias, tiedEmbeddings: !untied)
    } catch {
      throw CLIError(error.description)
    }
  }
}
