import Tensors

/// Loss functions: each returns a scalar variable (the mean over examples
/// unless said otherwise), is written with the stable forms of exp and log,
/// and is tested at extreme logits.
public enum Loss {
  /// Mean squared error: mean((prediction − target)²). Its minimiser over a
  /// constant is the mean of the targets.
  public static func meanSquaredError(_ prediction: Variable, _ target: Tensor) -> Variable {
    let difference = prediction - Variable(target)
    return (difference * difference).mean()
  }

  /// Mean absolute error: mean(|prediction − target|). Its minimiser over a
  /// constant is a median of the targets.
  public static func meanAbsoluteError(_ prediction: Variable, _ target: Tensor) -> Variable {
    (prediction - Variable(target)).abs().mean()
  }

  /// Huber loss with threshold δ: ½r² where |r| ≤ δ, δ(|r| − ½δ) beyond;
  /// quadratic near the target, linear (outlier-robust) far from it.
  public static func huber(_ prediction: Variable, _ target: Tensor, delta: Double = 1) -> Variable {
    let residual = (prediction - Variable(target)).abs()
    let quadratic = residual * residual * 0.5
    let linear = (residual - 0.5 * delta) * delta
    let isSmall = residual.value .<= delta
    return Variable.where(isSmall, quadratic, linear).mean()
  }

  /// Binary cross-entropy on logits z with labels y ∈ {0, 1} (or soft
  /// labels in [0, 1]): mean of max(z, 0) − z·y + log(1 + e^(−|z|)), the
  /// form that neither overflows for z = 1000 nor loses log(0) for
  /// z = −1000 (PyTorch's BCEWithLogitsLoss).
  public static func binaryCrossEntropy(logits: Variable, targets: Tensor) -> Variable {
    let z = logits
    let positivePart = z.relu()
    let softplusOfNegativeAbs = ((-z.abs()).exp() + 1.0).log()
    return (positivePart - z * Variable(targets) + softplusOfNegativeAbs).mean()
  }

  /// Cross-entropy between logits of shape [N, C] and integer class targets.
  ///
  /// loss = Σᵢ wᵢ · ℓᵢ / Σᵢ wᵢ, where ℓᵢ = −Σ_c qᵢ_c · log softmax(zᵢ)_c,
  /// the target distribution qᵢ is one-hot at the target class, mixed with
  /// the uniform distribution by `labelSmoothing` ε (q = (1−ε)·onehot + ε/C),
  /// and wᵢ is the target class's weight (1 without `classWeights`; 0 for
  /// a row whose target is `ignoreIndex`). This matches PyTorch's
  /// `cross_entropy` when smoothing and class weights are not combined.
  ///
  /// It is one node of the graph, not a chain of log-softmax, product and
  /// sums: its gradient has the closed form
  /// ∂loss/∂zᵢ_c = wᵢ / Σw · (softmax(zᵢ)_c · Σ_c' qᵢ_c' − qᵢ_c)
  /// (p − q per row, for one-hot targets and no weights), so the backward
  /// pass keeps only the log-probabilities and q, and makes four tensors
  /// instead of a dozen. The loss is computed by the same tensor
  /// operations, in the same order, as the chain would.
  public static func crossEntropy(
    logits: Variable, targets: [Int], classWeights: [Double]? = nil, labelSmoothing: Double = 0,
    ignoreIndex: Int? = nil
  ) -> Variable {
    precondition(logits.shape.count == 2, "crossEntropy expects logits of shape [N, C], got \(logits.shape)")
    let (rows, classes) = (logits.shape[0], logits.shape[1])
    precondition(targets.count == rows, "\(targets.count) targets for \(rows) rows of logits")
    var distribution = [Double](repeating: labelSmoothing / Double(classes), count: rows * classes)
    var weights = [Double](repeating: 0, count: rows)
    for (row, target) in targets.enumerated() {
      if target == ignoreIndex { continue }
      precondition((0..<classes).contains(target), "target \(target) at row \(row) is not a class in 0..<\(classes)")
      distribution[row * classes + target] += 1 - labelSmoothing
      weights[row] = classWeights?[target] ?? 1
    }
    let totalWeight = weights.reduce(0, +)
    precondition(totalWeight > 0, "crossEntropy: every row is ignored or has weight 0")
    let dtype = logits.value.dtype
    let logProbabilities = logits.value.logSoftmax(axis: 1)
    // −Σᵢ wᵢ Σ_c qᵢ_c log pᵢ_c / Σw, summed in Double: the targets and the
    // weights stay arrays, and only log p is a tensor.
    let rowSums = logProbabilities.rowWeightedSums(distribution)
    var weightedSum = 0.0
    for (weight, rowSum) in zip(weights, rowSums) { weightedSum += weight * rowSum }
    let loss = -weightedSum / totalWeight
    // Σ_c qᵢ_c: 1 for a one-hot or smoothed row (up to rounding).
    let mass = (0..<rows).map { row in distribution[(row * classes)..<((row + 1) * classes)].reduce(0, +) }
    return Variable(Tensor(scalar: loss, dtype: dtype), operation: "crossentropy", inputs: [logits]) { grad in
      let upstream = grad.item()
      let scale = weights.map { $0 * upstream / totalWeight }
      return [
        logProbabilities.softmaxCrossEntropyGradient(
          targets: distribution, targetScales: scale, probabilityScales: zip(mass, scale).map(*))
      ]
    }
  }

