import Groundwork

/// Grades the learner's peak activation memory of a checkpointed chain
/// (Lessons/1-foundation, the batch-size and checkpointing lesson). Segment
/// j's backward pass holds the checkpoints of segments 0…j−1, which wait
/// their turn, plus every activation of segment j, recomputed; later
/// segments are already freed. The peak is the largest of those totals.
///
/// Reference: `CheckpointPeakGrader.peak`, that maximum. Tolerance: exact.
///
/// The hidden case aims at the misconception that the peak is all the
/// checkpoints plus the largest segment (the √L rule's upper bound, which
/// counts a segment's own checkpoint twice and keeps every checkpoint
/// alive whichever segment is recomputed): layers whose activations
/// shrink along the chain, so the first segment is the largest and no
/// checkpoint waits while it is recomputed. Other named mistakes: later
/// segments' checkpoints counted as still alive, a segment's own
/// checkpoint counted twice, the largest segment alone, and layers counted
/// instead of bytes.
public struct CheckpointPeakGrader: Grader {
  public static let name = "checkpointing.peak"
  public static let entryPoints = [
    EntryPoint(
      "checkpointedPeakBytes", [.init("layerBytes", "[Int]"), .init("segmentStarts", "[Int]")], returns: "Int")
  ]

  /// The learner's function.
  let implementation: ([Int], [Int]) -> Int

  public init(entries: [Any]) throws(GraderSetupError) {
    implementation = try GraderSetupError.entry(entries, 0, as: (([Int], [Int]) -> Int).self)
  }

  /// One chain and its segments.
  struct Plan: Sendable {
    var layerBytes: [Int]
    var segmentStarts: [Int]

    var description: String {
      let layers = layerBytes.count <= 8 ? "layer bytes \(layerBytes)" : "\(layerBytes.count) layers"
      let starts = segmentStarts.count <= 8 ? "segments starting at \(segmentStarts)" : "\(segmentStarts.count) segments"
      return "\(layers), \(starts)"
    }

    /// Each segment's bytes and checkpoint bytes, in order.
    var segments: [(total: Int, checkpoint: Int)] {
      let ends = Array(segmentStarts.dropFirst()) + [layerBytes.count]
      return zip(segmentStarts, ends).map { (layerBytes[$0..<$1].reduce(0, +), layerBytes[$0]) }
    }
  }

  /// The peak: for each segment, the checkpoints before it plus all of it.
  static func peak(_ plan: Plan) -> Int {
    var before = 0
    var peak = 0
    for segment in plan.segments {
      peak = max(peak, before + segment.total)
      before += segment.checkpoint
    }
    return peak
  }

  /// `count` layers split into `segments` nearly equal segments.
  static func evenStarts(layers: Int, segments: Int) -> [Int] {
    (0..<segments).map { $0 * layers / segments }
  }

  public func checks(seed: UInt64) -> [Check] {
    var rng = SplitMix64(seed: seed)
    let uniform = Plan(layerBytes: Array(repeating: 1_000, count: 16), segmentStarts: Self.evenStarts(layers: 16, segments: 4))
    let shrinking = Plan(
      layerBytes: (0..<12).map { 4_096 >> ($0 / 2) }, segmentStarts: [0, 4, 8])
    let seeded = (0..<40).map { _ in
      let layers = rng.nextInt(in: 1...60)
      let bytes = (0..<layers).map { _ in rng.nextInt(in: 1...1_000_000) }
      let segments = rng.nextInt(in: 1...layers)
      var starts = Set([0])
      while starts.count < segments { starts.insert(rng.nextInt(in: 0...(layers - 1))) }
      return Plan(layerBytes: bytes, segmentStarts: starts.sorted())
    }
    return [
      compare("16 equal layers in 4 segments of 4", [uniform], seed: nil),
      compare("no checkpointing: one segment", [Plan(layerBytes: [300, 200, 500, 100], segmentStarts: [0])], seed: nil),
      compare("every layer its own segment", [Plan(layerBytes: [300, 200, 500, 100], segmentStarts: [0, 1, 2, 3])], seed: nil),
      compare("activations that shrink along the chain", [shrinking], seed: nil),
      compare("100 equal layers in 10 segments", [Plan(layerBytes: Array(repeating: 1 << 20, count: 100), segmentStarts: Self.evenStarts(layers: 100, segments: 10))], seed: nil),
      compare("40 seeded chains", seeded, seed: seed),
    ]
  }

