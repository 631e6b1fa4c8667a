import Testing
@testable import Tensors

/// `adding(_:scaledBy:)` promises the bits of `self + other * factor`, so it
/// is checked against that expression, not against a formula of its own.
@Suite struct ScaledAddTests {
  /// Every element's bit pattern, widened to 64 bits for any float dtype.
  func bits(_ t: Tensor) -> [UInt64] {
    switch t.dtype {
    case .float32: t.scalars(as: Float.self).map { UInt64($0.bitPattern) }
    case .float64: t.scalars(as: Double.self).map(\.bitPattern)
    case .float16: t.scalars(as: Float16.self).map { UInt64($0.bitPattern) }
    // bfloat16 → float32 is exact, so the float32 bits identify the value.
    case .bfloat16: t.converted(to: .float32).scalars(as: Float.self).map { UInt64($0.bitPattern) }
    case .int32: t.scalars(as: Int32.self).map { UInt64(UInt32(bitPattern: $0)) }
    case .bool: t.scalars(as: Bool.self).map { $0 ? 1 : 0 }
    }
  }

  @Test(arguments: [DType.float32, .float64, .float16, .bfloat16])
  func matchesTheTwoOperations(dtype: DType) {
    var rng = RandomGenerator(seed: 11)
    let theta = rng.normal([7, 33]).converted(to: dtype)
    let gradient = (rng.normal([7, 33]) * 1e-3).converted(to: dtype)
    let row = rng.normal([33]).converted(to: dtype)
    for factor in [-0.01, 0.1, -1e-3, 0.9, 3, 0, -0.0] {
      let fused = theta.adding(gradient, scaledBy: factor)
      #expect(fused.dtype == dtype && fused.shape == [7, 33])
      #expect(bits(fused) == bits(theta + gradient * factor), "\(dtype), factor \(factor)")
      // Broadcast on either side, and a strided (transposed) operand.
      #expect(bits(theta.adding(row, scaledBy: factor)) == bits(theta + row * factor))
      #expect(bits(row.adding(theta, scaledBy: factor)) == bits(row + theta * factor))
      let transposed = gradient.transposed()
      #expect(
        bits(theta.transposed().adding(transposed, scaledBy: factor))
          == bits(theta.transposed() + transposed * factor))
    }
  }

  @Test func gradientDescentStepByHand() {
    // θ − η·g with η = 0.5: every value exact in binary.
    let theta = Tensor([1, 2, -3, 0.25] as [Float], shape: [4])
    let gradient = Tensor([2, -4, 1, 0.5] as [Float], shape: [4])
    #expect(theta.adding(gradient, scaledBy: -0.5).scalars(as: Float.self) == [0, 4, -3.5, 0])
  }

  @Test func int32TakesTheTwoOperationPath() {
    let a = Tensor([1, 2, 3] as [Int32], shape: [3])
    let b = Tensor([10, 20, 30] as [Int32], shape: [3])
    #expect(a.adding(b, scaledBy: 2).scalars(as: Int32.self) == [21, 42, 63])
  }

  @Test func profiledAsOneOperation() {
    let a = Tensor([1, 2, 3] as [Float], shape: [3])
    let (_, report) = profile { a.adding(a, scaledBy: 2) }
    #expect(report["addScaled"]?.calls == 1)
    #expect(report["*"] == nil && report["+"] == nil)
  }
}

/// The in-place form: the same bits, no new storage when unshared, and
/// value semantics when shared.
@Suite struct InPlaceScaledAddTests {
  @Test(arguments: [DType.float32, .float64, .float16, .bfloat16])
  func matchesTheFreshTensor(dtype: DType) {
    var rng = RandomGenerator(seed: 12)
    let theta = rng.normal([70_001]).converted(to: dtype)  // above the threading threshold
    let gradient = rng.normal([70_001]).converted(to: dtype)
    let expected = theta.adding(gradient, scaledBy: -0.01)
    var updated = theta.converted(to: dtype, forceCopy: true, reason: "test")
    updated.add(gradient, scaledBy: -0.01)
    #expect(updated.converted(to: .float64).scalars(as: Double.self) == expected.converted(to: .float64).scalars(as: Double.self))
  }

  @Test func unsharedStorageIsUpdatedWithoutAllocating() {
    var theta = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
    let gradient = Tensor([2, 2, 2, 2] as [Float], shape: [2, 2])
    let (_, report) = withMemoryTracking { theta.add(gradient, scaledBy: -0.5) }
    #expect(report.total.allocations == 0)
    #expect(theta.scalars(as: Float.self) == [0, 1, 2, 3])
  }

  @Test func sharedStorageIsCopiedFirst() {
    var theta = Tensor([1, 2, 3, 4] as [Float], shape: [4])
    let kept = theta
    let view = theta.reshaped([2, 2])
    theta.add(Tensor([1, 1, 1, 1] as [Float], shape: [4]), scaledBy: 10)
    #expect(theta.scalars(as: Float.self) == [11, 12, 13, 14])
    #expect(kept.scalars(as: Float.self) == [1, 2, 3, 4])
    #expect(view.scalars(as: Float.self) == [1, 2, 3, 4])
  }

  @Test func otherLayoutsFallBackToAFreshTensor() {
    var theta = Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let row = Tensor([1, 0, -1] as [Float], shape: [3])
    theta.add(row, scaledBy: 2)  // broadcast
    #expect(theta.scalars(as: Float.self) == [3, 2, 1, 6, 5, 4])
    var transposed = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2]).transposed()
    transposed.add(Tensor([1, 1, 1, 1] as [Float], shape: [2, 2]), scaledBy: 1)
    #expect(transposed.scalars(as: Float.self) == [2, 4, 3, 5])
  }
}
