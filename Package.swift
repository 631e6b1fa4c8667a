// swift-tools-version: 6.0
//
// Groundwork: a terminal curriculum for ML engineering fundamentals.
// The layout is fixed (see README.md): Lessons/, Exercises/, Solutions/,
// Sources/, Tests/. Modules are grouped below from the C layer up to the tool.

import PackageDescription

/// libm must be named explicitly on Linux: a debug build of a target that
/// calls `squareRoot()` without importing Foundation or Glibc fails to link.
let linkLibm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

/// On macOS BLAS comes from Accelerate; everywhere else from OpenBLAS through
/// the CBLAS system-library target. Code above the `cblas_*` call is the same.
let blasDependency: [Target.Dependency] = [
  .target(name: "CBLAS", condition: .when(platforms: [.linux, .windows, .android, .openbsd])),
]
let blasLinkerSettings: [LinkerSetting] = linkLibm + [
  .linkedFramework("Accelerate", .when(platforms: [.macOS])),
]

let package = Package(
  name: "Groundwork",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "groundwork", targets: ["GroundworkCLI"]),
    /// The kernel and graders as one dynamic library: the runner compiles a
    /// learner's file against it with swiftc instead of rebuilding the package.
    .library(name: "GroundworkKernel", type: .dynamic, targets: ["Groundwork", "Grading"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
  ],
  targets: [
    // MARK: - System libraries (flags come from pkg-config)
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
    ),
    .systemLibrary(
      name: "CCMark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
    ),

    // MARK: - Kernel
    .target(
      name: "Tensors",
      dependencies: blasDependency + [.product(name: "RealModule", package: "swift-numerics")], linkerSettings: blasLinkerSettings),
    .target(
      name: "Stats",
      dependencies: ["Tensors", .product(name: "RealModule", package: "swift-numerics")],
      linkerSettings: linkLibm
    ),
    .target(name: "Estimates"),
    .target(
      name: "Autograd",
      dependencies: ["Tensors", .product(name: "RealModule", package: "swift-numerics")],
      linkerSettings: linkLibm
    ),
    .target(name: "Groundwork", dependencies: ["Autograd", "Tensors", "Stats", "Estimates"]),

    // MARK: - Curriculum and runner
    .target(
      name: "Grading",
      dependencies: ["Groundwork", .product(name: "RealModule", package: "swift-numerics")],
      linkerSettings: linkLibm
    ),
    .target(name: "Curriculum", dependencies: ["CCMark"]),
    .target(name: "Runner", dependencies: ["Curriculum", "Grading"]),
    .target(name: "TerminalUI", dependencies: ["CCMark"]),
    .target(
      name: "Gradebook",
      dependencies: ["Runner", "Curriculum", .product(name: "GRDB", package: "GRDB.swift")]
    ),

    // MARK: - Tool
    .executableTarget(
      name: "GroundworkCLI",
      dependencies: [
        "Runner", "TerminalUI", "Curriculum", "Grading", "Gradebook", "Estimates", "Stats", "Tensors", "Autograd",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests
    .target(name: "_TestSupport", path: "Sources/_TestSupport"),
    .testTarget(name: "TensorsTests", dependencies: ["Tensors"]),
    .testTarget(name: "StatsTests", dependencies: ["Stats", "_TestSupport"]),
    .testTarget(name: "AutogradTests", dependencies: ["Autograd", "_TestSupport"]),
    .testTarget(name: "EstimatesTests", dependencies: ["Estimates", "Autograd", "_TestSupport"]),
    .testTarget(name: "GradingTests", dependencies: ["Grading", "_TestSupport"]),
    .testTarget(name: "CurriculumTests", dependencies: ["Curriculum", "_TestSupport"]),
    .testTarget(name: "RunnerTests", dependencies: ["Runner", "_TestSupport"]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
    .testTarget(name: "GradebookTests", dependencies: ["Gradebook", "_TestSupport"]),
    .testTarget(name: "GroundworkCLITests", dependencies: ["Runner", "Curriculum", "_TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
