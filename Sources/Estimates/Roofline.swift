/// Which resource limits a kernel under the roofline model.
///
/// The raw values are the spellings the toolbox prints.
public enum RooflineBound: String, Sendable, Hashable, CaseIterable {
  /// Arithmetic intensity at or above the ridge point: the math units are
  /// the limit.
  case compute
  /// Arithmetic intensity below the ridge point: moving bytes is the limit.
  case memory
}

/// The roofline estimate of one kernel on one device (Williams, Waterman
/// and Patterson 2009, "Roofline: An Insightful Visual Performance Model",
/// CACM; Horace He 2022, "Making Deep Learning Go Brrrr From First
/// Principles").
///
/// The kernel does F operations and moves at least M bytes between memory
/// and the chip. Its arithmetic intensity is `F / M`; its time is at least
/// `max(F / peak, M / bandwidth)`; it is compute-bound when `F / peak ≥ M /
/// bandwidth`, that is when its intensity reaches the device's ridge point
/// `peak / bandwidth`. Overheads (kernel launches, Python) are not modelled.
///
/// ```swift
/// let gemm = try RooflineEstimate.matmul(m: 4096, n: 4096, k: 4096, format: .bf16, device: .h100SXM)
/// gemm.bound      // .compute: intensity 1365 ≥ ridge point 295
/// let add = try RooflineEstimate.elementwise(
///   elements: 1 << 24, inputs: 2, outputs: 1, operationsPerElement: 1, format: .bf16, device: .h100SXM)
/// add.bound       // .memory: intensity 1/6
/// ```
public struct RooflineEstimate: Sendable, Hashable {
  /// F, operations the kernel performs.
  public let operations: Double
  /// M, bytes it moves at least.
  public let bytes: Int
  /// The device's peak rate for the kernel's format, operations per second.
  public let peak: Double
  /// The device's memory bandwidth, bytes per second.
  public let bandwidth: Double

  /// Makes an estimate from its four inputs.
  ///
  /// - Throws: ``EstimateError/outOfRange(name:value:range:)`` for a
  ///   negative or non-finite operation count or a non-positive rate,
  ///   ``EstimateError/notPositive(name:value:)`` when no byte moves.
  public init(operations: Double, bytes: Int, peak: Double, bandwidth: Double) throws(EstimateError) {
    guard operations >= 0, operations.isFinite else {
      throw .outOfRange(name: "operations", value: operations, range: "[0, ∞)")
    }
    guard bytes >= 1 else { throw .notPositive(name: "bytes", value: bytes) }
    guard peak > 0, peak.isFinite else { throw .outOfRange(name: "peak", value: peak, range: "(0, ∞)") }
    guard bandwidth > 0, bandwidth.isFinite else {
      throw .outOfRange(name: "bandwidth", value: bandwidth, range: "(0, ∞)")
    }
    self.operations = operations
    self.bytes = bytes
    self.peak = peak
    self.bandwidth = bandwidth
  }

  /// Arithmetic intensity, operations per byte: `F / M`.
  public var intensity: Double { operations / Double(bytes) }
  /// The device's ridge point, operations per byte: `peak / bandwidth`.
  public var ridgePoint: Double { peak / bandwidth }
  /// Seconds the math alone takes at peak: `F / peak`.
  public var computeSeconds: Double { operations / peak }
  /// Seconds the bytes alone take at full bandwidth: `M / bandwidth`.
  public var memorySeconds: Double { Double(bytes) / bandwidth }
  /// The roofline's lower bound on the kernel's time: the larger of the two.
  public var seconds: Double { max(computeSeconds, memorySeconds) }
  /// ``RooflineBound/compute`` when `computeSeconds ≥ memorySeconds`.
  public var bound: RooflineBound { computeSeconds >= memorySeconds ? .compute : .memory }

  /// A matrix product `C = A·B` with A `m × k`, B `k × n`: `2·m·n·k`
  /// operations (a multiply and an add per term) and, at least, reading A
  /// and B and writing C once: `(m·k + k·n + m·n)` values in `format`.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for a dimension
  ///   below 1, ``EstimateError/noPublishedPeak(device:format:)``,
  ///   ``EstimateError/overflow(quantity:)``.
  public static func matmul(
    m: Int, n: Int, k: Int, format: NumberFormat, device: DeviceSpec
  ) throws(EstimateError) -> RooflineEstimate {
    for (name, value) in [("m", m), ("n", n), ("k", k)] where value < 1 {
      throw .notPositive(name: name, value: value)
    }
    let quantity = "the matmul's byte count"
    let values = try checkedSum(
      [try checkedProduct(m, k, quantity), try checkedProduct(k, n, quantity), try checkedProduct(m, n, quantity)],
      quantity)
    return try RooflineEstimate(
      operations: 2 * Double(m) * Double(n) * Double(k), bytes: try format.bytes(of: values, quantity),
      peak: try device.peak(format), bandwidth: device.bandwidth)
  }

  /// An element-wise operation over `elements` positions that reads
  /// `inputs` tensors and writes `outputs`, all in `format`, with
  /// `operationsPerElement` operations per position: `elements ·
  /// operationsPerElement` operations, `elements · (inputs + outputs)`
  /// values moved. An add of two tensors is inputs 2, outputs 1, one
  /// operation; its intensity in bf16 is 1/6.
  ///
  /// - Throws: ``EstimateError/notPositive(name:value:)`` for elements or
  ///   tensors below 1, ``EstimateError/outOfRange(name:value:range:)`` for
  ///   negative operations, ``EstimateError/noPublishedPeak(device:format:)``,
  ///   ``EstimateError/overflow(quantity:)``.
  public static func elementwise(
    elements: Int, inputs: Int, outputs: Int, operationsPerElement: Double, format: NumberFormat,
    device: DeviceSpec
  ) throws(EstimateError) -> RooflineEstimate {
    guard elements >= 1 else { throw .notPositive(name: "elements", value: elements) }
    guard inputs >= 0 else { throw .outOfRange(name: "inputs", value: Double(inputs), range: "[0, ∞)") }
    guard outputs >= 0 else { throw .outOfRange(name: "outputs", value: Double(outputs), range: "[0, ∞)") }
    guard inputs + outputs >= 1 else { throw .notPositive(name: "inputs + outputs", value: inputs + outputs) }
    guard operationsPerElement >= 0, operationsPerElement.isFinite else {
      throw .outOfRange(name: "operations per element", value: operationsPerElement, range: "[0, ∞)")
    }
    let quantity = "the element-wise byte count"
    let values = try checkedProduct(elements, try checkedSum([inputs, outputs], quantity), quantity)
    return try RooflineEstimate(
      operations: Double(elements) * operationsPerElement, bytes: try format.bytes(of: values, quantity),
      peak: try device.peak(format), bandwidth: device.bandwidth)
  }
}
