import Estimates
import Testing

@Suite("TransformerShape: GPT-2 parameter count and validation")
struct ParameterCountTests {
  @Test("GPT-2 small has 124,439,808 parameters (the Hugging Face gpt2 checkpoint)")
  func gpt2Small() throws {
    let shape = try TransformerShape(layers: 12, hidden: 768, heads: 12, sequence: 1024, vocabulary: 50257, batch: 1)
    #expect(shape.parameterCount == 124_439_808)
  }

  @Test("the count is the sum of its modules, and heads and batch do not change it")
  func moduleByModule() throws {
    let (l, h, s, v) = (2, 96, 100, 1000)
    let attention = (h * 3 * h + 3 * h) + (h * h + h)
    let mlp = (h * 4 * h + 4 * h) + (4 * h * h + h)
    let norms = 2 * 2 * h
    let expected = l * (attention + mlp + norms) + v * h + s * h + 2 * h
    for (heads, batch) in [(1, 1), (4, 3), (96, 64)] {
      let shape = try TransformerShape(layers: l, hidden: h, heads: heads, sequence: s, vocabulary: v, batch: batch)
      #expect(shape.parameterCount == expected)
    }
    #expect(expected == 329_472)
  }

  @Test("GPT-3's shape gives about 175B parameters")
  func gpt3() throws {
    let shape = try TransformerShape(
      layers: 96, hidden: 12288, heads: 96, sequence: 2048, vocabulary: 50257, batch: 1)
    #expect(shape.parameterCount == 174_604_259_328)
    #expect(abs(Double(shape.parameterCount) / 175e9 - 1) < 0.01)
  }

  @Test(
    "a dimension below 1 is rejected, naming it",
    arguments: [
      ([0, 768, 12, 1024, 50257, 1], "layers", 0),
      ([12, 0, 12, 1024, 50257, 1], "hidden", 0),
      ([12, 768, 0, 1024, 50257, 1], "heads", 0),
      ([12, 768, 12, -1, 50257, 1], "sequence", -1),
      ([12, 768, 12, 1024, 0, 1], "vocabulary", 0),
      ([12, 768, 12, 1024, 50257, -4], "batch", -4),
    ])
  func notPositive(dimensions: [Int], name: String, value: Int) {
    #expect(throws: EstimateError.notPositive(name: name, value: value)) {
      try TransformerShape(
        layers: dimensions[0], hidden: dimensions[1], heads: dimensions[2], sequence: dimensions[3],
        vocabulary: dimensions[4], batch: dimensions[5])
    }
  }

  @Test("heads must divide the hidden size")
  func headsDivideHidden() throws {
    #expect(throws: EstimateError.headsDoNotDivideHidden(heads: 5, hidden: 768)) {
      try TransformerShape(layers: 12, hidden: 768, heads: 5, sequence: 1024, vocabulary: 50257, batch: 1)
    }
    _ = try TransformerShape(layers: 1, hidden: 768, heads: 768, sequence: 1, vocabulary: 1, batch: 1)
  }

  @Test("a count beyond Int.max is an overflow error, not a wrap or a trap")
  func overflow() {
    #expect(throws: EstimateError.overflow(quantity: "the parameter count")) {
      try TransformerShape(layers: 1 << 20, hidden: 1 << 22, heads: 1, sequence: 1, vocabulary: 1, batch: 1)
    }
  }

  @Test("every error is one line")
  func oneLineMessages() {
    let errors: [EstimateError] = [
      .notPositive(name: "layers", value: 0), .headsDoNotDivideHidden(heads: 5, hidden: 768),
      .overflow(quantity: "the parameter count"), .notAParameterCount("a\nb"), .parameterCountNotPositive("-5"),
      .parameterCountNotWhole("1.5"), .parameterCountTooLarge("1e30"),
    ]
    for error in errors {
      #expect(!error.description.isEmpty)
      #expect(!error.description.contains("\n"), "\(error.description)")
    }
  }
}
