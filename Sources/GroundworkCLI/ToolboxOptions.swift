import ArgumentParser

// The options the memory and flops commands share, one group each, so that
// a flag means the same thing, with the same help, wherever it appears.
// Every value is read as text (`parsing: .unconditional`) and checked by the
// command that uses it, so that a bad value, a negative number included
// (which the parser would take for a flag), ends in one line on stderr and
// exit status 2 (see `MemoryTrainingCommand`).

/// `--params N`: a model given by its parameter count alone.
struct ParameterCountOption: ParsableArguments {
  @Option(
    name: .customLong("params"), parsing: .unconditional,
    help: ArgumentHelp("Parameter count: 124439808, 1.5e9, 350M, 7B, 7.5b (suffix K, M, B, T).", valueName: "N"))
  var parameters: String?
}

/// `--layers L --hidden H --heads A`: the size of a transformer's stack.
struct ModelSizeOptions: ParsableArguments {
  @Option(
    name: .customLong("layers"), parsing: .unconditional,
    help: ArgumentHelp("Transformer blocks (hidden layers of an MLP).", valueName: "L"))
  var layers: String?

  @Option(name: .customLong("hidden"), parsing: .unconditional, help: ArgumentHelp("Hidden size.", valueName: "H"))
  var hidden: String?

  @Option(
    name: .customLong("heads"), parsing: .unconditional,
    help: ArgumentHelp("Attention (query) heads; they must divide the hidden size.", valueName: "A"))
  var heads: String?
}

/// `--vocab V`: the size of a language model's token table.
struct VocabularyOption: ParsableArguments {
  @Option(name: .customLong("vocab"), parsing: .unconditional, help: ArgumentHelp("Vocabulary size.", valueName: "V"))
  var vocabulary: String?
}

/// `--seq S --batch B`: the tokens a step or a KV cache holds.
struct SequenceBatchOptions: ParsableArguments {
  @Option(
    name: .customLong("seq"), parsing: .unconditional,
    help: ArgumentHelp("Tokens per sequence.", valueName: "S"))
  var sequence: String?

  @Option(
    name: .customLong("batch"), parsing: .unconditional,
    help: ArgumentHelp("Sequences per (micro-)batch.", valueName: "B"))
  var batch: String?
}

/// `--optimizer O --precision P --checkpointing C`: how a model is trained.
struct TrainingSetupOptions: ParsableArguments {
  @Option(
    name: .customLong("optimizer"), parsing: .unconditional,
    help: ArgumentHelp("sgd, momentum, adam, adamw or adam-8bit.", valueName: "O"))
  var optimizer: String?

  @Option(
    name: .customLong("precision"), parsing: .unconditional,
    help: ArgumentHelp("fp32, fp16-mixed or bf16-mixed.", valueName: "P"))
  var precision: String?

  @Option(
    name: .customLong("checkpointing"), parsing: .unconditional,
    help: ArgumentHelp("Activation recomputation: none (default), selective or full.", valueName: "C"))
  var checkpointing: String?
}

/// `--device ID`: a device from the catalogue.
struct DeviceOption: ParsableArguments {
  @Option(
    name: .customLong("device"), parsing: .unconditional,
    help: ArgumentHelp("A device from `groundwork flops devices` (its peak rates and memory).", valueName: "ID"))
  var device: String?
}

/// `--dtype F`: the number format a device's peak rate is read for.
struct NumberFormatOption: ParsableArguments {
  @Option(
    name: .customLong("dtype"), parsing: .unconditional,
    help: ArgumentHelp("Number format: fp32, tf32, fp16, bf16, fp8, int8 or int4.", valueName: "F"))
  var dtype: String?
}

/// `--json`: one JSON object on stdout instead of a table.
struct JSONOutputOption: ParsableArguments {
  @Flag(help: "Print one JSON object instead of a table.")
  var json = false
}
