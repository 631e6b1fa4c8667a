import Groundwork

/// The positions, in increasing order, of the test records that copy a
/// training record.
///
/// Two records are copies when they are equal after normalisation:
/// lower-case the text, turn every character that is neither a letter nor
/// a digit into a space, collapse runs of spaces into one and trim both
/// ends. "The cat sat." and "  the CAT, sat!" are copies; "The cat sat
/// down." is a different record. List each contaminated test record once.
func leakedTestIndices(train: [String], test: [String]) -> [Int] {
  // BEGIN SOLUTION: return the test positions whose normalised text occurs in train
  func key(_ record: String) -> String {
    var words: [String] = []
    var word = ""
    for character in record.lowercased() {
      if character.isLetter || character.isNumber {
        word.append(character)
      } else if !word.isEmpty {
        words.append(word)
        word = ""
      }
    }
    if !word.isEmpty { words.append(word) }
    return words.joined(separator: " ")
  }
  // A set makes each lookup O(1): comparing every test record with every
  // training record is 3 million comparisons at 3,000 × 1,000.
  let trainKeys = Set(train.map(key))
  return test.indices.filter { trainKeys.contains(key(test[$0])) }
  // END SOLUTION
}
