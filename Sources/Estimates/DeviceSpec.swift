/// An accelerator's memory, memory bandwidth and peak dense arithmetic
/// rates: what a roofline, a decode-time floor or a time-to-train estimate
/// needs.
///
/// Peak rates are dense (no 2:4 structured sparsity; NVIDIA's data sheets
/// print the sparse figure, twice the dense one, with an asterisk), in
/// operations per second: FLOP/s for floating-point formats, OP/s for
/// integer ones. A format a device's sources give no figure for is absent
/// from ``peakOperationsPerSecond``. Memory capacities are the nominal
/// figure read in binary units (DRAM comes in powers of two: an "80GB" HBM
/// part holds 80 GiB); the usable amount is somewhat smaller.
///
/// The ridge point `peak / bandwidth` is the arithmetic intensity (FLOP per
/// byte moved) above which a kernel can be compute-bound (Williams,
/// Waterman and Patterson 2009, "Roofline"): A100-80GB bf16 312e12 /
/// 2.039e12 ≈ 153, H100 SXM bf16 989.4e12 / 3.35e12 ≈ 295.
public struct DeviceSpec: Sendable, Hashable {
  /// The command-line identifier, e.g. `h100-sxm`.
  public let id: String
  /// The product name.
  public let name: String
  /// Memory capacity in bytes.
  public let memoryBytes: Int
  /// Peak memory bandwidth in bytes per second.
  public let bandwidth: Double
  /// Peak dense rate per format, in operations per second.
  public let peakOperationsPerSecond: [NumberFormat: Double]
  /// Where the figures come from.
  public let source: String

  /// The peak dense rate for `format`.
  ///
  /// - Throws: ``EstimateError/noPublishedPeak(device:format:)`` when the
  ///   sources give none.
  public func peak(_ format: NumberFormat) throws(EstimateError) -> Double {
    guard let peak = peakOperationsPerSecond[format] else {
      throw .noPublishedPeak(device: name, format: format.rawValue)
    }
    return peak
  }

  /// The ridge point for `format`: peak / bandwidth, in operations per byte.
  ///
  /// - Throws: ``EstimateError/noPublishedPeak(device:format:)``.
  public func ridgePoint(_ format: NumberFormat) throws(EstimateError) -> Double {
    try peak(format) / bandwidth
  }

  /// The device whose ``id`` is `id` (case-insensitive).
  ///
  /// - Throws: ``EstimateError/unknownDevice(_:)`` listing the known ones.
  public static func named(_ id: String) throws(EstimateError) -> DeviceSpec {
    guard let device = catalog.first(where: { $0.id == id.lowercased() }) else { throw .unknownDevice(id) }
    return device
  }

  /// Every device below, in the order the toolbox lists them.
  public static let catalog: [DeviceSpec] = [h100SXM, a100SXM80GB, rtx4090, appleM1, appleM2Ultra]

  private static let gibibyte = 1 << 30

  /// NVIDIA H100 SXM5 80GB. NVIDIA H100 Tensor Core GPU data sheet
  /// (sparse figures: BF16/FP16 1,979, FP8 and INT8 3,958, TF32 989
  /// TFLOPS; FP32 67 TFLOPS; 3.35 TB/s; 80GB HBM3) and the NVIDIA H100
  /// Tensor Core GPU Architecture whitepaper (dense: BF16/FP16 989.4, FP8
  /// and INT8 1,978.9, TF32 494.7, FP32 66.9). Ridge point bf16 ≈ 295.
  public static let h100SXM = DeviceSpec(
    id: "h100-sxm", name: "NVIDIA H100 SXM5 80GB", memoryBytes: 80 * gibibyte, bandwidth: 3.35e12,
    peakOperationsPerSecond: [
      .fp32: 66.9e12, .tf32: 494.7e12, .fp16: 989.4e12, .bf16: 989.4e12, .fp8: 1978.9e12, .int8: 1978.9e12,
    ],
    source: "NVIDIA H100 data sheet; H100 Tensor Core GPU Architecture whitepaper (dense rates)")