  /// Negative log-likelihood of integer targets given log-probabilities of
  /// shape [N, C]: −mean of the targets' log-probabilities.
  public static func negativeLogLikelihood(logProbabilities: Variable, targets: [Int]) -> Variable {
    let (rows, classes) = (logProbabilities.shape[0], logProbabilities.shape[1])
    var onehot = [Double](repeating: 0, count: rows * classes)
    for (row, target) in targets.enumerated() { onehot[row * classes + target] = 1 }
    let mask = Variable(constant(onehot, shape: [rows, classes], dtype: logProbabilities.value.dtype))
    return -(mask * logProbabilities).sum() / Double(rows)
  }

  /// KL(p ‖ q) per row, averaged over rows (PyTorch's `batchmean`), with
  /// `target` the probabilities p and `logQ` the model's log-probabilities:
  /// Σ p·(log p − log q), with 0·log 0 taken as 0.
  public static func klDivergence(logQ: Variable, target p: Tensor) -> Variable {
    let safeLogP = Tensor.where(p .> 0, p.log(), Tensor.zeros(p.shape, dtype: p.dtype))
    let rows = Double(p.shape.first ?? 1)
    return (Variable(p) * (Variable(safeLogP) - logQ)).sum() / rows
  }

  /// Focal loss (Lin et al. 2017) on integer targets: mean of
  /// −(1 − p_t)^γ · log p_t, with p_t the softmax probability of the target
  /// class and the natural logarithm. γ = 0 is cross-entropy; larger γ
  /// down-weights examples the model already gets right.
  public static func focal(logits: Variable, targets: [Int], gamma: Double = 2) -> Variable {
    let (rows, classes) = (logits.shape[0], logits.shape[1])
    var onehot = [Double](repeating: 0, count: rows * classes)
    for (row, target) in targets.enumerated() { onehot[row * classes + target] = 1 }
    let mask = Variable(constant(onehot, shape: [rows, classes], dtype: logits.value.dtype))
    let logPt = (mask * logits.logSoftmax(axis: 1)).sum(axis: 1)
    let modulation = (1.0 - logPt.exp()).pow(gamma)
    return -(modulation * logPt).mean()
  }
}

extension Variable {
  /// Subtracts a variable from a constant.
  public static func - (a: Double, b: Variable) -> Variable { -b + a }
}

/// `values` as a tensor of `dtype`, each rounded once: made directly for
/// float32 (the common case, sparing a float64 tensor and a conversion
/// pass on every loss), through float64 for the others.
func constant(_ values: [Double], shape: [Int], dtype: DType) -> Tensor {
  dtype == .float32
    ? Tensor(values.map { Float($0) }, shape: shape) : Tensor(values, shape: shape).converted(to: dtype)
}