  func compare(_ name: String, _ plans: [Plan], seed: UInt64?) -> Check {
    let tried = plans.count == 1 ? plans[0].description : "\(plans.count) chains, seed \(seed ?? 0)"
    return Check(name, tried: tried) { [implementation] in
      for plan in plans {
        let expected = Self.peak(plan)
        let got = implementation(plan.layerBytes, plan.segmentStarts)
        if got == expected { continue }
        let diagnosis = Mistake.allCases.first { mistake in
          let value = mistake.value(plan)
          return value == got && value != expected
        }
        return .failed(
          expected: "\(expected)", got: "\(got)",
          message: "For \(plan.description): " + (diagnosis?.message ?? "that is not the peak of the live bytes."),
          hint: diagnosis?.hint
            ?? "Walk the backward pass: while segment j is recomputed, the live bytes are the checkpoints of segments before j plus all of segment j. The peak is the largest of those.")
      }
      return .passed
    }
  }

  /// Peaks computed with one wrong belief about what is alive.
  enum Mistake: CaseIterable {
    case allCheckpointsPlusLargest, laterCheckpointsAlive, ownCheckpointTwice, largestSegmentAlone, layerCounts

    func value(_ plan: Plan) -> Int {
      let segments = plan.segments
      let checkpoints = segments.reduce(0) { $0 + $1.checkpoint }
      switch self {
      case .allCheckpointsPlusLargest:
        return checkpoints + (segments.map(\.total).max() ?? 0)
      case .laterCheckpointsAlive:
        return segments.map { checkpoints - $0.checkpoint + $0.total }.max() ?? 0
      case .ownCheckpointTwice:
        var before = 0
        var peak = 0
        for segment in segments {
          before += segment.checkpoint
          peak = max(peak, before + segment.total)
        }
        return peak
      case .largestSegmentAlone:
        return segments.map(\.total).max() ?? 0
      case .layerCounts:
        let ends = Array(plan.segmentStarts.dropFirst()) + [plan.layerBytes.count]
        return zip(plan.segmentStarts, ends).enumerated().map { $0.offset + $0.element.1 - $0.element.0 }.max() ?? 0
      }
    }

    var message: String {
      switch self {
      case .allCheckpointsPlusLargest:
        "this is all the checkpoints plus the largest segment, an upper bound: while a segment is recomputed, only the checkpoints before it are still alive."
      case .laterCheckpointsAlive:
        "this keeps the checkpoints of later segments alive; the backward pass has already freed them when it reaches an earlier segment."
      case .ownCheckpointTwice:
        "this counts a segment's checkpoint twice: it is the segment's first activation, already inside the segment's total."
      case .largestSegmentAlone: "this is the largest segment alone; the checkpoints of the segments before it are alive too."
      case .layerCounts: "this counts layers, not bytes; the layers here keep different amounts."
      }
    }

    var hint: String {
      switch self {
      case .allCheckpointsPlusLargest, .laterCheckpointsAlive:
        "Go through the segments first to last, keeping a running sum of the checkpoints before the current one; the live total at segment j is that sum plus segment j's bytes."
      case .ownCheckpointTwice: "Add segment j's checkpoint to the running sum after you have used the sum for segment j."
      case .largestSegmentAlone: "Add the checkpoints of the earlier segments to each segment's total before taking the largest."
      case .layerCounts: "Sum layerBytes over each segment."
      }
    }
  }
}
