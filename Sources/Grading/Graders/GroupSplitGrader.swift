import Groundwork

/// Grades the learner's split by group (Lessons/2-training, the overfitting
/// lesson): no group may have rows in both the training and the test set.
///
/// Reference: the property itself, checked exactly, and the size of the
/// test set: within the largest group's size of `testFraction · rows`, both
/// sides non-empty. Any split with those properties passes.
///
/// The misconception aimed at: a random split of rows is a fair test. When
/// a patient's visits land on both sides, the model is tested on people it
/// has seen, and memorisation looks like generalisation. The hidden cases
/// have interleaved rows (a split by row position leaks too), one group
/// holding 30% of the rows, and groups of one row each (where a group split
/// is an ordinary split and must still hit the fraction).
public struct GroupSplitGrader: Grader {
  public static let name = "training.group-split"
  public static let entryPoints = [
    EntryPoint("groupSplit", [.init("groups", "[Int]"), .init("testFraction", "Double")], returns: "[Bool]")
  ]

  /// The learner's function.
  let implementation: ([Int], Double) -> [Bool]

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int], Double) -> [Bool]).self)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    // Patients with 1 to 8 visits each, their rows in visit order.
    var visits: [Int] = []
    for patient in 0..<50 { visits += Array(repeating: 1_000 + patient, count: rng.nextInt(in: 1...8)) }
    // The same kind of data, with rows shuffled so that groups interleave.
    var interleaved: [Int] = []
    for patient in 0..<80 { interleaved += Array(repeating: 7 * patient + 3, count: rng.nextInt(in: 2...6)) }
    for index in stride(from: interleaved.count - 1, to: 0, by: -1) {
      interleaved.swapAt(index, rng.nextInt(in: 0...index))
    }
    // One large customer among many small ones.
    var lopsided = Array(repeating: 42, count: 90)
    for customer in 0..<70 { lopsided += Array(repeating: 100 + customer, count: rng.nextInt(in: 1...5)) }
    // Distinct ids in a seeded order (a Set's order would change from run to run).
    var singletons: [Int] = []
    var seen: Set<Int> = []
    while singletons.count < 120 {
      let id = rng.nextInt(in: 0...1_000_000)
      if seen.insert(id).inserted { singletons.append(id) }
    }
    return [
      compare("50 patients with 1 to 8 visits each, 20% test", visits, testFraction: 0.2, seed: seed),
      compare("rows of different patients interleaved, 25% test", interleaved, testFraction: 0.25, seed: seed),
      compare("one customer holds 30% of the rows, 20% test", lopsided, testFraction: 0.2, seed: seed),
      compare("every group a single row, 30% test", singletons, testFraction: 0.3, seed: seed),
    ]
  }

  func compare(_ name: String, _ groups: [Int], testFraction: Double, seed: UInt64) -> Check {
    var sizes: [Int: Int] = [:]
    for group in groups { sizes[group, default: 0] += 1 }
    let largest = sizes.values.max() ?? 0
    let tried = "\(groups.count) rows in \(sizes.count) groups (largest \(largest)), testFraction \(testFraction), seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      let isTest = implementation(groups, testFraction)
      guard isTest.count == groups.count else {
        return .failed(
          expected: "\(groups.count) decisions, one per row", got: "\(isTest.count)",
          message: "Return one Bool per row.", hint: nil)
      }
      var sides: [Int: (train: Int, test: Int)] = [:]
      for (group, test) in zip(groups, isTest) {
        let counts = sides[group] ?? (0, 0)
        sides[group] = test ? (counts.train, counts.test + 1) : (counts.train + 1, counts.test)
      }
      // The first leaking group in row order, so that the report is the same on every run.
      if let group = groups.first(where: { sides[$0].map { $0.train > 0 && $0.test > 0 } ?? false }),
        let counts = sides[group]
      {
        let leaking = sides.values.filter { $0.train > 0 && $0.test > 0 }.count
        return .failed(
          expected: "every group on one side", got: "group \(group) with \(counts.train) training and \(counts.test) test rows",
          message:
            "\(leaking) of \(sides.count) groups have rows on both sides: the test set measures how well the model remembers them, not how it does on new ones.",
          hint: "Decide per group, not per row: collect each group's rows, choose whole groups for the test set, then mark every row of a chosen group.")
      }
      let testRows = isTest.filter { $0 }.count
      let target = testFraction * Double(groups.count)
      if testRows == 0 || testRows == groups.count {
        return .failed(
          expected: "about \(Int(target.rounded())) test rows", got: "\(testRows)",
          message: testRows == 0 ? "The test set is empty." : "The training set is empty.",
          hint: "Add whole groups to the test set until it holds testFraction of the rows.")
      }
      if abs(Double(testRows) - target) > Double(largest) {
        return .failed(
          expected: "\(formatted(target)) test rows, give or take \(largest) (the largest group)", got: "\(testRows)",
          message: "The test set's size is too far from testFraction of the rows.",
          hint: "Count rows, not groups: groups differ in size, so a fraction of the groups is not a fraction of the rows. Stop adding groups once the test rows reach testFraction · rows.")
      }
      return .passed
    }
  }
}
