import Foundation
import Testing
@testable import Tensors

/// The vectorised float32 exp (`exp4`, behind `Tensor.exp()`) against eˣ
/// computed in `Double` by the C library and rounded to float32: the
/// correctly rounded result, as a `Double` exp carries 29 bits more than
/// float32 needs (of all float32 inputs, one, x = −14.56709, has a `Double`
/// result too close to a rounding boundary to tell, and a check at higher
/// precision agrees with it).
///
/// The bound is 1 ULP. `bench/exp-accuracy` checks every one of the 2³²
/// float32 bit patterns in a release build (a minute and a half; too slow
/// for a debug test run): the largest error is 1 ULP, every NaN gives NaN,
/// and of the 520,184,780 inputs whose result is not 0, 1 or ∞,
/// 18,166,660 (3.5%) are 1 ULP off and the rest correctly rounded. The
/// sweep below covers the same range more thinly, and more densely where
/// exp is hardest (there about 9% of results are 1 ULP off).
@Suite struct VectorExpTests {
  /// The most any float32 result may differ from the correctly rounded one.
  static let ulpBound = 1

  /// eˣ correctly rounded to float32 (through `Double`).
  static func reference(_ x: Float) -> Float { Float(Foundation.exp(Double(x))) }

  /// How many float32 values apart two results of exp are. Both are ≥ 0
  /// (or NaN), so their bit patterns order them; +∞ counts as the float
  /// after the largest finite one.
  static func ulps(_ a: Float, _ b: Float) -> Int {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .max }
    return abs(Int(a.bitPattern) - Int(b.bitPattern))
  }

  /// `count` consecutive float32 values, by bit pattern, from `first`
  /// upward in magnitude.
  static func run(from first: Float, count: Int) -> [Float] {
    (0..<count).map { Float(bitPattern: first.bitPattern &+ UInt32($0)) }
  }

  /// The inputs of the sweep: a million evenly spaced points on
  /// [−104, 89], and every float32 in narrow windows where exp is hardest
  /// to get right.
  static let sweep: [Float] = {
    var xs = (0..<1_000_000).map { Float(-104 + 193 * Double($0) / 999_999) }
    let width = 1 << 14
    // Every float32 in a window of `width` around each of these.
    let centres: [Float] = [
      0x1p-24, -0x1p-24, 0x1p-25, -0x1p-25,        // where eˣ stops rounding to 1
      0.346_573_59, -0.346_573_59,                 // ±ln 2 / 2, where n changes
      1.039_720_8, -1.039_720_8,                   // ±3 ln 2 / 2
      1, -1, 10, -10,
      88.722_83,                                   // the overflow threshold
      -87.336_55,                                  // results turn subnormal
      -95, -100,                                   // subnormal results
      -103.972_08,                                 // results round to 0
    ]
    for centre in centres {
      xs += run(from: Float(bitPattern: centre.bitPattern - UInt32(width / 2)), count: width)
    }
    xs += run(from: 0, count: width) + run(from: -0.0, count: width)   // the smallest |x|
    return xs
  }()

  @Test func sweepIsWithinTheBound() {
    let xs = Self.sweep
    let ys = Tensor(xs, shape: [xs.count]).exp().scalars(as: Float.self)
    var worst = (ulps: 0, x: Float(0))
    var correctlyRounded = 0
    for (x, y) in zip(xs, ys) {
      let error = Self.ulps(y, Self.reference(x))
      if error > worst.ulps { worst = (error, x) }
      if error == 0 { correctlyRounded += 1 }
    }
    #expect(worst.ulps <= Self.ulpBound, "\(worst.ulps) ULP at x = \(worst.x)")
    // Most results are correctly rounded, not merely within the bound
    // (90.97% of the sweep when this was written).
    #expect(Double(correctlyRounded) / Double(xs.count) > 0.9)
  }

  @Test func specialValues() {
    let cases: [(Float, Float)] = [
      (0, 1), (-0.0, 1),
      (.infinity, .infinity), (-.infinity, 0),
      (.greatestFiniteMagnitude, .infinity), (-.greatestFiniteMagnitude, 0),
      (1000, .infinity), (-1000, 0),
      (88.722_831_726_074_22, 3.402_798_5e38),     // the largest finite result
      (88.722_839_355_468_75, .infinity),          // the first input that overflows
      (-103.972_076_416_015_62, 0x1p-149),         // the smallest subnormal
      (-103.972_084_045_410_16, 0),                // the first input that rounds to 0
      (.leastNonzeroMagnitude, 1), (-.leastNonzeroMagnitude, 1),
    ]
    let ys = Tensor(cases.map(\.0), shape: [cases.count]).exp().scalars(as: Float.self)
    for ((x, want), got) in zip(cases, ys) {
      #expect(got.bitPattern == want.bitPattern, "exp(\(x)) = \(got), want \(want)")
      #expect(Self.reference(x).bitPattern == want.bitPattern, "the reference at \(x)")
    }
    let nans = Tensor([Float.nan, -.nan, .signalingNaN], shape: [3]).exp().scalars(as: Float.self)
    #expect(nans.allSatisfy { $0.isNaN })
    #expect(Tensor([Float(1)], shape: [1]).exp().item() == Double(Float(M_E)))
  }

  /// The scalar entry point, the vector loop at every lane position and
  /// the padded tail, the strided walk and any thread count give the same
  /// bits for the same input.
  @Test func resultsDependOnTheInputOnly() {
    var rng = RandomGenerator(seed: 41)
    let a = (rng.normal([70_003]) * 30).contiguous()
    let values = a.scalars(as: Float.self)
    let scalar = values.map { exp4($0).bitPattern }
    #expect(a.exp().scalars(as: Float.self).map(\.bitPattern) == scalar)
    for threads in [1, 2, 3, 7] {
      let split = a.map(threads: threads, ExponentialKernel<Float>())
      #expect(split.scalars(as: Float.self).map(\.bitPattern) == scalar, "\(threads) threads")
    }
    // Shifted by 1 to 3 elements, each value lands in another lane.
    for shift in 1...3 {
      let tail = a[.range(shift..<a.count)].exp().scalars(as: Float.self).map(\.bitPattern)
      #expect(tail == Array(scalar[shift...]), "shifted by \(shift)")
    }
    // Strided: every other element, and a transposed matrix.
    let everyOther = a[.stride(by: 2)].exp().scalars(as: Float.self).map(\.bitPattern)
    #expect(everyOther == stride(from: 0, to: scalar.count, by: 2).map { scalar[$0] })
    let m = a[.range(0..<70_000)].reshaped([200, 350])
    let transposed = m.transposed().exp().transposed().contiguous().scalars(as: Float.self).map(\.bitPattern)
    #expect(transposed == Array(scalar[0..<70_000]))
  }

  /// The 16-bit dtypes compute through the same float32 exp and round once:
  /// every one of their 65,536 inputs is within 1 ULP of its own type of
  /// the correctly rounded result, and equals the float32 result rounded.
  @Test func halfPrecisionDtypesRoundTheFloat32Result() {
    let patterns = Array(0...UInt16.max)
    let halves = patterns.map { Float16(bitPattern: $0) }.filter { !$0.isNaN }
    let half = Tensor(halves, shape: [halves.count]).exp().scalars(as: Float16.self)
    let halfMismatches = zip(halves, half).filter { x, y in
      y.bitPattern != Float16(exp4(Float(x))).bitPattern
        || abs(Int(y.bitPattern) - Int(Float16(Foundation.exp(Double(x))).bitPattern)) > 1
    }
    #expect(halfMismatches.isEmpty, "float16: \(halfMismatches.prefix(5))")

    let brains = patterns.map { BFloat16(bitPattern: $0) }.filter { !Float($0).isNaN }
    let brain = Tensor(brains, shape: [brains.count]).exp().scalars(as: Float.self).map { BFloat16($0) }
    let brainMismatches = zip(brains, brain).filter { x, y in
      y.bitPattern != BFloat16(exp4(Float(x))).bitPattern
        || abs(Int(y.bitPattern) - Int(BFloat16(Foundation.exp(Double(x))).bitPattern)) > 1
    }
    #expect(brainMismatches.isEmpty, "bfloat16: \(brainMismatches.prefix(5).map { (Float($0.0), Float($0.1)) })")
    #expect(Tensor([Float16.nan], shape: [1]).exp().item().isNaN)
    #expect(Tensor([BFloat16(Float.nan)], shape: [1]).exp().item().isNaN)
  }

  /// float64 keeps the C library's exp, bit for bit.
  @Test func float64UsesTheCLibrary() {
    var rng = RandomGenerator(seed: 42)
    let a = (rng.normal([10_001]) * 100).converted(to: .float64)
    let want = a.scalars(as: Double.self).map { Foundation.exp($0).bitPattern }
    #expect(a.exp().scalars(as: Double.self).map(\.bitPattern) == want)
  }
}
