import Testing

@testable import Grading
@testable import Tensors

@Suite("Bfloat16 rounding grader")
struct BFloat16RoundingGraderTests {
  typealias Implementation = (Float) -> Float

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try BFloat16RoundingGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> [String] {
    try verdicts(implementation).compactMap { verdict in
      if case .failed(_, _, let message, _) = verdict { return message }
      return nil
    }
  }

  /// Round to nearest even on the bit pattern, with switches for the classic mistakes.
  static func variant(checkNaN: Bool = true, tiesToEven: Bool = true, truncate: Bool = false) -> Implementation {
    { x in
      if checkNaN && x.isNaN { return x }
      let bits = x.bitPattern
      if truncate { return Float(bitPattern: bits & 0xFFFF_0000) }
      let bias: UInt32 = tiesToEven ? 0x7FFF + ((bits >> 16) & 1) : 0x8000
      return Float(bitPattern: (bits &+ bias) & 0xFFFF_0000)
    }
  }

  @Test("the kernel's values for the lesson's examples")
  func lessonValues() {
    #expect(BFloat16RoundingGrader.reference(.pi) == 3.140625)
    #expect(BFloat16RoundingGrader.reference(1 + 1 / 256) == 1.0)
    #expect(BFloat16RoundingGrader.reference(1 + 3 / 256) == 1.015625)
    #expect(BFloat16RoundingGrader.reference(3.4e38) == .infinity)
    #expect(BFloat16RoundingGrader.reference(257) == 256)
    #expect(BFloat16RoundingGrader.reference(-0.0).bitPattern == 0x8000_0000)
    #expect(BFloat16RoundingGrader.reference(Float(bitPattern: 0x7F80_0001)).isNaN)
  }

  @Test("a correct implementation passes every check, whatever the seed", arguments: [1, 2, 3, 4242] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    #expect(try verdicts(Self.variant(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("truncation, ties away from zero and Float16 are named")
  func rounding() throws {
    #expect(try messages(Self.variant(truncate: true)).contains { $0.hasSuffix("this is truncation: the low 16 bits were dropped, which rounds toward zero.") })
    #expect(try messages(Self.variant(tiesToEven: false)).contains { $0.hasSuffix("this tie was rounded away from zero, not to even.") })
    let half = try messages { Float(Float16($0)) }
    #expect(half.contains { $0.hasSuffix("this is x rounded to Float16 (5 exponent bits, 10 mantissa bits), not bfloat16.") })
  }

  @Test("a NaN rounded into infinity is named")
  func nan() throws {
    #expect(try messages(Self.variant(checkNaN: false)).contains { $0.hasSuffix("a NaN came back as infinity.") })
  }

  @Test("saturation, flushed subnormals, a lost sign of zero and the unchanged input are named")
  func shortcuts() throws {
    let reference = Self.variant()
    let saturating: Implementation = { x in
      let y = reference(x)
      return y.isInfinite && x.isFinite ? Float(sign: y.sign, exponent: 0, significand: 1) * Float(bitPattern: 0x7F7F_0000) : y
    }
    #expect(try messages(saturating).contains { $0.contains("saturated at the largest finite bfloat16") })
    let flushing: Implementation = { x in x.isSubnormal ? 0 * x : reference(x) }
    let flushed = try messages(flushing)
    #expect(flushed.contains { $0.hasSuffix("a subnormal was flushed to zero.") }, "\(flushed)")
    let unsignedZero: Implementation = { x in
      let y = reference(x)
      return y == 0 ? 0 : y
    }
    #expect(try messages(unsignedZero).contains { $0.hasSuffix("the sign of zero was lost.") })
    #expect(try messages { $0 }.contains { $0.hasSuffix("your function returned x unchanged.") })
  }

  @Test("a constant cannot pass", arguments: [0, 1, Float.nan, Float.infinity])
  func constants(value: Float) throws {
    #expect(try verdicts { _ in value }.allSatisfy { $0 != .passed })
  }
}

@Suite("Float16 stall grader")
struct Float16StallGraderTests {
  typealias Implementation = (Float16) -> Int

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try Float16StallGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> [String] {
    try verdicts(implementation).compactMap { verdict in
      if case .failed(_, _, let message, _) = verdict { return message }
      return nil
    }
  }

  static func reference(_ increment: Float16) -> Int {
    Float16StallGrader.firstStalledAddition(increment: increment).additions
  }

  @Test("the lesson's numbers: 1 stalls at 2048 after 2049, 0.1 at 256 after 2208, 0.0001 at 0.25 after 2182")
  func lessonValues() {
    let one = Float16StallGrader.firstStalledAddition(increment: 1)
    #expect(one.additions == 2_049 && one.sum == 2_048)
    let tenth = Float16StallGrader.firstStalledAddition(increment: 0.1)
    #expect(tenth.additions == 2_208 && tenth.sum == 256)
    let small = Float16StallGrader.firstStalledAddition(increment: 0.0001)
    #expect(small.additions == 2_182 && small.sum == 0.25)
    let tiny = Float16StallGrader.firstStalledAddition(increment: .leastNonzeroMagnitude)
    #expect(tiny.additions == 2_049)
    let large = Float16StallGrader.firstStalledAddition(increment: 1_000)
    #expect(large.sum == .infinity && large.additions == 67)
  }

