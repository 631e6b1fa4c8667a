import Foundation
import Grading

/// Compiles a learner's file (or a solution) with the generated entry point
/// against the built kernel, caching the program by a hash of everything
/// that goes into it, so that grading an unchanged file again starts at once.
public struct ExerciseCompiler: Sendable {
  /// The compiler and kernel to build against.
  public var toolchain: Toolchain
  /// Where compiled programs are kept.
  public var cacheFolder: URL
  /// Limit for one compilation.
  public var timeLimit: Double = 120

  /// A compiler using `toolchain` and caching into `cacheFolder`.
  public init(toolchain: Toolchain, cacheFolder: URL) {
    self.toolchain = toolchain
    self.cacheFolder = cacheFolder
  }

  /// What compiling produced.
  public enum Product: Sendable {
    /// A program ready to run.
    case program(URL)
    /// The learner's file does not compile: the errors in it, first.
    case failed(CompileFailure)
  }

  /// Compiles `source` (absolute path) for `grader`; `displayPath` is how the
  /// file is named in messages (project-relative).
  public func compile(source: URL, displayPath: String, grader: any Grader.Type) throws(RunnerError) -> Product {
    guard let sourceData = FileManager.default.contents(atPath: source.path) else {
      throw RunnerError(.missingFile, "\(displayPath): file not found")
    }
    let mainSwift = EntryPointSource.mainSwift(for: grader)
    let key = cacheKey(sourceData: sourceData, mainSwift: mainSwift)
    let folder = cacheFolder.appendingPathComponent(key)
    let program = folder.appendingPathComponent("grade")
    if FileManager.default.isExecutableFile(atPath: program.path) { return .program(program) }

    let work = cacheFolder.appendingPathComponent("tmp-\(key)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
      try? FileManager.default.removeItem(at: work)
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      try Data(mainSwift.utf8).write(to: work.appendingPathComponent("main.swift"))
    } catch {
      throw RunnerError(.setup, "\(cacheFolder.path): cannot write the build cache (\(error.localizedDescription))")
    }
    defer { try? FileManager.default.removeItem(at: work) }

    var arguments = [
      source.path, work.appendingPathComponent("main.swift").path,
      "-o", work.appendingPathComponent("grade").path,
      "-module-name", EntryPointSource.learnerModule,
      // Line tables (with their inlined frames) are what let the crash
      // backtracer name a failed runtime check (an integer overflow traps
      // without a message) and the learner's line. Full `-g` would add
      // about 0.1 s of CPU to each compile; line tables alone, nothing
      // measurable.
      "-Onone", "-gline-tables-only", "-diagnostic-style=llvm", "-no-color-diagnostics", "-suppress-warnings",
      "-I", toolchain.kernelFolder.appendingPathComponent("Modules").path,
      "-L", toolchain.kernelFolder.path, "-lGroundworkKernel",
      "-Xlinker", "-rpath", "-Xlinker", toolchain.kernelFolder.path,
    ]
    for include in toolchain.includeFolders { arguments += ["-I", include] }
    var compiler = ChildProcess(
      executable: toolchain.swiftc, arguments: arguments, limits: .init(seconds: timeLimit))
    // The driver's temporaries (object files, a TemporaryDirectory.* folder)
    // go into the work folder, which is removed below even when the compile
    // is killed by its time limit; in /tmp they would be left behind.
    compiler.environment = ["TMPDIR": work.path]
    let outcome = try compiler.run()
    guard outcome.termination == .exited(0) else {
      if outcome.termination == .timedOut {
        throw RunnerError(.setup, "\(displayPath): the compiler did not finish within \(Int(timeLimit)) s")
      }
      return .failed(
        CompileFailure(
          compilerOutput: outcome.stderr + outcome.stdout, sourcePath: source.path, displayPath: displayPath,
          mainPath: work.appendingPathComponent("main.swift").path, grader: grader))
    }
    do {
      try? FileManager.default.removeItem(at: folder)
      try FileManager.default.moveItem(at: work, to: folder)
    } catch {
      // Another grader of the same file may have won the race: use its copy.
      if !FileManager.default.isExecutableFile(atPath: program.path) {
        throw RunnerError(.setup, "\(folder.path): cannot store the compiled program (\(error.localizedDescription))")
      }
    }
    return .program(program)
  }

