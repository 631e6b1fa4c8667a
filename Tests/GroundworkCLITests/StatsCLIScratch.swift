import Foundation
import Testing

/// Runs `groundwork stats ARGUMENTS` in a scratch folder holding `files`
/// (name → contents), removed afterwards.
func runStats(_ arguments: [String], files: [String: String] = [:]) throws -> GroundworkExecutable.Result {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("groundwork-stats-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  for (name, contents) in files {
    try Data(contents.utf8).write(to: folder.appendingPathComponent(name))
  }
  return try GroundworkExecutable.run(["stats"] + arguments, in: folder)
}

/// The one JSON object a `--json` run printed.
func statsJSON(_ result: GroundworkExecutable.Result, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> [String: Any]
{
  #expect(result.status == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
  #expect(result.stdout.split(separator: "\n").count == 1, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
  let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  return try #require(object as? [String: Any], sourceLocation: sourceLocation)
}

/// A number in a JSON object, as a double.
func jsonNumber(_ object: [String: Any], _ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> Double
{
  try #require((object[key] as? NSNumber)?.doubleValue, "\(key) in \(object)", sourceLocation: sourceLocation)
}

/// A bad-input run: a non-zero exit, nothing on stdout, and one line on
/// stderr that starts with `error: FILE` and mentions every fragment.
func expectOneLineError(
  _ result: GroundworkExecutable.Result, file: String, mentions: [String],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(result.status != 0, sourceLocation: sourceLocation)
  #expect(result.stdout.isEmpty, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
  let lines = result.stderr.split(separator: "\n")
  #expect(lines.count == 1, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
  let message = String(lines.first ?? "")
  #expect(message.hasPrefix("error: \(file)"), "\(message)", sourceLocation: sourceLocation)
  for fragment in mentions {
    #expect(message.contains(fragment), "\(message) does not mention \(fragment)", sourceLocation: sourceLocation)
  }
}
