import ArgumentParser
import Estimates
import Foundation

/// `groundwork flops …`: compute arithmetic for training and for single
/// kernels, the reference behind the throughput lessons' graders.
struct FlopsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flops",
    abstract: "Estimate training compute, time to train, and roofline bounds.",
    subcommands: [FlopsTrainingCommand.self, FlopsRooflineCommand.self, FlopsDevicesCommand.self]
  )
}

/// `groundwork flops training`: 6·N·D with its forward and backward split,
/// Chinchilla's token count, and the wall-clock time at a given MFU.
struct FlopsTrainingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "training",
    abstract: "Training FLOPs (6·N·D), Chinchilla tokens, and time to train at a given MFU.",
    usage: """
      groundwork flops training --params N --tokens D|chinchilla [--json]
      groundwork flops training --params N --tokens D|chinchilla (--device ID [--dtype F] | --peak FLOPS) \
      --gpus G --mfu U [--json]
      """,
    discussion: """
      Training FLOPs ≈ 6·N·D: 2·N·D forward, 4·N·D backward (Kaplan et al. 2020); full \
      activation recomputation makes the hardware do ≈ 8·N·D. `--tokens chinchilla` \
      uses 20 tokens per parameter (Hoffmann et al. 2022, approaches 1 and 2; the \
      paper's rounded approach-3 constants would give ~93, a known trap). Time = \
      6·N·D / (GPUs · peak · MFU); the peak is the device's dense rate for --dtype \
      (default bf16; see `groundwork flops devices`).
      """
  )

  @OptionGroup var params: ParameterCountOption

  @Option(
    name: .customLong("tokens"), parsing: .unconditional,
    help: ArgumentHelp("Training tokens (1.4T, 300B) or `chinchilla` for 20 per parameter.", valueName: "D"))
  var tokens: String?

  @OptionGroup var deviceOption: DeviceOption
  @OptionGroup var dtypeOption: NumberFormatOption

  @Option(
    name: .customLong("peak"), parsing: .unconditional,
    help: ArgumentHelp("Peak FLOP/s of one device, instead of --device: 312e12.", valueName: "FLOPS"))
  var peak: String?

  @Option(name: .customLong("gpus"), parsing: .unconditional, help: ArgumentHelp("Number of devices.", valueName: "G"))
  var gpus: String?

  @Option(
    name: .customLong("mfu"), parsing: .unconditional,
    help: ArgumentHelp("Model FLOPs utilization, a fraction in (0, 1]: 0.4.", valueName: "U"))
  var mfu: String?

  @OptionGroup var output: JSONOutputOption

  @Argument(parsing: .allUnrecognized, help: .private)
  var unrecognized: [String] = []

  func run() throws {
    let request = try resolve()
    print(output.json ? FlopsReport.json(request) : FlopsReport.table(request), terminator: output.json ? "\n" : "")
  }

  func resolve() throws -> FlopsTrainingRequest {
    try ToolboxInput.rejectUnrecognized(unrecognized, command: "flops training")
    guard let parameters = params.parameters else { throw CLIError("missing --params N") }
    let n = try ToolboxInput.count(parameters, flag: "--params")
    guard let tokens else { throw CLIError("missing --tokens D (a count such as 1.4T, or chinchilla)") }
    let chinchillaTokens: Int
    do {
      chinchillaTokens = try TrainingCompute.chinchillaTokens(parameters: n)
    } catch {
      throw CLIError(error.description)
    }
    let d = tokens.lowercased() == "chinchilla" ? chinchillaTokens : try ToolboxInput.count(tokens, flag: "--tokens")
    let compute: TrainingCompute
    do {
      compute = try TrainingCompute(parameters: n, tokens: d)
    } catch {
      throw CLIError(error.description)
    }
    var request = FlopsTrainingRequest(compute: compute, chinchillaTokens: chinchillaTokens)

    let (device, dtype) = (deviceOption.device, dtypeOption.dtype)
    let timing = [device != nil, peak != nil, gpus != nil, mfu != nil, dtype != nil]
    guard timing.contains(true) else { return request }
    if device != nil && peak != nil { throw CLIError("give the peak either as --device or as --peak, not both") }
    if peak != nil && dtype != nil { throw CLIError("--dtype picks a device's peak: use it with --device, not --peak") }
    guard device != nil || peak != nil else {
      throw CLIError("time to train needs a peak rate: give --device ID (or --peak FLOPS), --gpus G and --mfu U")
    }
    guard let mfu else { throw CLIError("time to train needs --mfu U (a fraction such as 0.4)") }
    guard let gpus else { throw CLIError("time to train needs --gpus G") }
    if let device {
      let spec = try ToolboxInput.device(device)
      let format = try FlopsRooflineCommand.format(dtype ?? "bf16")
      do {
        request.peak = try spec.peak(format)
      } catch {
        throw CLIError("--dtype: \(error.description)")
      }
      request.device = spec
      request.format = format
    } else if let peak {
      request.peak = try ToolboxInput.real(peak, flag: "--peak", range: "(0, ∞)") { $0 > 0 }
    }
    request.gpus = try ToolboxInput.integer(gpus, flag: "--gpus")
    request.mfu = try ToolboxInput.real(mfu, flag: "--mfu", range: "(0, 1]") { $0 > 0 && $0 <= 1 }
    do {
      request.seconds = try trainingSeconds(
        flops: compute.totalFLOPs, devices: request.gpus!, peak: request.peak!, utilization: request.mfu!)
    } catch {
      throw CLIError(error.description)
    }
    return request
  }
}

