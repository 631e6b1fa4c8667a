import Foundation
import Stats
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/05-temporal-leakage.md,
/// recomputed by the kernel, and the kernel's temporal split, point-in-time
/// feature and future-perturbation test checked on hand-worked cases.
@Suite("The temporal-leakage lesson's numbers")
struct TemporalLeakageLessonTests {
  @Test("the split of the lesson's example, by hand")
  func split() {
    let split = temporalSplit(timestamps: [5, 1, 9, 7, 3], cutoff: 7, embargo: 2)
    #expect(split.train == [1, 4] && split.test == [2, 3])
    // A row exactly at cutoff − embargo is in neither; exactly at cutoff, in test.
    let edges = temporalSplit(timestamps: [4.999, 5, 6, 7], cutoff: 7, embargo: 2)
    #expect(edges.train == [0] && edges.test == [3])
  }

  @Test("trailing means by hand: strictly earlier rows of the same entity, in time order")
  func trailing() {
    let features = trailingMeans(
      entities: ["a", "a", "b", "a", "b", "a"], times: [1, 2, 2, 3, 5, 4], values: [1, 0, 1, 1, 0, 0], window: 2)
    // a at 1: none; a at 2: [1]; b at 2: none; a at 3: [1, 0]; b at 5: [1]; a at 4: [0, 1].
    #expect(features == [nil, 1, nil, 0.5, 1, 0.5])
    let sameTime = trailingMeans(entities: ["a", "a", "a"], times: [1, 1, 2], values: [1, 0, 1], window: 5)
    #expect(sameTime == [nil, nil, 0.5])
  }

  @Test("the future-perturbation test passes a trailing mean and catches a centred one")
  func perturbation() {
    let times = (0..<20).map(Double.init)
    let values = times.map { Double(Int($0) % 3 == 0 ? 1 : 0) }
    let entities = [String](repeating: "a", count: 20)
    let honest = rowsReadingTheFuture(times: times, values: values, probeTimes: times, perturb: { 1 - $0 }) {
      trailingMeans(entities: entities, times: times, values: $0, window: 3)
    }
    #expect(honest.isEmpty)
    let centred = rowsReadingTheFuture(times: times, values: values, probeTimes: times, perturb: { 1 - $0 }) { v in
      v.indices.map { i in
        let around = v.indices.filter { abs($0 - i) <= 2 && $0 != i }
        return around.reduce(0) { $0 + v[$1] } / Double(around.count)
      }
    }
    #expect(centred == Array(0..<19))
  }

  /// The lesson's simulation: daily 0/1 labels per customer from a
  /// persistent hidden risk, two features, and their AUC on the test period.
  @Test("a leaky feature beats an honest one on a temporal split")
  func simulation() {
    var rng = SplitMix64(seed: 2024)
    var entities: [String] = []
    var days: [Double] = []
    var labels: [Double] = []
    for customer in 0..<300 {
      var risk = rng.nextNormal()
      for day in 0..<120 {
        risk = 0.9 * risk + 0.45 * rng.nextNormal()
        entities.append("c\(customer)")
        days.append(Double(day))
        labels.append(rng.nextBernoulli(1 / (1 + exp(-(risk - 1)))) ? 1 : 0)
      }
    }
    let honest = trailingMeans(entities: entities, times: days, values: labels, window: 7)
    // The centred mean: the same customer's days t − 7 … t + 7 except t.
    let centred: [Double?] = labels.indices.map { row in
      let customerStart = row - Int(days[row])
      let around = (max(0, Int(days[row]) - 7)...min(119, Int(days[row]) + 7)).filter { $0 != Int(days[row]) }
      return around.reduce(0) { $0 + labels[customerStart + $1] } / Double(around.count)
    }
    // The off-by-one window: the last 7 days including today.
    let withToday: [Double?] = labels.indices.map { row in
      let customerStart = row - Int(days[row])
      let span = max(0, Int(days[row]) - 6)...Int(days[row])
      return span.reduce(0) { $0 + labels[customerStart + $1] } / Double(span.count)
    }
    let split = temporalSplit(timestamps: days, cutoff: 90, embargo: 7)
    func auc(_ feature: [Double?], _ rows: [Int]) -> Double {
      rocAUC(scores: rows.map { feature[$0]! }, labels: rows.map { labels[$0] == 1 })
    }
    let trainRows = split.train.filter { honest[$0] != nil }
    let f = { (x: Double) in String(format: "%.4f", x) }
    #expect(f(labels.reduce(0, +) / Double(labels.count)) == "0.3043")
    #expect(split.train.count == 24_900 && split.test.count == 9_000)
    #expect([f(auc(honest, trainRows)), f(auc(honest, split.test))] == ["0.6308", "0.6378"])
    #expect([f(auc(centred, trainRows)), f(auc(centred, split.test))] == ["0.6663", "0.6679"])
    #expect([f(auc(withToday, trainRows)), f(auc(withToday, split.test))] == ["0.7983", "0.7938"])
    // The future-perturbation test catches both leaks, on one customer.
    let oneCustomer = Array(0..<120)
    let probe = { (feature: @escaping ([Double]) -> [Double?]) in
      rowsReadingTheFuture(
        times: oneCustomer.map { days[$0] }, values: oneCustomer.map { labels[$0] }, probeTimes: [30, 60, 95],
        perturb: { 1 - $0 }, feature: feature)
    }
    #expect(probe { trailingMeans(entities: [String](repeating: "c0", count: 120), times: Array(days[0..<120]), values: $0, window: 7) }.isEmpty)
    #expect(!probe { v in v.indices.map { i in (max(0, i - 6)...i).reduce(0) { $0 + v[$1] } / Double(i - max(0, i - 6) + 1) } }.isEmpty)
  }
}
