import Foundation
import Runner
import Testing
import _TestSupport

/// docs/AUTHORING.md is followed literally by newcomers: its grader examples
/// must compile against the Grading module as built.
@Suite("Authoring guide")
struct AuthoringGuideTests {
  @Test("every ```swift grader block type-checks against Grading")
  func graderExamplesCompile() throws {
    let guide = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/AUTHORING.md"), encoding: .utf8)
    var blocks: [String] = []
    var current: [String]?
    for line in guide.split(separator: "\n", omittingEmptySubsequences: false) {
      if current == nil, line == "```swift grader" {
        current = []
      } else if current != nil, line == "```" {
        blocks.append(current!.joined(separator: "\n"))
        current = nil
      } else if current != nil {
        current!.append(String(line))
      }
    }
    #expect(blocks.count == 3)

    let toolchain = try Toolchain.locate(project: Project(root: TestPaths.packageRoot))
    let folder = try TemporaryFolder.make("guide")
    defer { TemporaryFolder.remove(folder) }
    for (index, block) in blocks.enumerated() {
      let file = folder.appendingPathComponent("example\(index).swift")
      try Data(("import Grading\n" + block).utf8).write(to: file)
      var arguments = ["-typecheck", file.path, "-I", toolchain.kernelFolder.appendingPathComponent("Modules").path]
      for include in toolchain.includeFolders { arguments += ["-I", include] }
      let outcome = try ChildProcess(executable: toolchain.swiftc, arguments: arguments, limits: .init(seconds: 120))
        .run()
      #expect(outcome.termination == .exited(0), "example \(index + 1): \(outcome.stderr)")
    }
  }
}
