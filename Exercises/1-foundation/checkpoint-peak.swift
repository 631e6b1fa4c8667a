import Groundwork

/// Peak activation bytes of a chain of layers trained with gradient
/// checkpointing, under the lesson's model: layer i keeps `layerBytes[i]`
/// for its backward pass; the layers are split into segments starting at
/// `segmentStarts` (sorted, the first is 0); the forward pass keeps only
/// each segment's first activation (its checkpoint); the backward pass
/// takes the segments last to first, recomputes one segment's activations
/// from its checkpoint, back-propagates through it and frees all of them,
/// its checkpoint included.
///
/// Gradients and temporaries are not counted.
func checkpointedPeakBytes(layerBytes: [Int], segmentStarts: [Int]) -> Int {
  fatalError("TODO: find the largest live total while each segment is recomputed")
}
