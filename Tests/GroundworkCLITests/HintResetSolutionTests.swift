import Foundation
import Testing

/// `hint`, `reset` and `solution` end to end: what each reveals, what it
/// records in the progress file, and what it refuses.
@Suite("Hints, reset and solutions", .serialized)
struct HintResetSolutionTests {
  let exerciseFile = "Exercises/1-foundation/calibration.swift"

  @Test("each hint call reveals the next one and remembers it; N shows the Nth")
  func hintsOneAtATime() throws {
    let sandbox = try CLISandbox()
    let first = try sandbox.run(["hint"])
    #expect(first.status == 0)
    #expect(first.stdout.hasPrefix("Hint 1 of 3 for calibration-ece\nWork in two passes"))
    #expect(first.stdout.contains("A stronger one: groundwork hint calibration-ece\n"))
    #expect(try sandbox.run(["hint", "calibration-ece"]).stdout.hasPrefix("Hint 2 of 3"))
    #expect(try sandbox.run(["hint"]).stdout.hasPrefix("Hint 3 of 3"))
    let again = try sandbox.run(["hint"])
    #expect(again.stdout.hasPrefix("Hint 3 of 3"))
    #expect(again.stdout.contains("That was the last hint."))
    let chosen = try sandbox.run(["hint", "calibration-ece", "1"])
    #expect(chosen.stdout.hasPrefix("Hint 1 of 3"))
    let progress = try sandbox.read(".groundwork/progress.json")
    #expect(progress.contains("\"hintsShown\""))
    #expect(progress.contains("\"calibration-ece\" : 3"))
    #expect(try sandbox.run(["hint", "calibration-ece", "0"]).status == 2)
  }

  @Test("an old progress file without the hint field still loads and keeps its data")
  func oldProgressFormat() throws {
    let sandbox = try CLISandbox()
    try sandbox.write(".groundwork/progress.json", "{\"version\": 1, \"completed\": {\"old-one\": \"2025-01-01T00:00:00Z\"}}")
    #expect(try sandbox.run(["hint"]).stdout.hasPrefix("Hint 1 of 3"))
    let progress = try sandbox.read(".groundwork/progress.json")
    #expect(progress.contains("\"old-one\" : \"2025-01-01T00:00:00Z\""))
    #expect(progress.contains("\"version\" : 1"))
  }

  @Test("reset asks first, keeps a backup and restores the committed file")
  func reset() throws {
    let sandbox = try CLISandbox()
    try sandbox.commitEverything()
    let untouched = try sandbox.read(exerciseFile)
    try sandbox.write(exerciseFile, "// my attempt\n")

    let declined = try sandbox.run(["reset", "calibration-ece"], input: "n\n")
    #expect(declined.status == 0)
    #expect(declined.stdout.contains("[y/N]"))
    #expect(declined.stdout.contains("Nothing reset."))
    #expect(try sandbox.read(exerciseFile) == "// my attempt\n")

    let noAnswer = try sandbox.run(["reset", "calibration-ece"], input: "")
    #expect(noAnswer.status == 2)
    #expect(noAnswer.stderr.contains("--yes"))
    #expect(try sandbox.read(exerciseFile) == "// my attempt\n")

    let accepted = try sandbox.run(["reset", "calibration-ece"], input: "y\n")
    #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
    #expect(try sandbox.read(exerciseFile) == untouched)
    let backups = try FileManager.default.contentsOfDirectory(
      atPath: sandbox.root.appendingPathComponent(".groundwork/backup/Exercises/1-foundation").path)
    #expect(backups.count == 1)
    #expect(try sandbox.read(".groundwork/backup/Exercises/1-foundation/" + backups[0]) == "// my attempt\n")

    try sandbox.write(exerciseFile, "// again\n")
    let all = try sandbox.run(["reset", "--all", "--yes"])
    #expect(all.status == 0)
    #expect(all.stdout.hasPrefix("Reset \(exerciseFile)"))
    #expect(try sandbox.read(exerciseFile) == untouched)
    #expect(try sandbox.run(["reset", "--all"]).stdout == "Every exercise file is untouched already.\n")
  }

  @Test("a learner's own commit does not become the untouched file")
  func resetPrefersTheUpstreamBranch() throws {
    let sandbox = try CLISandbox()
    try sandbox.commitEverything()
    let untouched = try sandbox.read(exerciseFile)
    try sandbox.git(["branch", "-q", "curriculum"])
    try sandbox.git(["branch", "-q", "--set-upstream-to=curriculum"])
    try sandbox.write(exerciseFile, "// committed attempt\n")
    try sandbox.git(["commit", "-qam", "my work"])
    #expect(try sandbox.run(["reset", "calibration-ece", "--yes"]).status == 0)
    #expect(try sandbox.read(exerciseFile) == untouched)
  }

  @Test("reset without git says so in one line and changes nothing")
  func resetWithoutGit() throws {
    let sandbox = try CLISandbox()
    try sandbox.write(exerciseFile, "// mine\n")
    let result = try sandbox.run(["reset", "calibration-ece", "--yes"])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("error: \(exerciseFile): no untouched copy"))
    #expect(try sandbox.read(exerciseFile) == "// mine\n")
    #expect(try sandbox.run(["reset"]).status == 2)
  }

  @Test("the solution is refused before passing, shown with --force and recorded")
  func solution() throws {
    let sandbox = try CLISandbox()
    let refused = try sandbox.run(["solution", "calibration-ece"])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("has not passed yet"))
    #expect(refused.stdout.isEmpty)

    let forced = try sandbox.run(["solution", "calibration-ece", "--force"])
    #expect(forced.status == 0)
    #expect(forced.stdout.hasPrefix("Reference solution for calibration-ece (Solutions/1-foundation/calibration.swift)\n"))
    #expect(forced.stdout.contains("func expectedCalibrationError("))
    #expect(try sandbox.read(".groundwork/progress.json").contains("\"solutionsForced\""))
  }

  @Test("after passing, the solution is shown without --force and nothing is recorded")
  func solutionAfterPassing() throws {
    let sandbox = try CLISandbox()
    try sandbox.write(".groundwork/progress.json", "{\"version\": 1, \"completed\": {\"calibration-ece\": \"2025-01-01T00:00:00Z\"}}")
    let shown = try sandbox.run(["solution", "calibration-ece"])
    #expect(shown.status == 0)
    #expect(!shown.stdout.contains("recorded"))
    #expect(!(try sandbox.read(".groundwork/progress.json")).contains("solutionsForced"))
  }
}
