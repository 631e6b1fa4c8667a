import Estimates
import Foundation

/// The two renderings of `groundwork memory measure`: a table for people,
/// one JSON object for scripts.
enum MemoryMeasureReport {
  /// One line: `{"model", "layers", "hidden", "heads", "seq", "batch",
  /// "parameters", "optimizer", "precision", "checkpointing", "steps",
  /// "components": [{"component", "estimate", "measured",
  /// "relative_difference", "tolerance", "agrees"}, …],
  /// "without_checkpointing"}`, the last `null` without checkpointing and
  /// otherwise `{"activations": {…}, "peak": {…}}` in the same form.
  static func json(_ measurement: MemoryMeasurement) -> String {
    let request = measurement.request
    let shape = request.shape
    let components = measurement.components.map(componentJSON).joined(separator: ", ")
    let baseline = measurement.withoutCheckpointing.map {
      "{\"activations\": \(componentJSON($0.activations)), \"peak\": \(componentJSON($0.peak))}"
    } ?? "null"
    return """
      {"model": \(ToolboxJSON.string(shape.architecture.rawValue)), "layers": \(shape.layers), \
      "hidden": \(shape.hidden), "heads": \(shape.heads), "seq": \(shape.sequence), "batch": \(shape.batch), \
      "parameters": \(request.estimate.parameters), "optimizer": \(ToolboxJSON.string(request.optimizer.rawValue)), \
      "precision": "fp32", "checkpointing": \(ToolboxJSON.string(request.checkpointing ? "full" : "none")), \
      "steps": \(request.steps), "components": [\(components)], "without_checkpointing": \(baseline)}
      """
  }

  static func componentJSON(_ component: MeasuredComponent) -> String {
    """
    {"component": \(ToolboxJSON.string(component.name)), "estimate": \(component.estimate), \
    "measured": \(component.measured), "relative_difference": \(ToolboxJSON.real(component.relativeDifference)), \
    "tolerance": \(ToolboxJSON.real(component.tolerance)), "agrees": \(ToolboxJSON.boolean(component.agrees))}
    """
  }

  /// Labels of the table's rows, by component name.
  static let labels = [
    "weights": "weights", "gradients": "gradients", "optimizer": "optimizer states", "batch": "batch (input, target)",
    "activations": "activations (peak)", "peak": "step peak",
  ]

  /// The table, with a line on what checkpointing saved and the
  /// conventions behind the estimate. Ends with a newline.
  static func table(_ measurement: MemoryMeasurement) -> String {
    let request = measurement.request
    let shape = request.shape
    var lines: [String] = []
    var model = shape.architecture == .mlp ? "MLP" : "Transformer"
    model += ", L \(shape.layers), H \(shape.hidden)"
    if shape.architecture == .transformer { model += ", A \(shape.heads)" }
    model += ", S \(shape.sequence), B \(shape.batch): \(MemoryReport.grouped(request.estimate.parameters)) parameters"
    lines.append(model)
    lines.append(
      "\(request.optimizer.rawValue), fp32, checkpointing \(request.checkpointing ? "full" : "none"), "
        + "\(request.steps) steps on the CPU kernel")
    lines.append("")
    let rows: [[String]] =
      [header]
      + measurement.components.map { row($0, label: labels[$0.name] ?? $0.name) }
    lines += ToolboxTable.render(rows)
    if let baseline = measurement.withoutCheckpointing {
      let activations = measurement.components.first { $0.name == "activations" }!
      let peak = measurement.components.first { $0.name == "peak" }!
      lines.append("")
      lines.append("Without checkpointing:")
      lines += ToolboxTable.render([
        header,
        row(baseline.activations, label: labels["activations"]!), row(baseline.peak, label: labels["peak"]!),
      ])
      lines.append("")
      lines.append(
        "Checkpointing lowers the activation peak by \(saving(from: baseline.activations.measured, to: activations.measured)) "
          + "measured (\(saving(from: baseline.activations.estimate, to: activations.estimate)) estimated) and the step "
          + "peak by \(saving(from: baseline.peak.measured, to: peak.measured)) measured "
          + "(\(saving(from: baseline.peak.estimate, to: peak.estimate)) estimated).")
    }
    lines.append("")
    lines.append(
      "Bytes. Weights, gradients, optimizer states and the batch must agree exactly; activations and the "
        + "step peak within 10%.")
    lines.append(
      "Activations: every output the kernel's ops keep for the backward pass (a LayerNorm, GELU or attention "
        + "score keeps each intermediate), not a fused kernel's figure (Korthikanti et al. 2022).")
    return lines.joined(separator: "\n") + "\n"
  }

  static let header = ["component", "estimate", "measured", "difference", "required", "agrees"]

  static func row(_ component: MeasuredComponent, label: String) -> [String] {
    let difference =
      component.measured == component.estimate
      ? "0" : String(format: "%+.1f%%", component.relativeDifference * 100)
    return [
      label, MemoryReport.grouped(component.estimate), MemoryReport.grouped(component.measured), difference,
      component.tolerance == 0 ? "exact" : "±10%", component.agrees ? "yes" : "NO",
    ]
  }

  /// "1,234,567 bytes (62.5%)": what was saved, and its share of `before`.
  static func saving(from before: Int, to after: Int) -> String {
    let share = before == 0 ? 0 : Double(before - after) / Double(before) * 100
    return "\(MemoryReport.grouped(before - after)) bytes (\(String(format: "%.1f", share))%)"
  }
}
