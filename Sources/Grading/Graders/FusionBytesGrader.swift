import Groundwork

/// Grades the learner's memory traffic of an element-wise chain
/// (Lessons/1-foundation, the profiling lesson), unfused (each operation
/// reads its operands and writes its result) and fused (the input and the
/// extra operands read once, the final result written once).
///
/// Reference: `FusionBytesGrader.bytes`, the count of tensors each way
/// times their size. Tolerance: exact.
///
/// The hidden case aims at the misconception that fusion removes every
/// read but the first: a chain with extra operands (a bias, a residual, a
/// mask), which a fused kernel still has to read, once each. Named
/// mistakes: the extra operands left out of the fused count, the
/// intermediates still written when fused, the writes left out of the
/// unfused count, and values counted instead of bytes.
public struct FusionBytesGrader: Grader {
  public static let name = "profiling.fusion-bytes"
  public static let entryPoints = [
    EntryPoint(
      "elementwiseChainBytes",
      [.init("elements", "Int"), .init("extraInputs", "[Int]"), .init("bytesPerElement", "Int"), .init("fused", "Bool")],
      returns: "Int")
  ]

  /// The learner's function.
  let implementation: (Int, [Int], Int, Bool) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: ((Int, [Int], Int, Bool) -> Int).self)
  }

  /// One chain.
  struct Chain: Sendable {
    var elements: Int
    var extraInputs: [Int]
    var bytesPerElement: Int

    var description: String {
      "\(extraInputs.count) operations with extra inputs \(extraInputs), \(elements) elements of \(bytesPerElement) bytes"
    }
  }

  /// The reference count.
  static func bytes(_ chain: Chain, fused: Bool) -> Int {
    let operations = chain.extraInputs.count
    let extra = chain.extraInputs.reduce(0, +)
    let reads = fused ? 1 + extra : operations + extra
    let writes = fused ? 1 : operations
    return (reads + writes) * chain.elements * chain.bytesPerElement
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    // GELU's tanh form applied element by element, in bf16: 8 operations.
    let gelu = Chain(elements: 4_096 * 16_384, extraInputs: Array(repeating: 0, count: 8), bytesPerElement: 2)
    // x·scale + bias, dropout mask, + residual: extra operands to read.
    let residual = Chain(elements: 1 << 20, extraInputs: [1, 1, 1, 1], bytesPerElement: 2)
    let seeded = (0..<40).map { _ in
      Chain(
        elements: rng.nextInt(in: 1...50_000_000), extraInputs: (0..<rng.nextInt(in: 1...10)).map { _ in rng.nextInt(in: 0...2) },
        bytesPerElement: [1, 2, 4, 8][rng.nextInt(in: 0...3)])
    }
    return [
      compare("one operation: nothing to fuse", [Chain(elements: 1_000, extraInputs: [1], bytesPerElement: 4)], seed: nil),
      compare("an 8-operation chain on one input (a GELU in bf16)", [gelu], seed: nil),
      compare("scale, bias, mask and residual: 4 extra operands", [residual], seed: nil),
      compare("40 seeded chains", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ chains: [Chain], seed: UInt64?) -> Check {
    let tried = chains.count == 1 ? chains[0].description : "\(chains.count) chains, seed \(seed ?? 0)"
    return Check(name, tried: tried) { [implementation] in
      for chain in chains {
        for fused in [false, true] {
          let expected = Self.bytes(chain, fused: fused)
          let got = implementation(chain.elements, chain.extraInputs, chain.bytesPerElement, fused)
          if got == expected { continue }
          let diagnosis = Mistake.allCases.first { mistake in
            let value = mistake.bytes(chain, fused: fused)
            return value == got && value != expected
          }
          return .failed(
            expected: "\(expected)", got: "\(got)",
            message: "For \(chain.description), \(fused ? "fused" : "unfused"): "
              + (diagnosis?.message ?? "the byte count differs."),
            hint: diagnosis?.hint
              ?? "Count whole tensors read and written, then multiply by elements × bytesPerElement. Unfused, each operation reads 1 + its extra inputs and writes 1.")
        }
      }
      return .passed
    }
  }

  /// Counts with one wrong belief.
  enum Mistake: CaseIterable {
    case fusedSkipsExtraInputs, fusedWritesIntermediates, unfusedNoWrites, values

    func bytes(_ chain: Chain, fused: Bool) -> Int {
      let size = chain.elements * chain.bytesPerElement
      let operations = chain.extraInputs.count
      let extra = chain.extraInputs.reduce(0, +)
      switch self {
      case .fusedSkipsExtraInputs: return fused ? 2 * size : FusionBytesGrader.bytes(chain, fused: false)
      case .fusedWritesIntermediates: return fused ? (1 + extra + operations) * size : FusionBytesGrader.bytes(chain, fused: false)
      case .unfusedNoWrites: return fused ? FusionBytesGrader.bytes(chain, fused: true) : (operations + extra) * size
      case .values: return FusionBytesGrader.bytes(chain, fused: fused) / chain.bytesPerElement
      }
    }

    var message: String {
      switch self {
      case .fusedSkipsExtraInputs:
        "this fused count reads only x and writes the result; the extra operands (bias, residual, mask) still have to be read, once each."
      case .fusedWritesIntermediates:
        "this fused count still writes every intermediate result; fusing keeps them on the chip and writes only the last."
      case .unfusedNoWrites: "this unfused count leaves out the writes; every operation writes its result to memory."
      case .values: "this counts values, not bytes; multiply by bytesPerElement."
      }
    }

    var hint: String {
      switch self {
      case .fusedSkipsExtraInputs, .fusedWritesIntermediates:
        "Fused: read x once, read each extra input once, write the final result once."
      case .unfusedNoWrites: "Unfused: operation i reads 1 + extraInputs[i] tensors and writes 1."
      case .values: "Multiply the tensor count by elements × bytesPerElement."
      }
    }
  }
}