  /// Changed whenever the compiler flags change, so that programs built
  /// with the old flags are not reused.
  static let flagsVersion = "flags 2: -Onone -gline-tables-only"

  /// A hash of the source, the generated main, the compiler flags, the kernel library's size
  /// and modification time, and the compiler's path: a new kernel build or
  /// an edited file gives a new key.
  func cacheKey(sourceData: Data, mainSwift: String) -> String {
    var hash = ContentHash()
    hash.mix(sourceData)
    hash.mix(mainSwift.utf8)
    hash.mix(Self.flagsVersion.utf8)
    hash.mix(toolchain.swiftc.utf8)
    hash.mix(toolchain.includeFolders.joined(separator: ":").utf8)
    let attributes = try? FileManager.default.attributesOfItem(atPath: toolchain.kernelLibrary.path)
    let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    hash.mix("\(toolchain.kernelLibrary.path)|\(size)|\(modified)".utf8)
    return hash.hex
  }
}

/// Why a learner's file did not compile, ready to show: errors in the
/// learner's file first, with its own path and line; a mismatch with the
/// expected signature said as such.
public struct CompileFailure: Sendable, CustomStringConvertible {
  /// The errors located in the learner's file.
  public var learnerErrors: [String]
  /// Set when the file compiles on its own but an entry point does not have
  /// the signature the grader calls: the signatures it must have.
  public var expectedSignatures: [String]?
  /// What the compiler said, trimmed, when neither of the above applies.
  public var otherOutput: String?

  init(compilerOutput: String, sourcePath: String, displayPath: String, mainPath: String, grader: any Grader.Type) {
    let diagnostics = CompilerDiagnostic.parse(compilerOutput).filter { $0.severity == "error" }
    let inLearnerFile = diagnostics.filter { $0.file == sourcePath || $0.file.hasSuffix("/" + displayPath) }
    let inMain = diagnostics.filter { $0.file == mainPath }
    learnerErrors = inLearnerFile.prefix(3).map { diagnostic in
      var text = "\(displayPath):\(diagnostic.line):\(diagnostic.column): \(diagnostic.message)"
      for line in diagnostic.excerpt { text += "\n    " + line }
      return text
    }
    if inLearnerFile.count > 3 {
      learnerErrors.append("… and \(inLearnerFile.count - 3) more error\(inLearnerFile.count == 4 ? "" : "s")")
    }
    if inLearnerFile.isEmpty && !inMain.isEmpty {
      let entries = grader.entryPoints
      let mismatched = inMain.compactMap { diagnostic in
        entries.indices.first { EntryPointSource.line(ofEntry: $0) == diagnostic.line }
      }
      let named = mismatched.isEmpty ? entries : Set(mismatched).sorted().map { entries[$0] }
      expectedSignatures = named.map(\.signature)
      otherOutput = inMain.first.map { "the compiler says: \($0.message)" }
    } else if inLearnerFile.isEmpty {
      let trimmed = compilerOutput.split(separator: "\n").prefix(12).joined(separator: "\n")
      otherOutput = trimmed.isEmpty ? "the compiler failed without a message" : trimmed
    }
  }

  public var description: String {
    var parts = learnerErrors
    if let expectedSignatures {
      parts.append(
        "Your file must define, with exactly this signature:\n"
          + expectedSignatures.map { "    " + $0 }.joined(separator: "\n"))
    }
    if let otherOutput { parts.append(otherOutput) }
    return parts.joined(separator: "\n")
  }
}
