import Foundation

/// What compiling a learner's file needs: the Swift compiler and the
/// already-built kernel library with its module interfaces.
public struct Toolchain: Sendable {
  /// The `swiftc` executable.
  public var swiftc: String
  /// The build folder holding `Modules/` and the kernel library
  /// (`libGroundworkKernel.so`, or `.dylib` on macOS).
  public var kernelFolder: URL
  /// Extra `-I` folders for C modules the kernel's interfaces mention
  /// (CBLAS's module map and the BLAS headers).
  public var includeFolders: [String]

  /// The kernel library's file name on this platform.
  public static var kernelLibraryName: String {
    #if canImport(Darwin)
      "libGroundworkKernel.dylib"
    #else
      "libGroundworkKernel.so"
    #endif
  }

  /// The kernel library.
  public var kernelLibrary: URL { kernelFolder.appendingPathComponent(Self.kernelLibraryName) }

  /// A toolchain with explicit parts (used by tests).
  public init(swiftc: String, kernelFolder: URL, includeFolders: [String]) {
    self.swiftc = swiftc
    self.kernelFolder = kernelFolder
    self.includeFolders = includeFolders
  }

  /// Finds the toolchain for `project`: the kernel in `GROUNDWORK_KERNEL_DIR`
  /// when set, else next to the running executable (the build folder the
  /// tool itself was built into); `swiftc` from `SWIFTC` or the `PATH`.
  public static func locate(
    project: Project, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(RunnerError) -> Toolchain {
    let kernelFolder: URL
    if let explicit = environment["GROUNDWORK_KERNEL_DIR"], !explicit.isEmpty {
      kernelFolder = URL(fileURLWithPath: explicit)
    } else {
      kernelFolder = executableFolder()
    }
    let library = kernelFolder.appendingPathComponent(kernelLibraryName)
    guard FileManager.default.fileExists(atPath: library.path) else {
      throw RunnerError(
        .setup,
        "\(library.path): kernel library not found; build it with `swift build -c release` (the README's first command does)")
    }
    guard let swiftc = findSwiftc(environment: environment) else {
      throw RunnerError(.setup, "swiftc not found on PATH; install a Swift 6 toolchain or set SWIFTC")
    }
    var includes = [project.url("Sources/CBLAS").path]
    includes += blasIncludeFolders()
    includes += dependencyModuleMapFolders(kernelFolder: kernelFolder)
    return Toolchain(swiftc: swiftc, kernelFolder: kernelFolder, includeFolders: includes)
  }

  /// The folders of C module maps that the kernel's dependencies carry
  /// (swift-numerics' `_NumericsShims`). A module that imports a C module
  /// needs that module map found again by every client that imports it,
  /// so the runner passes these folders to swiftc. They live in the package
  /// checkouts beside the build folder (`.build/checkouts`).
  static func dependencyModuleMapFolders(kernelFolder: URL) -> [String] {
    let fileManager = FileManager.default
    var candidates = [kernelFolder.deletingLastPathComponent().appendingPathComponent("checkouts")]
    candidates.append(
      kernelFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("checkouts"))
    guard let checkouts = candidates.first(where: { fileManager.fileExists(atPath: $0.path) }) else { return [] }
    var folders: [String] = []
    for package in (try? fileManager.contentsOfDirectory(atPath: checkouts.path)) ?? [] {
      let sources = checkouts.appendingPathComponent(package).appendingPathComponent("Sources")
      for target in (try? fileManager.contentsOfDirectory(atPath: sources.path)) ?? [] {
        let include = sources.appendingPathComponent(target).appendingPathComponent("include")
        if fileManager.fileExists(atPath: include.appendingPathComponent("module.modulemap").path) {
          folders.append(include.path)
        }
      }
    }
    return folders.sorted()
  }

  /// The folder of the running executable, resolving symlinks.
  static func executableFolder() -> URL {
    let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
  }

  static func findSwiftc(environment: [String: String]) -> String? {
    if let explicit = environment["SWIFTC"], FileManager.default.isExecutableFile(atPath: explicit) {
      return explicit
    }
    for folder in (environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
      let candidate = "\(folder)/swiftc"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The header folders pkg-config gives for OpenBLAS (on Debian
  /// `cblas.h` lives in `openblas-pthread/`). Empty on macOS, where the
  /// kernel uses Accelerate and no C module is exposed.
  static func blasIncludeFolders() -> [String] {
    #if canImport(Darwin)
      return []
    #else
      let process = ChildProcess(
        executable: "/usr/bin/env", arguments: ["pkg-config", "--cflags-only-I", "openblas"],
        limits: .init(seconds: 10, maxOutputBytes: 4096))
      guard let outcome = try? process.run(), outcome.termination == .exited(0) else { return [] }
      return outcome.stdout.split(whereSeparator: \.isWhitespace).compactMap { flag in
        flag.hasPrefix("-I") ? String(flag.dropFirst(2)) : nil
      }
    #endif
  }
}
