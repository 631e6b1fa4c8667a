import Estimates
import Foundation

/// What `groundwork flops training` was asked, checked, with its answer.
struct FlopsTrainingRequest {
  var compute: TrainingCompute
  /// 20 · N.
  var chinchillaTokens: Int
  /// The device whose peak is used, if one was named.
  var device: DeviceSpec?
  /// The format of that peak.
  var format: NumberFormat?
  /// One device's peak FLOP/s; `nil` without a time estimate.
  var peak: Double?
  var gpus: Int?
  var mfu: Double?
  /// 6·N·D / (gpus · peak · mfu); `nil` without a time estimate.
  var seconds: Double?
}

/// What `groundwork flops roofline` was asked, with its answer.
struct FlopsRooflineRequest {
  var device: DeviceSpec
  var format: NumberFormat
  /// `matmul` or `elementwise`.
  var operation: String
  /// The operation in words, for the table.
  var description: String
  var estimate: RooflineEstimate
}

/// The renderings of the flops commands: one JSON object each, or tables.
enum FlopsReport {
  // MARK: - Training

  /// `{"parameters", "tokens", "tokens_per_parameter", "chinchilla_tokens",
  /// "flops": {"forward", "backward", "total", "with_recomputation"},
  /// "device", "dtype", "peak_flops", "gpus", "mfu", "seconds", "days"}`;
  /// the timing keys are null without --device/--peak, --gpus and --mfu.
  static func json(_ request: FlopsTrainingRequest) -> String {
    let compute = request.compute
    let days = request.seconds.map { $0 / secondsPerDay }
    return """
      {"parameters": \(compute.parameters), "tokens": \(compute.tokens), \
      "tokens_per_parameter": \(ToolboxJSON.real(Double(compute.tokens) / Double(compute.parameters))), \
      "chinchilla_tokens": \(request.chinchillaTokens), "flops": {"forward": \(ToolboxJSON.real(compute.forwardFLOPs)), \
      "backward": \(ToolboxJSON.real(compute.backwardFLOPs)), "total": \(ToolboxJSON.real(compute.totalFLOPs)), \
      "with_recomputation": \(ToolboxJSON.real(compute.recomputedFLOPs))}, \
      "device": \(ToolboxJSON.string(request.device?.id)), "dtype": \(ToolboxJSON.string(request.format?.rawValue)), \
      "peak_flops": \(ToolboxJSON.real(request.peak)), "gpus": \(ToolboxJSON.integer(request.gpus)), \
      "mfu": \(ToolboxJSON.real(request.mfu)), "seconds": \(ToolboxJSON.real(request.seconds)), \
      "days": \(ToolboxJSON.real(days))}
      """
  }

