import Testing
@testable import Tensors

@Suite struct DTypeTests {
  @Test func byteSizes() {
    #expect(DType.float32.byteSize == 4)
    #expect(DType.float64.byteSize == 8)
  }

  @Test func descriptionsUseNumPyNames() {
    #expect(DType.float32.description == "float32")
    #expect(DType.float64.description == "float64")
    #expect("\(DType.float64)" == "float64")
  }

  @Test func storedTypesMatchByteSizes() {
    #expect(ObjectIdentifier(DType.float32.storedType) == ObjectIdentifier(Float.self))
    #expect(ObjectIdentifier(DType.float64.storedType) == ObjectIdentifier(Double.self))
  }
}
