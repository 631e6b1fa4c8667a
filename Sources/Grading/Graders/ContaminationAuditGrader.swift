import Groundwork

/// Grades the learner's split-contamination audit (Lessons/1-foundation,
/// the data-provenance lesson): the indices of test records that copy a
/// training record once case, punctuation and spacing are ignored.
///
/// Reference: `Stats.contaminatedTestIndices`, with `Stats.duplicateKey` as
/// the normalisation. Tolerance: exact on the list of indices.
///
/// The misconception is that a duplicate is an identical string. The hidden
/// cases are copies that differ from their training record only in case,
/// spacing or punctuation, which an equality test (or a lower-casing alone)
/// misses; near misses that change a word or a number and are different
/// records, which an over-eager normalisation reports; several test copies
/// of one training record; and a clean split. Named mistakes: exact
/// equality only, case folded but punctuation kept, indices into the
/// training split, an unsorted or repeated list.
public struct ContaminationAuditGrader: Grader {
  public static let name = "data.contamination"
  public static let entryPoints = [
    EntryPoint("leakedTestIndices", [.init("train", "[String]"), .init("test", "[String]")], returns: "[Int]")
  ]
  public static let forbiddenSymbols = ["contaminatedTestIndices", "duplicateKey"]

  /// The learner's function.
  let implementation: ([String], [String]) -> [Int]

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([String], [String]) -> [Int]).self)
  }

  /// A training split and a test split.
  struct Splits: Sendable {
    var train: [String]
    var test: [String]
  }

  static let vocabulary = [
    "the", "a", "patient", "reports", "pain", "in", "left", "right", "arm", "after", "fall", "no", "fever",
    "order", "arrived", "late", "and", "box", "was", "damaged", "refund", "please", "great", "product",
    "battery", "lasts", "two", "days", "screen", "cracked", "within", "week", "would", "buy", "again",
    "delivery", "driver", "kind", "slow", "support", "answered", "quickly", "never", "works", "with",
    "my", "phone", "charger", "missing", "from", "package", "size", "too", "small", "colour", "faded",
    "wash", "shoes", "comfortable", "for", "running",
  ]

  /// A record of 6 to 14 random words, capitalised, with a full stop.
  static func record(rng: inout SplitMix64) -> String {
    let words = (0..<rng.nextInt(in: 6...14)).map { _ in vocabulary[rng.nextInt(in: 0...(vocabulary.count - 1))] }
    let sentence = words.joined(separator: " ")
    return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
  }

  /// The same record as another export would write it: other case, spacing
  /// or punctuation, never the same string.
  static func disguised(_ record: String, rng: inout SplitMix64) -> String {
    let words = record.dropLast().split(separator: " ").map(String.init)
    let variant: String
    switch rng.nextInt(in: 0...5) {
    case 0: variant = record.uppercased()
    case 1: variant = record.lowercased().replacingEvery(" ", with: "  ")
    case 2: variant = "  " + record + "\n"
    case 3: variant = words.joined(separator: ", ") + "!!"
    case 4: variant = "\"" + words.joined(separator: "\t") + "\""
    default: variant = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") + "?"
    }
    return variant == record ? record.uppercased() : variant
  }

  /// A different record that looks like a copy: one word replaced, or a
  /// number added.
  static func nearMiss(_ record: String, rng: inout SplitMix64) -> String {
    var words = record.dropLast().split(separator: " ").map(String.init)
    if rng.nextBernoulli(0.5) {
      let position = rng.nextInt(in: 0...(words.count - 1))
      var replacement = words[position]
      while replacement.lowercased() == words[position].lowercased() {
        replacement = vocabulary[rng.nextInt(in: 0...(vocabulary.count - 1))]
      }
      words[position] = replacement
    } else {
      words.append(String(rng.nextInt(in: 2...99)))
    }
    return words.joined(separator: " ") + "."
  }

  /// `trainCount` training records and `testCount` fresh test records, with
  /// the given numbers of exact copies, disguised copies and near misses of
  /// training records put at random test positions.
  static func splits(
    trainCount: Int, testCount: Int, exact: Int, disguisedCopies: Int, nearMisses: Int, rng: inout SplitMix64
  ) -> Splits {
    let train = (0..<trainCount).map { _ in record(rng: &rng) }
    var test = (0..<testCount).map { _ in record(rng: &rng) }
    var positions = Array(test.indices)
    positions.shuffle(using: &rng)
    var next = 0
    func plant(_ count: Int, _ make: (String, inout SplitMix64) -> String) {
      for _ in 0..<count {
        test[positions[next]] = make(train[rng.nextInt(in: 0...(trainCount - 1))], &rng)
        next += 1
      }
    }
    plant(exact) { record, _ in record }
    plant(disguisedCopies, disguised)
    plant(nearMisses, nearMiss)
    return Splits(train: train, test: test)
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let hand = Splits(
      train: ["The cat sat on the mat.", "A dog ran home", "Refund, please!"],
      test: ["the cat sat on the mat", "A dog ran home!", "a dog walked home", "THE  CAT SAT ON THE MAT.", "Refund please"])
    let exactOnly = Self.splits(trainCount: 2_000, testCount: 500, exact: 25, disguisedCopies: 0, nearMisses: 0, rng: &rng)
    let disguised = Self.splits(trainCount: 2_000, testCount: 500, exact: 10, disguisedCopies: 30, nearMisses: 0, rng: &rng)
    let nearMisses = Self.splits(trainCount: 2_000, testCount: 500, exact: 5, disguisedCopies: 5, nearMisses: 40, rng: &rng)
    var repeated = Self.splits(trainCount: 500, testCount: 200, exact: 0, disguisedCopies: 0, nearMisses: 0, rng: &rng)
    repeated.train.append(repeated.train[7])
    for position in [3, 50, 51, 199] { repeated.test[position] = Self.disguised(repeated.train[7], rng: &rng) }
    let clean = Self.splits(trainCount: 1_000, testCount: 300, exact: 0, disguisedCopies: 0, nearMisses: 20, rng: &rng)
    let large = Self.splits(
      trainCount: 3_000, testCount: 1_000, exact: 40, disguisedCopies: 50, nearMisses: 40, rng: &rng)
    return [
      compare("a hand-sized example", hand, seed: seed),
      compare("exact copies only", exactOnly, seed: seed),
      compare("copies that differ in case, spacing or punctuation", disguised, seed: seed),
      compare("near misses: one word changed or a number added", nearMisses, seed: seed),
      compare("four test copies of one training record, which is itself in the training split twice", repeated, seed: seed),
      compare("a clean split: nothing leaked", clean, seed: seed),
      compare("3,000 training and 1,000 test records", large, seed: seed),
    ]
  }

  func compare(_ name: String, _ splits: Splits, seed: UInt64) -> Check {
    let tried = "\(splits.train.count) training and \(splits.test.count) test records, seed \(seed)"
    return Check(name, tried: tried) { [implementation] in
      let expected = contaminatedTestIndices(train: splits.train, test: splits.test)
      let got = implementation(splits.train, splits.test)
      if got == expected { return .passed }
      return Self.verdict(got: got, expected: expected, splits: splits)
    }
  }

  /// A list of indices as a report shows it: the count and the first few.
  static func show(_ indices: [Int]) -> String {
    let head = indices.prefix(8).map(String.init).joined(separator: ", ")
    return "\(indices.count) indices: [\(head)\(indices.count > 8 ? ", …" : "")]"
  }

  static func verdict(got: [Int], expected: [Int], splits: Splits) -> Verdict {
    let expectedSet = Set(expected)
    let gotSet = Set(got)
    func failed(_ message: String, _ hint: String) -> Verdict {
      .failed(expected: show(expected), got: show(got), message: message, hint: hint)
    }
    if gotSet == expectedSet {
      return got.count != gotSet.count
        ? failed("Some indices appear more than once.", "List each contaminated test record once, however many training records it copies.")
        : failed("The right indices, in another order.", "Return the indices in increasing order.")
    }
    let trainSet = Set(splits.train)
    let equalityOnly = Set(splits.test.indices.filter { trainSet.contains(splits.test[$0]) })
    if gotSet == equalityOnly {
      return failed(
        "You found only the test records that are identical strings; the others differ from their training record in case, spacing or punctuation.",
        "Compare a normalised key, not the raw text: lower-case it, turn every character that is not a letter or digit into a space, collapse the spaces.")
    }
    let lowered = Set(splits.train.map { $0.lowercased() })
    let caseOnly = Set(splits.test.indices.filter { lowered.contains(splits.test[$0].lowercased()) })
    if gotSet == caseOnly {
      return failed(
        "Lower-casing catches the copies that differ in case, not those that differ in punctuation or spacing.",
        "After lower-casing, replace every character that is neither a letter nor a digit with a space, then collapse runs of spaces and trim.")
    }
    if let outside = got.first(where: { !splits.test.indices.contains($0) }) {
      return failed(
        "Index \(outside) is not a position in the test split.",
        "Return positions in `test`, the records that must be removed from the evaluation.")
    }
    if let missing = expected.first(where: { !gotSet.contains($0) }) {
      let key = duplicateKey(splits.test[missing])
      let source = splits.train.first { duplicateKey($0) == key } ?? ""
      return failed(
        "Test record \(missing), \(quoted(splits.test[missing])), copies the training record \(quoted(source)) and is missing.",
        "Two records are the same when their keys are equal: lower-case, every non-letter, non-digit character a space, spaces collapsed and trimmed.")
    }
    let extra = got.first { !expectedSet.contains($0) }!
    return failed(
      "Test record \(extra), \(quoted(splits.test[extra])), is not a copy of any training record, but you report it.",
      "A different word or an added number makes a different record; only case, punctuation and spacing are ignored.")
  }

  /// A record in quotes with its control characters escaped, so that a tab
  /// or a newline is visible in the report.
  static func quoted(_ record: String) -> String {
    var text = ""
    for character in record {
      switch character {
      case "\t": text += "\\t"
      case "\n": text += "\\n"
      case "\"": text += "\\\""
      default: text.append(character)
      }
    }
    return "\"\(text)\""
  }
}

extension String {
  /// The string with every occurrence of `target` replaced by `replacement`.
  fileprivate func replacingEvery(_ target: Character, with replacement: String) -> String {
    var result = ""
    for character in self {
      if character == target { result += replacement } else { result.append(character) }
    }
    return result
  }
}
