import Estimates
import Testing
import _TestSupport

@Suite("Roofline and the device table")
struct RooflineTests {
  @Test("ridge points: A100-80GB 153, H100 SXM 295 FLOP/byte in bf16")
  func ridgePoints() throws {
    #expect(try DeviceSpec.a100SXM80GB.ridgePoint(.bf16).rounded() == 153)
    #expect(try DeviceSpec.h100SXM.ridgePoint(.bf16).rounded() == 295)
  }

  @Test("data-sheet figures: dense rates are half the sparse ones printed")
  func datasheets() throws {
    let h100 = DeviceSpec.h100SXM
    #expect(h100.bandwidth == 3.35e12)
    expectClose(try h100.peak(.bf16) * 2, 1979e12, absolute: 1e12)
    expectClose(try h100.peak(.fp8) * 2, 3958e12, absolute: 1e12)
    expectClose(try h100.peak(.tf32) * 2, 989e12, absolute: 1e12)
    expectClose(try h100.peak(.fp32), 67e12, absolute: 0.5e12)
    let a100 = DeviceSpec.a100SXM80GB
    #expect(a100.bandwidth == 2.039e12)
    #expect(try [a100.peak(.fp32), a100.peak(.tf32), a100.peak(.bf16), a100.peak(.int8)] == [19.5e12, 156e12, 312e12, 624e12])
    #expect(DeviceSpec.rtx4090.bandwidth == 1.008e12)
    #expect(DeviceSpec.rtx4090.memoryBytes == 24 << 30)
    #expect(DeviceSpec.appleM1.peakOperationsPerSecond == [.fp32: 2.6e12])
    #expect(DeviceSpec.appleM2Ultra.bandwidth == 800e9)
    for device in DeviceSpec.catalog {
      #expect(!device.source.isEmpty)
      #expect(try DeviceSpec.named(device.id.uppercased()) == device)
    }
    #expect(Set(DeviceSpec.catalog.map(\.id)).count == DeviceSpec.catalog.count)
  }

  @Test("decode floor, 7B in bf16 at batch 1: 4.18 ms per token on H100, 6.87 ms on A100 (weights streamed once per token)")
  func decodeFloor() throws {
    // A GEMV with the 14 GB of weights: 2 FLOPs per weight, 2 bytes per weight.
    for (device, milliseconds) in [(DeviceSpec.h100SXM, 4.18), (.a100SXM80GB, 6.87)] {
      let gemv = try RooflineEstimate(
        operations: 2 * 7e9, bytes: 14_000_000_000, peak: try device.peak(.bf16), bandwidth: device.bandwidth)
      #expect(gemv.bound == .memory)
      #expect(gemv.intensity == 1)
      expectClose(gemv.seconds * 1000, milliseconds, absolute: 0.005)
    }
  }

  @Test("a large square bf16 matmul is compute-bound, a thin one memory-bound")
  func matmul() throws {
    let square = try RooflineEstimate.matmul(m: 4096, n: 4096, k: 4096, format: .bf16, device: .h100SXM)
    #expect(square.operations == 2 * 4096 * 4096 * 4096)
    #expect(square.bytes == 3 * 4096 * 4096 * 2)
    expectClose(square.intensity, 4096.0 / 3, absolute: 1e-9)
    #expect(square.bound == .compute)
    #expect(square.seconds == square.computeSeconds)
    // Decode-shaped: one token against a 4096 × 4096 weight.
    let thin = try RooflineEstimate.matmul(m: 1, n: 4096, k: 4096, format: .bf16, device: .h100SXM)
    #expect(thin.bound == .memory)
    #expect(thin.seconds == thin.memorySeconds)
    expectClose(thin.intensity, 1, absolute: 0.001)
    // The verdict agrees with the ridge point on both sides.
    #expect((square.intensity >= square.ridgePoint) && (thin.intensity < thin.ridgePoint))
  }

  @Test("an element-wise add moves 3 values per FLOP: memory-bound everywhere")
  func elementwise() throws {
    for device in DeviceSpec.catalog {
      let add = try RooflineEstimate.elementwise(
        elements: 1 << 24, inputs: 2, outputs: 1, operationsPerElement: 1, format: .fp32, device: device)
      #expect(add.bytes == 3 * 4 << 24)
      expectClose(add.intensity, 1.0 / 12, absolute: 1e-12)
      #expect(add.bound == .memory)
    }
  }

  @Test("errors: unknown device, no published peak, bad dimensions")
  func errors() {
    #expect(throws: EstimateError.unknownDevice("tpu-v9")) { try DeviceSpec.named("tpu-v9") }
    #expect(throws: EstimateError.noPublishedPeak(device: DeviceSpec.appleM1.name, format: "bf16")) {
      try RooflineEstimate.matmul(m: 8, n: 8, k: 8, format: .bf16, device: .appleM1)
    }
    #expect(throws: EstimateError.notPositive(name: "k", value: 0)) {
      try RooflineEstimate.matmul(m: 8, n: 8, k: 0, format: .bf16, device: .h100SXM)
    }
    #expect(throws: EstimateError.notPositive(name: "inputs + outputs", value: 0)) {
      try RooflineEstimate.elementwise(
        elements: 8, inputs: 0, outputs: 0, operationsPerElement: 1, format: .bf16, device: .h100SXM)
    }
    #expect(!EstimateError.unknownDevice("x").description.contains("\n"))
  }
}
