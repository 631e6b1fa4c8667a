import Estimates
import Foundation

/// What `groundwork memory inference` was asked, checked, with its answer.
struct MemoryInferenceRequest {
  /// The known model's title, `nil` otherwise.
  var title: String?
  /// `nil` when the model was given as a bare parameter count.
  var architecture: TransformerArchitecture?
  var memory: InferenceMemory
  var device: DeviceSpec?
  /// The memory to fit in, from the device or `--gpu-memory`.
  var memoryBytes: Int?
  var reserve: Int
  /// Whether weights + KV cache + reserve fit; `nil` without a memory.
  var fits: Bool?
  /// The largest batch at the given sequence length; `nil` without a
  /// memory or a KV cache.
  var largestBatch: Int?
}

/// The two renderings of an inference-memory estimate.
enum MemoryInferenceReport {
  /// One JSON object on one line:
  /// `{"parameters", "weights_format", "kv_format", "sequence", "batch",
  /// "bytes": {"weights", "kv_cache_per_token", "kv_cache", "total"},
  /// "device", "memory", "reserve", "fits", "max_batch"}`; integers as
  /// integer literals, `null` where not estimated.
  static func json(_ request: MemoryInferenceRequest) -> String {
    let memory = request.memory
    return """
      {"parameters": \(memory.parameters), "weights_format": \(ToolboxJSON.string(memory.weightFormat.rawValue)), \
      "kv_format": \(ToolboxJSON.string(memory.kvFormat?.rawValue)), "sequence": \(ToolboxJSON.integer(memory.sequence)), \
      "batch": \(ToolboxJSON.integer(memory.batch)), "bytes": {"weights": \(memory.weights), \
      "kv_cache_per_token": \(ToolboxJSON.integer(memory.kvCachePerToken)), \
      "kv_cache": \(ToolboxJSON.integer(memory.kvCache)), "total": \(memory.total)}, \
      "device": \(ToolboxJSON.string(request.device?.id)), "memory": \(ToolboxJSON.integer(request.memoryBytes)), \
      "reserve": \(request.reserve), "fits": \(ToolboxJSON.boolean(request.fits)), \
      "max_batch": \(ToolboxJSON.integer(request.largestBatch))}
      """
  }

  /// A table of bytes, GiB and GB, the KV formula with its numbers, and the
  /// fit on the device. Ends with a newline.
  static func table(_ request: MemoryInferenceRequest) -> String {
    let memory = request.memory
    var lines: [String] = []
    var title = "Inference memory for "
    if let name = request.title { title += "\(name), " }
    title += "\(MemoryReport.grouped(memory.parameters)) parameters"
    if request.title == nil, let architecture = request.architecture { title += " (\(describe(architecture)))" }
    lines.append(title)
    var setting = "weights \(memory.weightFormat.rawValue)"
    if let kv = memory.kvFormat, let sequence = memory.sequence, let batch = memory.batch {
      setting += ", KV cache \(kv.rawValue), \(MemoryReport.grouped(sequence)) tokens × batch \(batch)"
    }
    lines.append(setting)
    lines.append("")
    lines += ToolboxTable.render([
      ["component", "bytes", "GiB", "GB"],
      ToolboxTable.byteRow("weights", memory.weights),
      ToolboxTable.byteRow("KV cache", memory.kvCache),
      ToolboxTable.byteRow("total", memory.total),
    ])
    lines.append("")
    lines.append(
      "weights: \(memory.weightFormat.bits) bits per parameter (quantisation scales, activations and the runtime not counted).")
    if let architecture = request.architecture, let kv = memory.kvFormat, let perToken = memory.kvCachePerToken {
      lines.append(
        "KV cache: 2 · \(architecture.layers) layers · \(architecture.kvHeads) kv-heads · \(architecture.headDimension) "
          + "head-dim · \(kv.bits) bits = \(MemoryReport.grouped(perToken)) bytes per token (a key and a value per layer).")
    } else if request.architecture != nil {
      lines.append("KV cache: not estimated; give --seq S (and --batch B).")
    } else {
      lines.append("KV cache: not estimated from a parameter count; give --model or the architecture and --seq.")
    }
    if let available = request.memoryBytes {
      var fit = request.device.map { "On \($0.name) (\(MemoryReport.grouped(available)) bytes nominal)" }
        ?? "In \(MemoryReport.grouped(available)) bytes"
      if request.reserve > 0 { fit += ", reserving \(MemoryReport.grouped(request.reserve))" }
      fit += request.fits == true ? ": fits" : ": does not fit"
      if let largest = request.largestBatch, let sequence = memory.sequence {
        fit += "; largest batch at \(MemoryReport.grouped(sequence)) tokens: \(largest)"
      }
      lines.append(fit + ".")
    }
    lines.append("GB = 10^9 bytes, GiB = 2^30 bytes.")
    return lines.joined(separator: "\n") + "\n"
  }

  /// "L 32, H 4096, A 32, K 8, V 128256, gated 14336, rotary, rmsnorm,
  /// no biases, untied".
  static func describe(_ architecture: TransformerArchitecture) -> String {
    var parts = [
      "L \(architecture.layers)", "H \(architecture.hidden)", "A \(architecture.heads)", "K \(architecture.kvHeads)",
      "V \(architecture.vocabulary)",
    ]
    switch architecture.feedForward {
    case .dense(let inner): parts.append("dense \(inner)")
    case .gated(let intermediate): parts.append("gated \(intermediate)")
    }
    switch architecture.positions {
    case .learned(let count): parts.append("\(count) learned positions")
    case .rotary: parts.append("rotary")
    }
    parts.append(architecture.normalization.rawValue)
    parts.append(architecture.biases ? "biases" : "no biases")
    parts.append(architecture.tiedEmbeddings ? "tied" : "untied")
    return parts.joined(separator: ", ")
  }
}