  /// The FLOPs by pass, Chinchilla's comparison and the time to train.
  static func table(_ request: FlopsTrainingRequest) -> String {
    let compute = request.compute
    var lines = [
      "Training compute for \(MemoryReport.grouped(compute.parameters)) parameters on "
        + "\(MemoryReport.grouped(compute.tokens)) tokens (\(plain(Double(compute.tokens) / Double(compute.parameters), digits: 1)) per parameter)",
      "",
    ]
    lines += ToolboxTable.render([
      ["pass", "FLOPs", "formula"],
      ["forward", scientific(compute.forwardFLOPs), "2·N·D"],
      ["backward", scientific(compute.backwardFLOPs), "4·N·D"],
      ["total", scientific(compute.totalFLOPs), "6·N·D"],
      ["with full recomputation", scientific(compute.recomputedFLOPs), "8·N·D"],
    ])
    lines.append("")
    lines.append(
      "6·N·D: Kaplan et al. 2020; the total is \(plain(compute.totalFLOPs / (1e15 * secondsPerDay), digits: 1)) PF-days.")
    lines.append(
      "Chinchilla-optimal (20 tokens per parameter, Hoffmann et al. 2022): \(MemoryReport.grouped(request.chinchillaTokens)) tokens.")
    if let seconds = request.seconds, let peak = request.peak, let gpus = request.gpus, let mfu = request.mfu {
      var on = "\(MemoryReport.grouped(gpus)) × "
      if let device = request.device, let format = request.format {
        on += "\(device.name) (\(format.rawValue), \(plain(peak / 1e12)) TFLOP/s dense)"
      } else {
        on += "\(plain(peak / 1e12)) TFLOP/s"
      }
      lines.append(
        "Time on \(on) at \(plain(mfu * 100))% MFU: \(scientific(seconds)) s = \(plain(seconds / secondsPerDay, digits: 1)) days.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Roofline

  /// `{"device", "dtype", "operation", "flops", "bytes", "intensity",
  /// "ridge_point", "peak_flops", "bandwidth", "compute_seconds",
  /// "memory_seconds", "seconds", "bound"}`.
  static func json(_ request: FlopsRooflineRequest) -> String {
    let estimate = request.estimate
    return """
      {"device": \(ToolboxJSON.string(request.device.id)), "dtype": \(ToolboxJSON.string(request.format.rawValue)), \
      "operation": \(ToolboxJSON.string(request.operation)), "flops": \(ToolboxJSON.real(estimate.operations)), \
      "bytes": \(estimate.bytes), "intensity": \(ToolboxJSON.real(estimate.intensity)), \
      "ridge_point": \(ToolboxJSON.real(estimate.ridgePoint)), "peak_flops": \(ToolboxJSON.real(estimate.peak)), \
      "bandwidth": \(ToolboxJSON.real(estimate.bandwidth)), "compute_seconds": \(ToolboxJSON.real(estimate.computeSeconds)), \
      "memory_seconds": \(ToolboxJSON.real(estimate.memorySeconds)), "seconds": \(ToolboxJSON.real(estimate.seconds)), \
      "bound": \(ToolboxJSON.string(estimate.bound.rawValue))}
      """
  }

  static func table(_ request: FlopsRooflineRequest) -> String {
    let estimate = request.estimate
    var lines = ["Roofline: \(request.description), \(request.format.rawValue), on \(request.device.name)", ""]
    lines += ToolboxTable.render([
      ["quantity", "value"],
      ["operations", scientific(estimate.operations)],
      ["bytes moved (at least)", MemoryReport.grouped(estimate.bytes)],
      ["intensity (op/byte)", plain(estimate.intensity, digits: 3)],
      ["ridge point (op/byte)", plain(estimate.ridgePoint, digits: 1)],
      ["compute time at peak (s)", scientific(estimate.computeSeconds)],
      ["memory time at bandwidth (s)", scientific(estimate.memorySeconds)],
      ["lower bound (s)", scientific(estimate.seconds)],
    ])
    lines.append("")
    let comparison = estimate.bound == .compute ? "reaches" : "is below"
    lines.append(
      "\(estimate.bound.rawValue.capitalized)-bound: the intensity \(comparison) the ridge point "
        + "(peak \(plain(estimate.peak / 1e12)) TFLOP/s / bandwidth \(plain(estimate.bandwidth / 1e9)) GB/s; "
        + "Williams et al. 2009).")
    lines.append("Source: \(request.device.source).")
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Devices

  /// `{"devices": [{"id", "name", "memory_bytes", "bandwidth", "peak":
  /// {format: FLOP/s, …}, "source"}]}`; only formats with a published peak
  /// appear under "peak".
  static func devicesJSON() -> String {
    let devices = DeviceSpec.catalog.map { device in
      let peaks = NumberFormat.allCases.compactMap { format in
        device.peakOperationsPerSecond[format].map { "\(ToolboxJSON.string(format.rawValue)): \(ToolboxJSON.real($0))" }
      }
      return """
        {"id": \(ToolboxJSON.string(device.id)), "name": \(ToolboxJSON.string(device.name)), \
        "memory_bytes": \(device.memoryBytes), "bandwidth": \(ToolboxJSON.real(device.bandwidth)), \
        "peak": {\(peaks.joined(separator: ", "))}, "source": \(ToolboxJSON.string(device.source))}
        """
    }
    return "{\"devices\": [\(devices.joined(separator: ", "))]}"
  }

  static func devicesTable() -> String {
    let formats = NumberFormat.allCases
    let unit = { (format: NumberFormat) in format == .int8 || format == .int4 ? "TOP/s" : "TFLOP/s" }
    var rows = [["device", "memory GiB", "GB/s"] + formats.map { "\($0.rawValue) \(unit($0))" } + ["ridge bf16"]]
    for device in DeviceSpec.catalog {
      rows.append(
        [device.id, plain(gibibytes(device.memoryBytes)), plain(device.bandwidth / 1e9)]
          + formats.map { format in device.peakOperationsPerSecond[format].map { plain($0 / 1e12) } ?? "—" }
          + [(try? device.ridgePoint(.bf16)).map { plain($0, digits: 0) } ?? "—"])
    }
    var lines = ["Device specs (dense peak rates; ridge point = bf16 peak / bandwidth, FLOP per byte)", ""] + ToolboxTable.render(rows) + [""]
    for device in DeviceSpec.catalog {
      lines.append("\(device.id): \(device.name). \(device.source).")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Numbers

  /// `value` with at most `digits` decimals and no trailing zeros: 312,
  /// 989.4, 53.3.
  static func plain(_ value: Double, digits: Int = 2) -> String {
    var text = String(format: "%.\(digits)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// `value` in scientific notation with three significant digits: 5.88e+23.
  static func scientific(_ value: Double) -> String {
    String(format: "%.3g", value)
  }
}
