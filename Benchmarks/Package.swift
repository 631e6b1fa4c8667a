// swift-tools-version: 6.0
//
// Benchmarks, kept out of the main package so that `swift test` never
// builds them: `Benchmarks/run-training` and `Benchmarks/run-stats` build
// them in release mode and print our figures next to a peer measured in the
// same run.

import PackageDescription

let package = Package(
  name: "GroundworkBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [.package(name: "Groundwork", path: "..")],
  targets: [
    .executableTarget(
      name: "TrainingBenchmark",
      dependencies: [.product(name: "GroundworkKernel", package: "Groundwork")]
    ),
    .executableTarget(
      name: "StatsBenchmark",
      dependencies: [.product(name: "GroundworkKernel", package: "Groundwork")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
