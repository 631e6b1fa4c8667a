import Foundation
import Testing
@testable import Tensors

/// The two cross-entropy passes against formulas written out here and
/// against the tensor expressions they replace.
@Suite struct CrossEntropyKernelTests {
  /// A target distribution over `classes` for each of `rows` rows, with
  /// label smoothing 0.1 and one row of zero mass, so every coefficient
  /// pattern occurs.
  func targets(rows: Int, classes: Int) -> [Double] {
    var q = [Double](repeating: 0.1 / Double(classes), count: rows * classes)
    for row in 0..<rows { q[row * classes + (row * 7) % classes] += 0.9 }
    for column in 0..<classes { q[column] = 0 }
    return q
  }

  @Test(arguments: [DType.float32, .float64, .float16, .bfloat16])
  func rowWeightedSumsAreTheRowDotProducts(dtype: DType) {
    var rng = RandomGenerator(seed: 5)
    let x = (rng.normal([6, 5]) * 3).converted(to: dtype)
    let q = targets(rows: 6, classes: 5)
    let values = x.scalars(as: Double.self)
    let sums = x.rowWeightedSums(q)
    for row in 0..<6 {
      let expected = (0..<5).reduce(0.0) { $0 + q[row * 5 + $1] * values[row * 5 + $1] }
      #expect(abs(sums[row] - expected) <= 1e-12 * max(1, abs(expected)), "row \(row)")
    }
    // A strided view of the same values gives the same sums.
    let strided = x.transposed().contiguous().transposed()
    #expect(!strided.isContiguous)
    #expect(strided.rowWeightedSums(q) == sums)
  }

  @Test(arguments: [DType.float32, .float64, .float16])
  func gradientIsBitIdenticalToTheComposedExpression(dtype: DType) {
    var rng = RandomGenerator(seed: 9)
    let (rows, classes) = (7, 4)
    let logProbabilities = (rng.normal([rows, classes]) * 4).converted(to: dtype).logSoftmax()
    let q = targets(rows: rows, classes: classes)
    let scales = (0..<rows).map { 0.25 + Double($0) / 10 }
    let masses = (0..<rows).map { row in q[(row * classes)..<((row + 1) * classes)].reduce(0, +) }
    let pScales = zip(masses, scales).map(*)
    let fused = logProbabilities.softmaxCrossEntropyGradient(
      targets: q, targetScales: scales, probabilityScales: pScales)
    func column(_ values: [Double]) -> Tensor { Tensor(values, shape: [rows, 1]).converted(to: dtype) }
    let composed =
      logProbabilities.exp() * column(pScales) - Tensor(q, shape: [rows, classes]).converted(to: dtype) * column(scales)
    #expect(fused.dtype == dtype)
    #expect(fused.shape == [rows, classes])
    #expect(fused.scalars(as: Double.self) == composed.scalars(as: Double.self))
  }

  @Test func gradientIsSoftmaxMinusTargetForOneHotRows() {
    let logits = Tensor([2, 0, -1, 0.5, 0.5, 3] as [Double], shape: [2, 3])
    let q: [Double] = [1, 0, 0, 0, 0, 1]
    let gradient = logits.logSoftmax().softmaxCrossEntropyGradient(
      targets: q, targetScales: [1, 1], probabilityScales: [1, 1]
    ).scalars(as: Double.self)
    let values = logits.scalars(as: Double.self)
    for row in 0..<2 {
      let exps = (0..<3).map { Foundation.exp(values[row * 3 + $0]) }
      let total = exps.reduce(0, +)
      for column in 0..<3 {
        let expected = exps[column] / total - q[row * 3 + column]
        #expect(abs(gradient[row * 3 + column] - expected) < 1e-15, "[\(row), \(column)]")
      }
    }
  }
}
