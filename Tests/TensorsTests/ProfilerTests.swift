import Testing
@testable import Tensors

@Suite struct ProfilerTests {
  @Test func countsCallsFlopsAndBytesByHand() {
    let a = Tensor.ones([100, 10])           // 1000 float32 = 4000 bytes
    let row = Tensor.ones([10])              // 40 bytes, broadcast
    let w = Tensor.ones([10, 20])
    let (_, report) = profile {
      _ = a + row
      _ = a + a
      _ = a.exp()
      _ = matmul(a, w)
      _ = a.sum(axis: 1)
    }
    let add = try! #require(report["+"])
    #expect(add.calls == 2)
    #expect(add.flops == 2000)
    #expect(add.bytesRead == (4000 + 40) + (4000 + 4000))
    #expect(add.bytesWritten == 8000)
    #expect(add.arithmeticIntensity == 2000.0 / Double(12040 + 8000))
    let mm = try! #require(report["matmul"])
    #expect(mm.flops == 2 * 100 * 20 * 10)
    #expect(mm.bytesRead == 4000 + 800)
    #expect(mm.bytesWritten == 100 * 20 * 4)
    #expect(report["exp"]?.calls == 1)
    #expect(report["sum"]?.flops == 1000)
    #expect(report["sum"]?.bytesWritten == 400)
    #expect(report.ops.allSatisfy { $0.seconds >= 0 })
    #expect(report.ops.map(\.seconds) == report.ops.map(\.seconds).sorted(by: >))
  }

  @Test func compositeOperationsAreOneRow() {
    let x = Tensor.ones([4, 8])
    let (_, report) = profile {
      _ = x.softmax()
      _ = x.converted(to: .bfloat16).softmax()
    }
    #expect(report["softmax"]?.calls == 2)
    #expect(report["exp"] == nil)
    #expect(report["/"] == nil)
    #expect(report["converted(to:)"]?.calls == 1)
  }

  @Test func nothingIsRecordedOutsideAProfile() {
    let (_, report) = profile { }
    #expect(report.ops.isEmpty)
    _ = Tensor.ones([3]) + 1
  }

  @Test func tableHasAHeaderAndOneLinePerOp() {
    let (_, report) = profile { _ = Tensor.ones([10]) * 2 }
    let lines = report.description.split(separator: "\n")
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("op"))
    #expect(lines[0].contains("GFLOP/s") && lines[0].contains("GB/s"))
    #expect(lines[1].hasPrefix("*"))
  }
}
