import Autograd
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/11-batch-size-and-checkpointing.md,
/// recomputed by the kernel.
@Suite("The batch-size and checkpointing lesson's numbers")
struct BatchSizeLessonTests {
  /// The lesson's accumulation example: a linear model on 100 examples
  /// with 4 features, micro-batches of 32, 32, 32 and 4.
  struct Regression {
    var inputs: [Double]
    var targets: [Double]
    var weights: [Double]

    init() {
      var rng = SplitMix64(seed: 3)
      inputs = (0..<400).map { _ in rng.nextDouble(in: -1..<1) }
      targets = (0..<100).map { _ in rng.nextDouble(in: -2..<2) }
      weights = (0..<4).map { _ in rng.nextDouble(in: -1..<1) }
    }

    /// The gradient of the mean squared error over `rows`, by autograd.
    func meanGradient(_ rows: Range<Int>) -> [Double] {
      let w = Variable(Tensor(weights, shape: [4, 1]), requiresGrad: true)
      let x = Variable(Tensor(Array(inputs[(rows.lowerBound * 4)..<(rows.upperBound * 4)]), shape: [rows.count, 4]))
      let y = Tensor(Array(targets[rows]), shape: [rows.count, 1])
      Loss.meanSquaredError(x.matmul(w), y).backward()
      return w.grad!.scalars(as: Double.self)
    }
  }

  @Test("accumulation weighted by micro-batch size equals the full batch; the mean of means does not")
  func accumulation() {
    let problem = Regression()
    let full = problem.meanGradient(0..<100)
    let ranges = [0..<32, 32..<64, 64..<96, 96..<100]
    let means = ranges.map(problem.meanGradient)
    let weighted = (0..<4).map { j in zip(ranges, means).reduce(0.0) { $0 + Double($1.0.count) / 100 * $1.1[j] } }
    let meanOfMeans = (0..<4).map { j in means.reduce(0.0) { $0 + $1[j] } / 4 }
    #expect(zip(full, weighted).allSatisfy { abs($0 - $1) < 1e-12 })
    // The lesson's rows, to six decimals.
    let rounded = { (v: [Double]) in v.map { ($0 * 1e6).rounded() / 1e6 } }
    #expect(rounded(full) == [-0.211842, -0.700736, -0.343376, 0.121559])
    #expect(rounded(meanOfMeans) == [-0.334955, -0.612716, -0.310354, 0.239255])
  }

  /// What one forward and backward pass of the lesson's chain used.
  struct ChainRun {
    /// Bytes the forward pass left alive for the backward pass.
    var liveAfterForward: Int
    /// The highest live total during forward and backward, everything.
    var peak: Int
    /// Of that, the parameters' gradients at the end.
    var gradientBytes: Int
    /// Matrix products run, forward and backward.
    var matmuls: Int
  }

  /// A chain of `layers` blocks Linear(256 → 256) + ReLU on a batch of 512
  /// in fp32: forward, then backward, inside the memory tracker, with a
  /// checkpoint every `segment` blocks (0: none).
  static func chain(layers: Int, segment: Int) -> ChainRun {
    var rng = SplitMix64(seed: 5)
    let blocks = (0..<layers).map { _ in
      Sequential([Linear(inputs: 256, outputs: 256, rng: &rng), Activation.relu])
    }
    let x = Variable(
      Tensor((0..<512 * 256).map { _ in rng.nextDouble(in: -1..<1) }, shape: [512, 256]).converted(to: .float32))
    var liveAfterForward = 0
    let ((_, memory), operations) = profile {
      withMemoryTracking {
        let (loss, forward) = withMemoryTracking {
          var h = x
          for start in stride(from: 0, to: layers, by: max(segment, 1)) {
            let group = Array(blocks[start..<min(start + max(segment, 1), layers)])
            if segment == 0 {
              h = group[0](h)
            } else {
              h = checkpoint(h, parameters: group.flatMap(\.parameters)) { input in
                group.reduce(input) { $1($0) }
              }
            }
          }
          return h.sum()
        }
        liveAfterForward = forward.total.liveBytes
        loss.backward()
      }
    }
    return ChainRun(
      liveAfterForward: liveAfterForward, peak: memory.total.peakBytes,
      gradientBytes: memory.byTag[.gradient]?.liveBytes ?? 0, matmuls: operations["matmul"]?.calls ?? 0)
  }

  @Test("checkpointing a 16-layer chain: live bytes, peaks and matrix products")
  func checkpointing() {
    // Rows of the lesson's table: checkpoint every k blocks (0: none).
    let expected: [(k: Int, live: Int, peak: Int, matmuls: Int)] = [
      (0, 16_777_220, 21_773_320, 47), (1, 8_388_612, 16_006_160, 63), (2, 4_194_308, 12_597_264, 63),
      (4, 2_097_156, 12_336_144, 63), (8, 1_048_580, 15_481_872, 63), (16, 524_292, 23_346_192, 63),
    ]
    for row in expected {
      let run = Self.chain(layers: 16, segment: row.k)
      #expect(run.liveAfterForward == row.live, "k = \(row.k)")
      #expect(run.peak == row.peak, "k = \(row.k)")
      #expect(run.matmuls == row.matmuls, "k = \(row.k)")
      // 16 × (256 × 256 + 256) fp32 gradients.
      #expect(run.gradientBytes == 16 * (256 * 256 + 256) * 4)
    }
    // Without checkpoints: two 512 × 256 fp32 tensors per block, and the loss.
    let tensorBytes: Int = 512 * 256 * 4
    #expect(expected[0].live == 16 * 2 * tensorBytes + 4)
    // The lesson's figures: 57% of the peak at k = 4, which beats k = 2 by 261,120 bytes.
    #expect((Double(expected[3].peak) / Double(expected[0].peak) * 100).rounded() == 57)
    #expect(expected[2].peak - expected[3].peak == 261_120)
  }
}
