import Autograd
import Estimates

/// What `groundwork memory measure` was asked, checked: the model, the
/// optimizer, and the estimate for it.
struct MemoryMeasureRequest {
  var shape: KernelModelShape
  var optimizer: OptimizerKind
  /// The same optimizer, as the probe names it.
  var probeOptimizer: TrainingMemoryProbe.OptimizerChoice
  var steps: Int
  /// The estimate for the run as asked (with or without checkpointing).
  var estimate: KernelTrainingMemory
  /// With checkpointing, the estimate for the same run without it.
  var baselineEstimate: KernelTrainingMemory?

  var checkpointing: Bool { estimate.checkpointing }
}

/// One component of a step, predicted and counted.
struct MeasuredComponent {
  /// The JSON key and table label: `weights`, `gradients`, `optimizer`,
  /// `batch`, `activations`, `peak`.
  var name: String
  var estimate: Int
  var measured: Int
  /// 0 where the two must agree to the byte, 0.1 where within 10%.
  var tolerance: Double

  /// (measured − estimate) / estimate; 0 when both are 0.
  var relativeDifference: Double {
    estimate == 0 ? (measured == 0 ? 0 : .infinity) : Double(measured - estimate) / Double(estimate)
  }

  /// Whether the measurement is as close as the tolerance asks.
  var agrees: Bool {
    tolerance == 0 ? measured == estimate : abs(relativeDifference) <= tolerance
  }
}

/// The run asked for, measured, and with checkpointing the same run
/// without it, to show what recomputation saves.
struct MemoryMeasurement {
  var request: MemoryMeasureRequest
  var components: [MeasuredComponent]
  /// Activations and peak without checkpointing, estimated and measured;
  /// `nil` when the run asked for none.
  var withoutCheckpointing: (activations: MeasuredComponent, peak: MeasuredComponent)?

  /// Trains the model (twice with checkpointing: with and without) and
  /// pairs each count with its estimate.
  static func run(_ request: MemoryMeasureRequest) -> MemoryMeasurement {
    let measured = probe(request, checkpointing: request.checkpointing).run()
    let estimate = request.estimate
    let components = [
      MeasuredComponent(name: "weights", estimate: estimate.weights, measured: measured.weights, tolerance: 0),
      MeasuredComponent(name: "gradients", estimate: estimate.gradients, measured: measured.gradients, tolerance: 0),
      MeasuredComponent(
        name: "optimizer", estimate: estimate.optimizerStates, measured: measured.optimizerStates, tolerance: 0),
      MeasuredComponent(name: "batch", estimate: estimate.batch, measured: measured.batch, tolerance: 0),
      MeasuredComponent(
        name: "activations", estimate: estimate.activations, measured: measured.activations, tolerance: 0.1),
      MeasuredComponent(name: "peak", estimate: estimate.peak, measured: measured.peak, tolerance: 0.1),
    ]
    var baseline: (MeasuredComponent, MeasuredComponent)?
    if let plainEstimate = request.baselineEstimate {
      let plain = probe(request, checkpointing: false).run()
      baseline = (
        MeasuredComponent(
          name: "activations", estimate: plainEstimate.activations, measured: plain.activations, tolerance: 0.1),
        MeasuredComponent(name: "peak", estimate: plainEstimate.peak, measured: plain.peak, tolerance: 0.1)
      )
    }
    return MemoryMeasurement(request: request, components: components, withoutCheckpointing: baseline)
  }

  static func probe(_ request: MemoryMeasureRequest, checkpointing: Bool) -> TrainingMemoryProbe {
    let shape = request.shape
    let architecture: TrainingMemoryProbe.Architecture = shape.architecture == .mlp ? .mlp : .transformer
    return TrainingMemoryProbe(
      architecture: architecture, layers: shape.layers, hidden: shape.hidden, heads: shape.heads,
      sequence: shape.sequence, batch: shape.batch, optimizer: request.probeOptimizer, checkpointing: checkpointing,
      steps: request.steps)
  }
}
