import Testing
@testable import Tensors

@Suite struct DTypeTests {
  @Test func byteSizes() {
    #expect(DType.float32.byteSize == 4)
    #expect(DType.float64.byteSize == 8)
    #expect(DType.float16.byteSize == 2)
    #expect(DType.bfloat16.byteSize == 2)
    #expect(DType.int32.byteSize == 4)
    #expect(DType.bool.byteSize == 1)
  }

  @Test func descriptionsUseNumPyNames() {
    #expect(DType.allCases.map(\.description) == ["float32", "float64", "float16", "bfloat16", "int32", "bool"])
    #expect("\(DType.float64)" == "float64")
  }

  @Test func floatingPointFlag() {
    #expect(DType.allCases.filter(\.isFloatingPoint) == [.float32, .float64, .float16, .bfloat16])
  }

  @Test func storedTypesMatchByteSizes() {
    #expect(ObjectIdentifier(DType.float32.storedType) == ObjectIdentifier(Float.self))
    #expect(ObjectIdentifier(DType.float64.storedType) == ObjectIdentifier(Double.self))
    #expect(ObjectIdentifier(DType.bfloat16.storedType) == ObjectIdentifier(BFloat16.self))
    #expect(MemoryLayout<BFloat16>.size == 2)
  }

  // MARK: Conversions between dtypes

  @Test func toInt32TruncatesTowardZero() {
    let t = Tensor([-2.7, -0.5, 0.5, 2.7, 1e9], shape: [5]).converted(to: .int32)
    #expect(t.dtype == .int32)
    #expect(t.scalars(as: Int32.self) == [-2, 0, 0, 2, 1_000_000_000])
  }

  @Test func nanToInt32Traps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([Double.nan], shape: [1]).converted(to: .int32)
    }
  }

  @Test func toBoolIsNonzero() {
    let t = Tensor([0, -0.0, .nan, 2, -1e-300], shape: [5]).converted(to: .bool)
    #expect(t.scalars(as: Bool.self) == [false, false, true, true, true])
    #expect(t.converted(to: .float32).scalars(as: Double.self) == [0, 0, 1, 1, 1])
  }

  @Test func int32ArithmeticWrapsAndTruncates() {
    let a = Tensor([Int32.max, -7, 7, Int32.min] as [Int32], shape: [4])
    let b = Tensor([1, 2, -2, -1] as [Int32], shape: [4])
    #expect((a + b).scalars(as: Int32.self) == [Int32.min, -5, 5, Int32.max])
    #expect((a / b).scalars(as: Int32.self) == [Int32.max, -3, -3, Int32.min])
    #expect((a * b).scalars(as: Int32.self) == [Int32.max, -14, -14, Int32.min])
    #expect((-b).scalars(as: Int32.self) == [-1, -2, 2, 1])
  }

  @Test func int32DivisionByZeroTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([1] as [Int32], shape: [1]) / Tensor([0] as [Int32], shape: [1])
    }
  }

  @Test func boolArithmeticTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([true], shape: [1]) + Tensor([true], shape: [1])
    }
  }

  @Test func boolDescription() {
    #expect(Tensor([true, false], shape: [2]).description == "tensor([ true, false], dtype: bool)")  // padded to align, as NumPy does
  }

  @Test func sumsOfIntegerAndBoolTensors() {
    #expect(Tensor([true, false, true, true], shape: [4]).sum().scalars(as: Int32.self) == [3])
    #expect(Tensor([1, 2, 3] as [Int32], shape: [3]).sum().dtype == .int32)
    #expect(Tensor([Int32.max, 1, -2] as [Int32], shape: [3]).sum().item() == Double(Int32.max) - 1)
  }

  @Test(arguments: DType.allCases)
  func everyDTypeRoundTripsSmallIntegersThroughEveryOther(dtype: DType) {
    let values: [Double] = [0, 1, 2, 3, 100]
    for other in DType.allCases where other != .bool {
      let t = makeTensor(values, shape: [5], dtype: other).converted(to: dtype).converted(to: other)
      let expected = dtype == .bool ? values.map { $0 != 0 ? 1.0 : 0 } : values
      #expect(t.scalars(as: Double.self) == expected, "\(other) → \(dtype) → \(other)")
    }
  }
}