  /// NVIDIA A100 SXM4 80GB. NVIDIA A100 Tensor Core GPU data sheet: FP32
  /// 19.5, TF32 156, BF16/FP16 312 TFLOPS, INT8 624, INT4 1,248 TOPS
  /// (dense; twice that with sparsity); 2,039 GB/s HBM2e (SXM; the PCIe
  /// card has 1,935 GB/s). Ridge point bf16 ≈ 153.
  public static let a100SXM80GB = DeviceSpec(
    id: "a100-80gb", name: "NVIDIA A100 SXM4 80GB", memoryBytes: 80 * gibibyte, bandwidth: 2.039e12,
    peakOperationsPerSecond: [
      .fp32: 19.5e12, .tf32: 156e12, .fp16: 312e12, .bf16: 312e12, .int8: 624e12, .int4: 1248e12,
    ],
    source: "NVIDIA A100 80GB data sheet (SXM)")

  /// NVIDIA GeForce RTX 4090 (24 GB GDDR6X). NVIDIA Ada GPU Architecture
  /// whitepaper, appendix table for the RTX 4090: FP32 82.6 TFLOPS; dense
  /// tensor rates with FP32 accumulation, what mixed-precision kernels use
  /// (GeForce cards run FP16 accumulation at twice these): TF32 82.6,
  /// FP16/BF16 165.2, FP8 330.3 TFLOPS, INT8 660.6, INT4 1,321.2 TOPS;
  /// 1,008 GB/s (21 Gbps on a 384-bit bus).
  public static let rtx4090 = DeviceSpec(
    id: "rtx-4090", name: "NVIDIA GeForce RTX 4090", memoryBytes: 24 * gibibyte, bandwidth: 1.008e12,
    peakOperationsPerSecond: [
      .fp32: 82.6e12, .tf32: 82.6e12, .fp16: 165.2e12, .bf16: 165.2e12, .fp8: 330.3e12, .int8: 660.6e12,
      .int4: 1321.2e12,
    ],
    source: "NVIDIA Ada GPU Architecture whitepaper (RTX 4090, FP32 accumulate)")

  /// Apple M1 (8-core GPU, 16 GB configuration). Apple's M1 announcement
  /// (November 2020): "2.6 teraflops of throughput" (FP32). Apple states
  /// no bandwidth for M1; 68.25 GB/s is its LPDDR4X-4266 memory on a
  /// 128-bit bus (4266 MT/s × 16 bytes). Apple publishes no FP16 or tensor
  /// rate for the GPU.
  public static let appleM1 = DeviceSpec(
    id: "apple-m1", name: "Apple M1 (8-core GPU, 16 GB)", memoryBytes: 16 * gibibyte, bandwidth: 68.25e9,
    peakOperationsPerSecond: [.fp32: 2.6e12],
    source: "Apple M1 announcement, Nov 2020 (2.6 TFLOPS); LPDDR4X-4266 x 128-bit (bandwidth)")

  /// Apple M2 Ultra (76-core GPU, 192 GB configuration). Apple's M2 Ultra
  /// announcement (June 2023): 800 GB/s of memory bandwidth, up to 192 GB
  /// of unified memory. The announcement gives the GPU's speed only
  /// relative to M1 Ultra; FP32 27.2 TFLOPS is the launch figure reported
  /// for the 76-core GPU (weaker than a data sheet: treat it as
  /// approximate). No FP16 or tensor rate is published.
  public static let appleM2Ultra = DeviceSpec(
    id: "apple-m2-ultra", name: "Apple M2 Ultra (76-core GPU, 192 GB)", memoryBytes: 192 * gibibyte,
    bandwidth: 800e9, peakOperationsPerSecond: [.fp32: 27.2e12],
    source: "Apple M2 Ultra announcement, June 2023 (800 GB/s, 192 GB); 27.2 TFLOPS FP32 as reported at launch")
}
