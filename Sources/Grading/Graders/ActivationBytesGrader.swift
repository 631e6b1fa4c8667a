import Groundwork

/// Grades the learner's activation bytes per transformer layer
/// (Lessons/1-foundation, the memory lesson): Korthikanti et al.'s
/// s·b·h·(34 + 5·a·s/h) with 16-bit activations and no recomputation.
///
/// Reference: `Estimates.TransformerShape.perLayerActivationBytes(checkpointing: .off)`.
/// Tolerance: exact (the count is a whole number of bytes).
///
/// The hidden cases have 5·a·s not divisible by h, where computing the
/// bracket in integers truncates it. Other named mistakes: the attention
/// term left out (that is the figure with selective recomputation), the
/// full-recomputation figure 2·s·b·h, the attention term with s instead of
/// s², fp32 (twice the figure), and the batch left out of the attention term.
public struct ActivationBytesGrader: Grader {
  public static let name = "memory.activations"
  public static let entryPoints = [
    EntryPoint(
      "activationBytesPerLayer",
      [.init("sequence", "Int"), .init("batch", "Int"), .init("hidden", "Int"), .init("heads", "Int")],
      returns: "Int")
  ]
  public static let forbiddenSymbols = ["perLayerActivationBytes", "activationBytes", "TransformerShape", "TrainingMemory"]

  /// The learner's function.
  let implementation: (Int, Int, Int, Int) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, Int, Int, Int) -> Int).self)
  }

  /// One layer shape.
  struct Shape: Sendable {
    var sequence: Int
    var batch: Int
    var hidden: Int
    var heads: Int

    var description: String { "sequence \(sequence), batch \(batch), hidden \(hidden), heads \(heads)" }

    var expected: Int {
      let shape = try? TransformerShape(
        layers: 1, hidden: hidden, heads: heads, sequence: sequence, vocabulary: 1, batch: batch)
      return (try? shape?.perLayerActivationBytes(checkpointing: .off)) ?? -1
    }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let seeded = (0..<40).map { _ in
      let heads = [1, 2, 4, 8, 12, 16, 32, 64][rng.nextInt(in: 0...7)]
      return Shape(
        sequence: rng.nextInt(in: 1...8_192), batch: rng.nextInt(in: 1...64),
        hidden: heads * rng.nextInt(in: 1...256), heads: heads)
    }
    var fractional: [Shape] = [Shape(sequence: 100, batch: 3, hidden: 96, heads: 4)]
    while fractional.count < 20 {
      let heads = [2, 3, 4, 6, 8, 12][rng.nextInt(in: 0...5)]
      let shape = Shape(
        sequence: rng.nextInt(in: 7...3_000), batch: rng.nextInt(in: 1...16), hidden: heads * rng.nextInt(in: 5...200),
        heads: heads)
      if (5 * shape.heads * shape.sequence) % shape.hidden != 0 { fractional.append(shape) }
    }
    return [
      compare("GPT-3 175B's layer: s 2048, b 1, h 12288, a 96", [Shape(sequence: 2_048, batch: 1, hidden: 12_288, heads: 96)], seed: seed),
      compare("a 7B-class layer: s 4096, b 1, h 4096, a 32", [Shape(sequence: 4_096, batch: 1, hidden: 4_096, heads: 32)], seed: seed),
      compare("GPT-2 small's layer at batch 8: s 1024, h 768, a 12", [Shape(sequence: 1_024, batch: 8, hidden: 768, heads: 12)], seed: seed),
      compare("5·a·s/h not a whole number", fractional, seed: seed),
      compare("40 seeded shapes", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ shapes: [Shape], seed: UInt64) -> Check {
    let tried = shapes.count == 1 ? shapes[0].description : "\(shapes.count) shapes, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      for shape in shapes {
        let expected = shape.expected
        let got = implementation(shape.sequence, shape.batch, shape.hidden, shape.heads)
        if got == expected { continue }
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.value(shape)
          return value == got && value != expected
        }
        let text = diagnosis?.message ?? "the byte count differs."
        return .failed(
          expected: "\(expected)", got: "\(got)", message: "At \(shape.description): \(text)",
          hint: diagnosis?.hint ?? "34·s·b·h + 5·a·s²·b, all in Int.")
      }
      return .passed
    }
  }

  /// The answers common mistakes produce, to name the mistake.
  enum Mistake: CaseIterable {
    case truncatedBracket, noAttention, fullRecompute, linearAttention, fp32, attentionWithoutBatch

    func value(_ x: Shape) -> Int {
      let sbh = x.sequence * x.batch * x.hidden
      let attention = 5 * x.heads * x.sequence * x.sequence * x.batch
      switch self {
      case .truncatedBracket: return sbh * (34 + 5 * x.heads * x.sequence / x.hidden)
      case .noAttention: return 34 * sbh
      case .fullRecompute: return 2 * sbh
      case .linearAttention: return 34 * sbh + 5 * x.heads * x.sequence * x.batch
      case .fp32: return 2 * (34 * sbh + attention)
      case .attentionWithoutBatch: return 34 * sbh + 5 * x.heads * x.sequence * x.sequence
      }
    }

    var message: String {
      switch self {
      case .truncatedBracket:
        "this computes 5·a·s/h in integer division, which drops its fraction before the multiplication."
      case .noAttention:
        "this is 34·s·b·h, without the attention scores' 5·a·s²·b (the figure with selective recomputation)."
      case .fullRecompute: "this is 2·s·b·h, the layer input alone that full recomputation keeps."
      case .linearAttention: "the attention term grows with the square of the sequence: 5·a·s²·b, not 5·a·s·b."
      case .fp32: "this is twice the 16-bit figure, as for fp32 activations; the formula counts 16-bit ones."
      case .attentionWithoutBatch: "the attention term is missing the batch: every sample has its own scores."
      }
    }

    var hint: String {
      switch self {
      case .truncatedBracket:
        "Multiply out first: s·b·h·(34 + 5·a·s/h) = 34·s·b·h + 5·a·s²·b, which needs no division."
      case .noAttention, .fullRecompute, .linearAttention, .attentionWithoutBatch:
        "Without recomputation a layer keeps both terms: 34·s·b·h for the linear parts and 5·a·s²·b for the attention scores, softmax and dropout."
      case .fp32: "Count 16-bit activations: the 34 and the 5 already include the 2 bytes per value."
      }
    }
  }
}