  @Test("the reference passes every check, whatever the seed", arguments: [1, 2, 3, 4242] as [UInt64])
  func referencePasses(seed: UInt64) throws {
    #expect(try verdicts(Self.reference, seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("one short, the stalled sum, and a Float sum are named")
  func mistakes() throws {
    #expect(try messages { Self.reference($0) - 1 }.contains { $0.contains("this counts the additions that changed the sum") })
    let stalledSum: Implementation = { increment in
      let sum = Float16StallGrader.firstStalledAddition(increment: increment).sum
      return sum.isFinite ? Int(sum) : -1
    }
    #expect(try messages(stalledSum).contains { $0.hasSuffix("this is the value the sum stalls at, not the number of additions.") })
    let wide: Implementation = { increment in
      var sum: Float = 0
      var additions = 0
      while true {
        additions += 1
        let next = sum + Float(increment)
        if next == sum { return additions }
        sum = next
      }
    }
    // Only the first check (increment 1): a Float sum takes 2^24 + 1 additions there.
    let first = try Float16StallGrader(entries: [wide]).checks(seed: 1)[0].run()
    guard case .failed(_, _, let message, _) = first else {
      Issue.record("a Float sum passed increment 1")
      return
    }
    #expect(message == "Far more additions than a Float16 sum survives.")
  }

  @Test("2049 for every increment passes only the power-of-two cases and is named")
  func alwaysOne() throws {
    let results = try verdicts { _ in 2_049 }
    #expect(results[0] == .passed)
    #expect(results.dropFirst().contains { $0 != .passed })
    #expect(try messages { _ in 2_049 }.contains { $0.hasPrefix("2049 is the answer for increment 1") })
  }

  @Test("a constant cannot pass", arguments: [0, 2_048, 2_049, 4_096])
  func constants(value: Int) throws {
    #expect(try verdicts { _ in value }.contains { $0 != .passed })
  }
}

@Suite("Format limits grader")
struct FormatLimitsGraderTests {
  typealias Implementation = (Int, Int) -> FormatLimitsGrader.Limits

  func verdicts(_ implementation: @escaping Implementation, seed: UInt64 = 1) throws -> [Verdict] {
    try FormatLimitsGrader(entries: [implementation]).checks(seed: seed).map { $0.run() }
  }

  func messages(_ implementation: @escaping Implementation) throws -> [String] {
    try verdicts(implementation).compactMap { verdict in
      if case .failed(_, _, let message, _) = verdict { return message }
      return nil
    }
  }

  /// The formulas with switches for the classic mistakes, computed with
  /// `pow`-style intermediates where `naive` is set.
  static func variant(
    reserveTop: Bool = true, biasShift: Int = 0, epsilonShift: Int = 0, naive: Bool = false
  ) -> Implementation {
    { e, m in
      func two(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }
      let bias = (1 << (e - 1)) - 1 + biasShift
      let emax = (1 << e) - (reserveTop ? 2 : 1) - bias
      let largest = naive ? two(emax + 1) - two(emax - m) : (2 - two(-m)) * two(emax)
      let subnormal = naive ? 1 / two(bias + m - 1) : two(1 - bias - m)
      return (largest, two(1 - bias), subnormal, two(-m - epsilonShift))
    }
  }

  @Test("the reference values: FP16 65504, FP64 Double's own limits")
  func reference() {
    let fp16 = FormatLimitsGrader.reference(5, 10)
    #expect(fp16.largest == 65_504 && fp16.smallestNormal == 0x1p-14 && fp16.smallestSubnormal == 0x1p-24 && fp16.epsilon == 0x1p-10)
    let fp64 = FormatLimitsGrader.reference(11, 52)
    #expect(fp64.largest == .greatestFiniteMagnitude)
    #expect(fp64.smallestNormal == .leastNormalMagnitude)
    #expect(fp64.smallestSubnormal == .leastNonzeroMagnitude)
    #expect(fp64.epsilon == .ulpOfOne)
  }

  @Test("a correct implementation passes every check, whatever the seed", arguments: [1, 2, 3, 4242] as [UInt64])
  func correctPasses(seed: UInt64) throws {
    #expect(try verdicts(Self.variant(), seed: seed).allSatisfy { $0 == .passed })
  }

  @Test("the reserved exponent, the bias and the unit roundoff are named")
  func mistakes() throws {
    #expect(try messages(Self.variant(reserveTop: false)).contains { $0.hasPrefix("`largest` uses the all-ones exponent") })
    #expect(try messages(Self.variant(biasShift: 1)).contains { $0.hasPrefix("`largest` is off by a factor of 2: check the bias.") })
    #expect(try messages(Self.variant(epsilonShift: 1)).contains { $0.hasPrefix("`epsilon` is 2^−(M+1), the unit roundoff") })
  }

  @Test("FP64's overflowing and underflowing intermediates are named")
  func edges() throws {
    let naive = try messages(Self.variant(naive: true))
    #expect(naive.contains("`largest` overflowed to infinity."))
    let reciprocal: Implementation = { e, m in
      let limits = Self.variant()(e, m)
      let bias = (1 << (e - 1)) - 1
      return (limits.largest, limits.smallestNormal, 1 / Double(sign: .plus, exponent: bias + m - 1, significand: 1), limits.epsilon)
    }
    #expect(try messages(reciprocal).contains("`smallestSubnormal` came out as 0."))
  }

  @Test("a constant cannot pass")
  func constants() throws {
    #expect(try verdicts { _, _ in (65_504, 0x1p-14, 0x1p-24, 0x1p-10) }.contains { $0 != .passed })
  }
}
