import Estimates
import Testing

@Suite("TrainingMemory: model states by optimizer and precision (ZeRO)")
struct TrainingMemoryTests {
  @Test("7.5B parameters, mixed-precision Adam: 120 GB of model states, 16 bytes per parameter")
  func zero7_5B() throws {
    let memory = try TrainingMemory(parameters: 7_500_000_000, optimizer: .adam, precision: .fp16Mixed)
    #expect(memory.parameters == 7_500_000_000)
    #expect(memory.weights == 15_000_000_000)
    #expect(memory.gradients == 15_000_000_000)
    #expect(memory.optimizerStates == 90_000_000_000)
    #expect(memory.activations == nil)
    #expect(memory.modelStates == 120_000_000_000)
    #expect(memory.total == 120_000_000_000)
    #expect(gigabytes(memory.total) == 120)
  }

  @Test("1.5B parameters, mixed-precision Adam: 24 GB")
  func zero1_5B() throws {
    for precision in [TrainingPrecision.fp16Mixed, .bf16Mixed] {
      for optimizer in [OptimizerKind.adam, .adamw] {
        let memory = try TrainingMemory(parameters: 1_500_000_000, optimizer: optimizer, precision: precision)
        #expect(memory.total == 24_000_000_000)
      }
    }
  }

  @Test("7B parameters, fp16-mixed Adam: 112 GB, the reference case")
  func sevenB() throws {
    let memory = try TrainingMemory(parameters: try parseParameterCount("7B"), optimizer: .adam, precision: .fp16Mixed)
    #expect(
      [memory.weights, memory.gradients, memory.optimizerStates, memory.total]
        == [14_000_000_000, 14_000_000_000, 84_000_000_000, 112_000_000_000])
  }

  static let perParameter: [(OptimizerKind, TrainingPrecision, [Int])] = [
    // optimizer, precision, [weights, gradients, optimizer] bytes per parameter
    (.sgd, .fp32, [4, 4, 0]),
    (.momentum, .fp32, [4, 4, 4]),
    (.adam, .fp32, [4, 4, 8]),
    (.adamw, .fp32, [4, 4, 8]),
    (.sgd, .fp16Mixed, [2, 2, 4]),
    (.momentum, .fp16Mixed, [2, 2, 8]),
    (.adam, .fp16Mixed, [2, 2, 12]),
    (.adamw, .fp16Mixed, [2, 2, 12]),
    (.sgd, .bf16Mixed, [2, 2, 4]),
    (.momentum, .bf16Mixed, [2, 2, 8]),
    (.adam, .bf16Mixed, [2, 2, 12]),
    (.adamw, .bf16Mixed, [2, 2, 12]),
  ]

  @Test("bytes per parameter for every optimizer and precision", arguments: perParameter)
  func bytesPerParameter(optimizer: OptimizerKind, precision: TrainingPrecision, expected: [Int]) throws {
    let n = 1_000_003
    let memory = try TrainingMemory(parameters: n, optimizer: optimizer, precision: precision)
    #expect([memory.weights, memory.gradients, memory.optimizerStates] == expected.map { $0 * n })
    #expect(memory.total == expected.reduce(0, +) * n)
    #expect(optimizer.modelStateBytesPerParameter(precision: precision) == expected.reduce(0, +))
  }

  @Test("a shape's parameter count drives the model states")
  func fromShape() throws {
    let shape = try TransformerShape(layers: 12, hidden: 768, heads: 12, sequence: 1024, vocabulary: 50257, batch: 4)
    let memory = try TrainingMemory(shape: shape, optimizer: .adamw, precision: .bf16Mixed, checkpointing: .selective)
    #expect(memory.parameters == 124_439_808)
    #expect(memory.weights == 248_879_616)
    #expect(memory.gradients == 248_879_616)
    #expect(memory.optimizerStates == 1_493_277_696)
    #expect(memory.activations == 1_283_457_024)
    #expect(memory.total == 3_274_493_952)
    #expect(memory.modelStates == 16 * 124_439_808)
  }

  @Test("zero parameters and byte counts beyond Int.max are errors")
  func errors() {
    #expect(throws: EstimateError.notPositive(name: "parameters", value: 0)) {
      try TrainingMemory(parameters: 0, optimizer: .sgd, precision: .fp32)
    }
    #expect(throws: EstimateError.overflow(quantity: "the optimizer byte count")) {
      try TrainingMemory(parameters: Int.max / 4, optimizer: .adam, precision: .bf16Mixed)
    }
    #expect(throws: EstimateError.overflow(quantity: "the total byte count")) {
      try TrainingMemory(parameters: Int.max / 12, optimizer: .adam, precision: .bf16Mixed)
    }
  }

  @Test("GB are 10^9 bytes, GiB 2^30")
  func units() {
    #expect(gigabytes(1_000_000_000) == 1)
    #expect(gibibytes(1 << 30) == 1)
    #expect(gibibytes(1_000_000_000) < gigabytes(1_000_000_000))
  }
}
