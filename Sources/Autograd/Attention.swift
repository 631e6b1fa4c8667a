import RealModule
import Tensors

/// Multi-head causal self-attention (Vaswani et al. 2017, with the causal
/// mask of GPT): every position attends to itself and the positions before
/// it, never after, so a language model cannot read the token it predicts.
///
/// For input x of shape [B, T, C] with H heads of size D = C / H:
///
///     Q, K, V = x·W_q, x·W_k, x·W_v             reshaped to [B, H, T, D]
///     A = softmax(Q·Kᵀ / √D + M)                 M = −∞ above the diagonal
///     y = (A·V reshaped to [B, T, C])·W_o
///
/// Dividing by √D keeps the scores' variance near 1 whatever the head size,
/// so the softmax does not saturate at initialisation. With `rotary`, Q and
/// K are rotated by position first (RoPE, Su et al. 2021), which makes
/// Q·Kᵀ depend on relative position.
public final class CausalSelfAttention: Layer {
  /// [C, C] each.
  public let wq: Linear
  /// Keys.
  public let wk: Linear
  /// Values.
  public let wv: Linear
  /// Output projection.
  public let wo: Linear
  /// H.
  public let heads: Int
  /// Whether rotary position embeddings are applied to Q and K.
  public let rotary: Bool

  /// Attention over `features` = C numbers per position, in `heads` heads.
  public init(features: Int, heads: Int, rotary: Bool = false, dtype: DType = .float32, rng: inout SplitMix64) {
    precondition(features % heads == 0, "\(heads) heads do not divide \(features) features")
    precondition(!rotary || (features / heads) % 2 == 0, "rotary embeddings need an even head size")
    wq = Linear(inputs: features, outputs: features, bias: false, dtype: dtype, rng: &rng)
    wk = Linear(inputs: features, outputs: features, bias: false, dtype: dtype, rng: &rng)
    wv = Linear(inputs: features, outputs: features, bias: false, dtype: dtype, rng: &rng)
    wo = Linear(inputs: features, outputs: features, bias: false, dtype: dtype, rng: &rng)
    self.heads = heads
    self.rotary = rotary
  }

  public func callAsFunction(_ x: Variable) -> Variable {
    precondition(x.shape.count == 3, "attention expects [batch, time, features], got \(x.shape)")
    let (batch, time, features) = (x.shape[0], x.shape[1], x.shape[2])
    let size = features / heads
    func split(_ projected: Variable) -> Variable {
      projected.reshaped([batch, time, heads, size]).permuted([0, 2, 1, 3])  // [B, H, T, D]
    }
    var q = split(wq(x))
    var k = split(wk(x))
    let v = split(wv(x))
    if rotary {
      q = RotaryEmbedding.apply(q)
      k = RotaryEmbedding.apply(k)
    }
    let scores = q.matmul(k.transposed(-2, -1)) / Double(size).squareRoot()  // [B, H, T, T]
    let weights = (scores + Variable(Self.causalMask(time, dtype: x.value.dtype))).softmax(axis: -1)
    let mixed = weights.matmul(v).permuted([0, 2, 1, 3]).reshaped([batch, time, features])
    return wo(mixed)
  }

  /// [T, T]: 0 on and below the diagonal, a large negative number above it,
  /// so that softmax gives future positions weight 0. (−∞ would make a row
  /// of NaNs if a row were ever fully masked; −1e9 cannot.)
  static func causalMask(_ time: Int, dtype: DType) -> Tensor {
    var values = [Double](repeating: 0, count: time * time)
    for row in 0..<time {
      for column in (row + 1)..<max(row + 1, time) { values[row * time + column] = -1e9 }
    }
    return Tensor(values, shape: [time, time]).converted(to: dtype)
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] {
    [("wq", wq.weight), ("wk", wk.weight), ("wv", wv.weight), ("wo", wo.weight)]
  }
}

/// Rotary position embeddings (Su et al. 2021, "RoFormer"): the pair of
/// features (i, i + D/2) at position t is rotated by the angle
/// t · 10000^(−2i/D), in the "rotate half" layout of GPT-NeoX and Llama.
enum RotaryEmbedding {
  /// `x` of shape [B, H, T, D], rotated by position.
  static func apply(_ x: Variable) -> Variable {
    let (time, size) = (x.shape[2], x.shape[3])
    let half = size / 2
    var cosines: [Double] = []
    var sines: [Double] = []
    for position in 0..<time {
      for column in 0..<size {
        let frequency = Double.pow(10_000, -2 * Double(column % half) / Double(size))
        cosines.append(Double.cos(Double(position) * frequency))
        sines.append(Double.sin(Double(position) * frequency))
      }
    }
    let dtype = x.value.dtype
    let cos = Variable(Tensor(cosines, shape: [time, size]).converted(to: dtype))
    let sin = Variable(Tensor(sines, shape: [time, size]).converted(to: dtype))
    let rotatedHalf = Variable.concatenated([-x.sliced(axis: -1, half..<size), x.sliced(axis: -1, 0..<half)], axis: -1)
    return x * cos + rotatedHalf * sin
  }
}

/// A pre-norm transformer block (GPT-2 layout): x + attention(LN(x)), then
/// + MLP(LN(·)) with a 4× wide GELU hidden layer. Normalising before each
/// sublayer keeps the residual path an identity, which is what lets deep
/// stacks train without warm-up tricks.
public final class TransformerBlock: Layer {
  /// The first normalisation.
  public let norm1: LayerNorm
  /// Self-attention.
  public let attention: CausalSelfAttention
  /// The second normalisation.
  public let norm2: LayerNorm
  /// The MLP's expansion.
  public let up: Linear
  /// The MLP's projection back.
  public let down: Linear

  /// A block over `features` numbers per position with `heads` heads.
  public init(features: Int, heads: Int, rotary: Bool = false, dtype: DType = .float32, rng: inout SplitMix64) {
    norm1 = LayerNorm(features: features, dtype: dtype)
    attention = CausalSelfAttention(features: features, heads: heads, rotary: rotary, dtype: dtype, rng: &rng)
    norm2 = LayerNorm(features: features, dtype: dtype)
    up = Linear(inputs: features, outputs: 4 * features, dtype: dtype, rng: &rng)
    down = Linear(inputs: 4 * features, outputs: features, dtype: dtype, rng: &rng)
  }

  public func callAsFunction(_ x: Variable) -> Variable {
    let afterAttention = x + attention(norm1(x))
    return afterAttention + down(up(norm2(afterAttention)).gelu())
  }

  public func namedParameters() -> [(name: String, parameter: Variable)] {
    func prefixed(_ prefix: String, _ layer: any Layer) -> [(name: String, parameter: Variable)] {
      layer.namedParameters().map { ("\(prefix).\($0.name)", $0.parameter) }
    }
    return prefixed("ln1", norm1) + prefixed("attn", attention) + prefixed("ln2", norm2)
      + prefixed("mlp.up", up) + prefixed("mlp.down", down)
  }
}