/// `groundwork flops roofline`: arithmetic intensity, ridge point, time
/// bound and verdict for a matmul or an element-wise op on a device.
struct FlopsRooflineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "roofline",
    abstract: "Arithmetic intensity and the roofline verdict for a matmul or an element-wise op.",
    usage: """
      groundwork flops roofline --device ID --dtype F --matmul M,N,K [--json]
      groundwork flops roofline --device ID --dtype F --elementwise N [--inputs I] [--outputs O] \
      [--ops-per-element P] [--json]
      """,
    discussion: """
      A matmul of an M×K by a K×N matrix does 2·M·N·K operations and moves at least \
      (M·K + K·N + M·N) values; an element-wise op over N positions does N · P operations \
      and moves N · (I + O) values (default: I 2, O 1, P 1, an add). Intensity = \
      operations / bytes; the device's ridge point = peak / bandwidth; compute-bound when \
      the intensity reaches the ridge point, memory-bound below it (Williams et al. 2009). \
      Time ≥ max(operations / peak, bytes / bandwidth).
      """
  )

  @OptionGroup var deviceOption: DeviceOption
  @OptionGroup var dtypeOption: NumberFormatOption

  @Option(
    name: .customLong("matmul"), parsing: .unconditional,
    help: ArgumentHelp("Matrix product dimensions M,N,K.", valueName: "M,N,K"))
  var matmul: String?

  @Option(
    name: .customLong("elementwise"), parsing: .unconditional,
    help: ArgumentHelp("Element-wise op over N positions.", valueName: "N"))
  var elementwise: String?

  @Option(name: .customLong("inputs"), parsing: .unconditional, help: ArgumentHelp("Tensors read (default 2).", valueName: "I"))
  var inputs: String?

  @Option(name: .customLong("outputs"), parsing: .unconditional, help: ArgumentHelp("Tensors written (default 1).", valueName: "O"))
  var outputs: String?

  @Option(
    name: .customLong("ops-per-element"), parsing: .unconditional,
    help: ArgumentHelp("Operations per position (default 1).", valueName: "P"))
  var operationsPerElement: String?

  @OptionGroup var output: JSONOutputOption

  @Argument(parsing: .allUnrecognized, help: .private)
  var unrecognized: [String] = []

  func run() throws {
    let request = try resolve()
    print(output.json ? FlopsReport.json(request) : FlopsReport.table(request), terminator: output.json ? "\n" : "")
  }

  static func format(_ text: String, flag: String = "--dtype") throws -> NumberFormat {
    try MemoryTrainingCommand.choice(text, flag: flag, as: NumberFormat.self)
  }

  func resolve() throws -> FlopsRooflineRequest {
    try ToolboxInput.rejectUnrecognized(unrecognized, command: "flops roofline")
    guard let device = deviceOption.device else { throw CLIError("missing --device ID (see groundwork flops devices)") }
    let spec = try ToolboxInput.device(device)
    guard let dtype = dtypeOption.dtype else { throw CLIError("missing --dtype (fp32, tf32, fp16, bf16, fp8, int8 or int4)") }
    let format = try Self.format(dtype)
    let estimate: RooflineEstimate
    let description: String
    switch (matmul, elementwise) {
    case (nil, nil):
      throw CLIError("give the operation as --matmul M,N,K or --elementwise N")
    case (.some, .some):
      throw CLIError("give one operation: --matmul or --elementwise, not both")
    case (let dimensions?, nil):
      if inputs != nil || outputs != nil || operationsPerElement != nil {
        throw CLIError("--inputs, --outputs and --ops-per-element describe --elementwise, not --matmul")
      }
      let parts = dimensions.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard parts.count == 3 else {
        throw CLIError("--matmul \(dimensions.debugDescription) is not three sizes M,N,K (e.g. 4096,4096,4096)")
      }
      let m = try ToolboxInput.integer(parts[0], flag: "--matmul M")
      let n = try ToolboxInput.integer(parts[1], flag: "--matmul N")
      let k = try ToolboxInput.integer(parts[2], flag: "--matmul K")
      do {
        estimate = try RooflineEstimate.matmul(m: m, n: n, k: k, format: format, device: spec)
      } catch {
        throw CLIError(error.description)
      }
      description = "matmul \(m)×\(k) · \(k)×\(n)"
    case (nil, let count?):
      let elements = try ToolboxInput.integer(count, flag: "--elementwise")
      let read = try inputs.map { try ToolboxInput.integer($0, flag: "--inputs", minimum: 0) } ?? 2
      let written = try outputs.map { try ToolboxInput.integer($0, flag: "--outputs", minimum: 0) } ?? 1
      let operations = try operationsPerElement.map {
        try ToolboxInput.real($0, flag: "--ops-per-element", range: "[0, ∞)") { $0 >= 0 }
      } ?? 1
      do {
        estimate = try RooflineEstimate.elementwise(
          elements: elements, inputs: read, outputs: written, operationsPerElement: operations, format: format,
          device: spec)
      } catch {
        throw CLIError(error.description)
      }
      description = "element-wise over \(MemoryReport.grouped(elements)) positions, \(read) in, \(written) out, "
        + "\(FlopsReport.plain(operations)) operations each"
    }
    return FlopsRooflineRequest(
      device: spec, format: format, operation: matmul != nil ? "matmul" : "elementwise", description: description,
      estimate: estimate)
  }
}

/// `groundwork flops devices`: the device table with its sources.
struct FlopsDevicesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "devices",
    abstract: "The device specs the flops and memory commands use, with their sources.")

  @OptionGroup var output: JSONOutputOption

  @Argument(parsing: .allUnrecognized, help: .private)
  var unrecognized: [String] = []

  func run() throws {
    try ToolboxInput.rejectUnrecognized(unrecognized, command: "flops devices")
    print(output.json ? FlopsReport.devicesJSON() : FlopsReport.devicesTable(), terminator: output.json ? "\n" : "")
  }
}
