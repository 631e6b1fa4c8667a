import Estimates
import Foundation

/// What `groundwork memory training` was asked, checked, with its answer.
struct MemoryRequest {
  var memory: TrainingMemory
  /// `nil` when the model was given as a bare parameter count.
  var shape: TransformerShape?
  var optimizer: OptimizerKind
  var precision: TrainingPrecision
  var checkpointing: ActivationCheckpointing
}

/// The two renderings of a training-memory estimate: the contract's JSON
/// object and a table for people.
enum MemoryReport {
  /// `{"parameters", "bytes": {"weights", "gradients", "optimizer",
  /// "activations", "total"}}` on one line, every number an integer literal,
  /// `activations` null when not estimated.
  ///
  /// Written by hand rather than with `JSONSerialization`: the keys keep the
  /// contract's order and no count ever passes through a `Double`.
  static func json(_ memory: TrainingMemory) -> String {
    let activations = memory.activations.map(String.init) ?? "null"
    return """
      {"parameters": \(memory.parameters), "bytes": {"weights": \(memory.weights), \
      "gradients": \(memory.gradients), "optimizer": \(memory.optimizerStates), \
      "activations": \(activations), "total": \(memory.total)}}
      """
  }

  /// A table of bytes, GiB and GB by component, with a line for the
  /// conventions behind each figure. Ends with a newline.
  static func table(_ request: MemoryRequest) -> String {
    let memory = request.memory
    var lines: [String] = []
    var title = "Training memory for \(grouped(memory.parameters)) parameters"
    if let shape = request.shape {
      title += " (L \(shape.layers), H \(shape.hidden), A \(shape.heads), S \(shape.sequence), "
        + "V \(shape.vocabulary), B \(shape.batch))"
    }
    lines.append(title)
    var setting = "\(request.optimizer.rawValue), \(request.precision.rawValue)"
    if request.shape != nil { setting += ", checkpointing \(request.checkpointing.rawValue)" }
    let sharding = memory.sharding
    if sharding.stage != .off || sharding.devices > 1 {
      setting += ", ZeRO stage \(sharding.stage.rawValue) over \(sharding.devices) devices: bytes per device"
    }
    lines.append(setting)
    lines.append("")

    let rows: [(String, Int?)] = [
      ("weights", memory.weights), ("gradients", memory.gradients), ("optimizer", memory.optimizerStates),
      ("activations", memory.activations), ("total", memory.total),
    ]
    let cells: [[String]] =
      [["component", "bytes", "GiB", "GB"]]
      + rows.map { name, bytes in
        guard let bytes else { return [name, "—", "—", "—"] }
        return [name, grouped(bytes), String(format: "%.3f", gibibytes(bytes)), String(format: "%.3f", gigabytes(bytes))]
      }
    let widths = (0..<4).map { column in cells.map { $0[column].count }.max()! }
    for row in cells {
      let first = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
      let rest = (1..<4).map { column in
        String(repeating: " ", count: widths[column] - row[column].count) + row[column]
      }
      lines.append(([first] + rest).joined(separator: "  "))
    }
    lines.append("")
    lines.append(modelStateNote(request))
    if let note = zeroNote(memory.sharding) { lines.append(note) }
    lines.append(activationNote(request))
    lines.append("GB = 10^9 bytes, GiB = 2^30 bytes.")
    return lines.joined(separator: "\n") + "\n"
  }

  /// For example "bf16-mixed: 16 bytes/parameter for adamw (2 weights + 2
  /// gradients + 12 optimizer: fp32 master copy, m and v; ZeRO)".
  static func modelStateNote(_ request: MemoryRequest) -> String {
    let precision = request.precision
    let optimizer = request.optimizer
    var states: [String] = []
    if precision.isMixed { states.append("fp32 master copy") }
    switch optimizer {
    case .sgd: break
    case .momentum: states.append("momentum")
    case .adam, .adamw: states.append("m and v")
    case .adam8bit: states.append("8-bit m and v, Dettmers et al. 2022, block constants left out")
    }
    let perParameter = optimizer.modelStateBytesPerParameter(precision: precision)
    let optimizerBytes = optimizer.stateBytesPerParameter(precision: precision)
    let explained = states.isEmpty ? "no state" : states.joined(separator: ", ")
    return "\(precision.isMixed ? "mixed precision (\(precision.rawValue))" : "fp32"): "
      + "\(perParameter) bytes/parameter for \(optimizer.rawValue) "
      + "(\(precision.weightBytesPerParameter) weights + \(precision.gradientBytesPerParameter) gradients "
      + "+ \(optimizerBytes) optimizer: \(explained); ZeRO, Rajbhandari et al. 2020)."
  }

  /// What the ZeRO stage divides, or `nil` without partitioning.
  static func zeroNote(_ sharding: ZeROSharding) -> String? {
    let divided: String
    switch sharding.stage {
    case .off: return nil
    case .optimizerStates: divided = "optimizer states"
    case .gradients: divided = "optimizer states and gradients"
    case .parameters: divided = "optimizer states, gradients and weights"
    }
    return "ZeRO stage \(sharding.stage.rawValue) (Rajbhandari et al. 2020): \(divided) divided among "
      + "\(sharding.devices) devices (rounded up); activations are per device, not divided."
  }

  /// Which Korthikanti et al. 2022 formula the activations use, or why
  /// there are none.
  static func activationNote(_ request: MemoryRequest) -> String {
    guard request.shape != nil else {
      return "activations: not estimated from a parameter count; give --layers --hidden --heads --seq --vocab --batch."
    }
    let formula =
      switch request.checkpointing {
      case .off: "s·b·h·(34 + 5·a·s/h) bytes per layer, no recomputation"
      case .selective: "34·s·b·h bytes per layer, selective recomputation"
      case .full: "2·s·b·h bytes per layer, full recomputation"
      }
    let factor = request.precision.isMixed ? "16-bit" : "doubled for fp32"
    return "activations: \(formula), times L, \(factor) (Korthikanti et al. 2022)."
  }

  /// `n` with commas between groups of three digits: 124,439,808.
  static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return n < 0 ? "-" + result : result
  }
}
