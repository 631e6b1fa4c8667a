import Groundwork

/// Bytes of activations one transformer layer keeps for the backward pass,
/// with 16-bit activations and no recomputation (Korthikanti et al. 2022):
///
///     s·b·h·(34 + 5·a·s/h)  =  34·s·b·h + 5·a·s²·b
///
/// for sequence length s, micro-batch b, hidden size h and a attention
/// heads. 34·s·b·h covers the layer's linear layers, layer norms, GELU and
/// dropouts; 5·a·s²·b the attention scores, their softmax and its dropout.
func activationBytesPerLayer(sequence: Int, batch: Int, hidden: Int, heads: Int) -> Int {
  // BEGIN SOLUTION: count both terms in integers
  let linear = 34 * sequence * batch * hidden
  let attention = 5 * heads * sequence * sequence * batch
  return linear + attention
  // END SOLUTION
}
