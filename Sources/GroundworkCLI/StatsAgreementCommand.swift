import ArgumentParser
import Foundation
import Stats

/// `groundwork stats agreement FILE`: chance-corrected agreement between
/// raters (annotators or models) who labelled the same items.
struct StatsAgreementCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "agreement",
    abstract: "Agreement between raters beyond chance: Cohen's kappa (two raters) and Fleiss' kappa.",
    discussion: """
      FILE has one row per item and one column per rater; each field is the \
      category that rater gave the item, compared as text (`cat`, `2`). By \
      default every column is a rater; --columns picks some (e.g. to skip an \
      id column). Cohen's kappa (Cohen 1960) needs exactly two raters and is \
      null otherwise; Fleiss' kappa (Fleiss 1971) takes two or more. Both are \
      (p_o - p_e) / (1 - p_e), null when p_e = 1 (every rating the same).
      """)

  @Argument(help: "CSV file with one column per rater.")
  var file: String

  @Option(help: "Comma-separated rater columns (default: every column).")
  var columns: String?

  @Flag(help: "Print one JSON object: {n, raters, categories, cohen_kappa, fleiss_kappa}.")
  var json = false

  func run() throws {
    let table = try CSVTable.load(file)
    let names = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    let positions = try names.map { try $0.map(table.columnIndex) } ?? Array(table.header.indices)
    guard positions.count >= 2 else {
      throw CLIError("\(file):\(table.headerLine): agreement needs at least two rater columns, got \(positions.count)")
    }
    for column in positions {
      if let row = table.rows.first(where: { $0.fields[column].isEmpty }) {
        throw table.problem(row, column, "an empty field (every rater must rate every item)")
      }
    }
    let categories = Set(positions.flatMap { column in table.rows.map { $0.fields[column] } }).sorted()
    let code = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    let ratings = positions.map { column in table.rows.map { code[$0.fields[column]]! } }
    let counts = table.rows.indices.map { item in
      var row = [Int](repeating: 0, count: categories.count)
      for rater in ratings { row[rater[item]] += 1 }
      return row
    }
    let cohen = ratings.count == 2 ? cohenKappa(ratings[0], ratings[1]) : nil
    let fleiss = fleissKappa(counts: counts)
    if json {
      printJSON(
        .object([
          ("n", .integer(table.rows.count)),
          ("raters", .integer(ratings.count)),
          ("categories", .array(categories.map { .string($0) })),
          ("cohen_kappa", .number(cohen)),
          ("fleiss_kappa", .number(fleiss)),
        ]))
    } else {
      let raterNames = positions.map { table.header[$0] }.joined(separator: ", ")
      print(
        """
        \(table.rows.count) items, \(ratings.count) raters (\(raterNames)), \(categories.count) categories
        \(keyValueLines([
            ("Cohen's kappa", ratings.count == 2 ? fixed(cohen) : "– (two raters only)"),
            ("Fleiss' kappa", fixed(fleiss)),
          ]))
        """)
    }
  }
}
