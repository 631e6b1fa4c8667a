// Split contamination: the same record in the training and the test split.
// A test example the model has seen during training measures memory, not
// generalisation, so an audit for duplicates across the split comes before
// any score is believed.

/// The text of a record as the duplicate audit compares it: lower-cased,
/// every character that is neither a letter nor a digit replaced by a
/// space, runs of spaces collapsed to one and the ends trimmed.
///
/// Two records that differ only in case, punctuation or spacing get the
/// same key, which is how copies made by different scrapers, exports and
/// annotators usually differ.
///
/// ```swift
/// duplicateKey("  The cat, sat!")   // "the cat sat"
/// duplicateKey("the CAT sat")       // "the cat sat"
/// ```
public func duplicateKey(_ record: String) -> String {
  var words: [String] = []
  var current = ""
  for character in record.lowercased() {
    if character.isLetter || character.isNumber {
      current.append(character)
    } else if !current.isEmpty {
      words.append(current)
      current = ""
    }
  }
  if !current.isEmpty { words.append(current) }
  return words.joined(separator: " ")
}

/// The indices, in increasing order, of the test records whose
/// `duplicateKey` equals the key of at least one training record.
///
/// Every such test record is listed, including several copies of the same
/// training record. The keys of the training split go into a set first, so
/// the audit takes time proportional to the total length of the records.
///
/// - Parameters:
///   - train: the training split's records.
///   - test: the test split's records.
/// - Returns: the contaminated test indices, ascending, each once.
public func contaminatedTestIndices(train: [String], test: [String]) -> [Int] {
  let seen = Set(train.map(duplicateKey))
  return test.indices.filter { seen.contains(duplicateKey(test[$0])) }
}
