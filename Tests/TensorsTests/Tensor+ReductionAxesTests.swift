import Testing
@testable import Tensors

/// Reductions over sets of axes, spread, extremes, log-sum-exp and softmax.
@Suite struct TensorReductionAxesTests {
  static let floating: [DType] = [.float32, .float64, .float16, .bfloat16]
  /// Element [i, j, k] is 12i + 4j + k.
  static let cube = Tensor((0..<24).map(Double.init), shape: [2, 3, 4])

  /// The reference: sums over `axes` by visiting every element of `t` and
  /// adding it, in Double, into the output position its kept indices name.
  func referenceSum(_ t: Tensor, axes: [Int]) -> [Double] {
    let reduced = Set(axes.map { $0 < 0 ? $0 + t.rank : $0 })
    let kept = (0..<t.rank).filter { !reduced.contains($0) }
    let keptShape = kept.map { t.shape[$0] }
    var out = [Double](repeating: 0, count: keptShape.reduce(1, *))
    let values = t.scalars(as: Double.self)
    for flat in values.indices {
      var index = [Int](repeating: 0, count: t.rank)
      var rest = flat
      for axis in (0..<t.rank).reversed() {
        index[axis] = rest % t.shape[axis]
        rest /= t.shape[axis]
      }
      var position = 0
      for axis in kept { position = position * t.shape[axis] + index[axis] }
      out[position] += values[flat]
    }
    return out
  }

  @Test func sumOverAxisSetsByHand() {
    // Over axes 0 and 2: for each j, Σᵢ Σₖ (12i + 4j + k) = 8·4j + 2·6 + 4·12 = 32j + 60.
    #expect(Self.cube.sum(axes: [0, 2]).scalars(as: Double.self) == [60, 92, 124])
    #expect(Self.cube.sum(axes: [2, 0]).shape == [3])
    #expect(Self.cube.sum(axes: [0, -1], keepDims: true).shape == [1, 3, 1])
    #expect(Self.cube.sum(axes: [1, 2]).scalars(as: Double.self) == [66, 210])
    #expect(Self.cube.sum(axes: []).scalars(as: Double.self) == Self.cube.scalars(as: Double.self))
    #expect(Self.cube.sum(axes: [0, 1, 2]).item() == 276)
  }

  @Test func repeatedAxisTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([2, 3]).sum(axes: [1, -1])
    }
  }

  @Test(arguments: [DType.float32, .float64])
  func sumMatchesTheReferenceOnViewsForEveryAxisSet(dtype: DType) {
    var rng = SplitMix64(seed: 42)
    let base = randomTensor([3, 4, 5], dtype: dtype, rng: &rng)
    let views: [Tensor] = [
      base,
      base.permuted([2, 0, 1]),
      base[.all, .stride(by: -2), .range(1..<5)],
      base[.at(1), .newAxis].expanded(to: [3, 4, 5]),
      Tensor.zeros([2, 0, 3], dtype: dtype),
      Tensor.ones([1, 1, 1], dtype: dtype),
    ]
    let axisSets: [[Int]] = [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2], [-1, 0]]
    for view in views {
      for axes in axisSets {
        let got = view.sum(axes: axes).scalars(as: Double.self)
        #expect(allClose(got, referenceSum(view, axes: axes), rtol: 1e-6), "shape \(view.shape) strides \(view.strides) axes \(axes)")
      }
    }
  }

  @Test(arguments: floating)
  func meanVarianceStdByHand(dtype: DType) {
    let t = makeTensor([1, 2, 3, 4, 10, 20, 30, 40], shape: [2, 4], dtype: dtype)
    #expect(t.mean(axes: [1]).scalars(as: Double.self) == [2.5, 25])
    // Σ(x − 2.5)² = 5 for the first row, 500 for the second.
    let sample = t.variance(axes: [1]).scalars(as: Double.self)
    let population = t.variance(axes: [1], correction: 0).scalars(as: Double.self)
    let tolerance = dtype == .float64 ? 1e-15 : dtype == .float32 ? 1e-6 : 1e-2
    #expect(allClose(sample, [5.0 / 3, 500.0 / 3], rtol: tolerance))
    #expect(population == [1.25, 125])
    let std = t.standardDeviation(axes: [1], correction: 0).scalars(as: Double.self)
    #expect(allClose(std, [Double(1.25).squareRoot(), Double(125).squareRoot()], rtol: tolerance))
    #expect(t.variance(axes: [1], keepDims: true).shape == [2, 1])
    #expect(t.variance(axes: [1], correction: 4).scalars(as: Double.self).allSatisfy { $0.isNaN })
    #expect(t.mean(axes: [1]).dtype == dtype)
  }

  @Test func twoPassVarianceDoesNotCancel() {
    // E[x²] − E[x]² would lose every digit here in float64.
    let t = Tensor([1e9 + 1, 1e9 + 2, 1e9 + 3], shape: [3])
    #expect(t.variance().item() == 1)
    #expect(t.standardDeviation(correction: 0).item() == (2.0 / 3).squareRoot())
  }

  @Test func meanOfIntegersTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor([1, 2] as [Int32], shape: [2]).mean()
    }
  }

  @Test(arguments: DType.allCases.filter { $0 != .bool })
  func maxMinArgmaxByHand(dtype: DType) {
    let t = makeTensor([3, 7, 7, 1, 0, 2, 9, 9, 5], shape: [3, 3], dtype: dtype)
    #expect(t.max(axis: 1).scalars(as: Double.self) == [7, 2, 9])
    #expect(t.min(axis: 0).scalars(as: Double.self) == [1, 0, 2])
    #expect(t.max().item() == 9)
    #expect(t.min(axes: [0, 1], keepDims: true).shape == [1, 1])
    #expect(t.max(axis: 0).dtype == dtype)
    // Ties go to the first position.
    #expect(t.argmax(axis: 1).scalars(as: Int32.self) == [1, 2, 0])
    #expect(t.argmin(axis: 0).scalars(as: Int32.self) == [1, 1, 1])
    #expect(t.argmax().scalars(as: Int32.self) == [6])
    #expect(t.argmax().dtype == .int32)
    #expect(t.argmax(axis: -1, keepDims: true).shape == [3, 1])
    // tᵀ = [[3, 1, 9], [7, 0, 9], [7, 2, 5]].
    #expect(t.transposed().argmax(axis: 1).scalars(as: Int32.self) == [2, 2, 0])
  }

  @Test func nanWinsMaxMinAndArgmax() {
    let t = Tensor([1, .nan, 3, .nan], shape: [4])
    #expect(t.max().item().isNaN)
    #expect(t.min().item().isNaN)
    #expect(t.argmax().scalars(as: Int32.self) == [1])
    #expect(t.argmin().scalars(as: Int32.self) == [1])
  }

  @Test func boolMaxIsAnyAndMinIsAll() {
    let t = Tensor([false, true, false, false], shape: [2, 2])
    #expect(t.max(axis: 1).scalars(as: Bool.self) == [true, false])
    #expect(t.min(axis: 1).scalars(as: Bool.self) == [false, false])
  }

  @Test func maxOfNothingTraps() async {
    await #expect(processExitsWith: .failure) {
      _ = Tensor.zeros([0, 3]).max(axis: 0)
    }
  }

  @Test(arguments: [DType.float32, .float64])
  func logSumExpAtHugeLogits(dtype: DType) {
    let t = makeTensor([1000, 1000, -1000, -1000, 0, -1000], shape: [3, 2], dtype: dtype)
    let log2 = 0.6931471805599453
    let l = t.logSumExp(axes: [1]).scalars(as: Double.self)
    #expect(allClose(l, [1000 + log2, -1000 + log2, 0], rtol: dtype == .float64 ? 1e-15 : 1e-7))
    let special = makeTensor([-.infinity, -.infinity, .infinity, 1, .nan, 1], shape: [3, 2], dtype: dtype)
    let s = special.logSumExp(axes: [1]).scalars(as: Double.self)
    #expect(s[0] == -.infinity && s[1] == .infinity && s[2].isNaN)
  }

  @Test(arguments: floating)
  func softmaxAtHugeLogits(dtype: DType) {
    let t = makeTensor([1000, 0, -1000, 1000, 1000, 1000], shape: [2, 3], dtype: dtype)
    let p = t.softmax().scalars(as: Double.self)
    #expect(Array(p[0..<3]) == [1, 0, 0])
    let third = 1.0 / 3
    let tolerance = dtype == .float64 ? 1e-15 : dtype == .float32 ? 1e-7 : 1e-2
    #expect(allClose(Array(p[3..<6]), [third, third, third], rtol: tolerance))
    let logP = t.logSoftmax().scalars(as: Double.self)
    #expect(logP[0] == 0 && logP[1] == -1000 && logP[2] == -2000)
    #expect(allClose(Array(logP[3..<6]), Array(repeating: -1.0986122886681098, count: 3), rtol: tolerance))
    #expect(t.softmax().dtype == dtype)
    #expect(!p.contains { $0.isNaN })
  }

  @Test(arguments: [DType.float32, .float64])
  func softmaxIdentities(dtype: DType) {
    var rng = SplitMix64(seed: 5)
    let x = randomTensor([4, 6], dtype: dtype, rng: &rng) * 10
    let tolerance = dtype == .float64 ? 1e-14 : 1e-6
    // Each row sums to 1, along either axis; shifting the logits changes nothing;
    // log-softmax is the log of softmax.
    for axis in [0, 1] {
      let sums = x.softmax(axis: axis).sum(axis: axis).scalars(as: Double.self)
      #expect(allClose(sums, Array(repeating: 1, count: sums.count), rtol: tolerance))
      #expect(allClose(
        (x + 123).softmax(axis: axis).scalars(as: Double.self), x.softmax(axis: axis).scalars(as: Double.self),
        rtol: tolerance * 100))
      #expect(allClose(
        x.logSoftmax(axis: axis).scalars(as: Double.self), x.softmax(axis: axis).log().scalars(as: Double.self),
        rtol: tolerance * 10))
    }
  }

  @Test func sixteenBitReductionsAccumulateInDouble() {
    let half = Tensor.ones([3000], dtype: .float16) * 0.1
    // Each element is Float16(0.1) = 0.0999755859375; the mean is that value.
    #expect(half.mean().item() == Double(Float16(0.1)))
    #expect(half.variance().item() == 0)
    let b = Tensor.ones([2, 600], dtype: .bfloat16)
    #expect(b.sum(axes: [1]).scalars(as: Double.self) == [600, 600])
  }
}
