import Tensors

// Saving and restoring a model's parameters by name, PyTorch's
// `state_dict()` / `load_state_dict()`: what early stopping needs to go
// back to its best checkpoint.
//
// A snapshot holds `Tensor`s, which are values: later optimizer steps make
// new tensors for the parameters and never touch a snapshot's storage, so
// copying the dictionary is all a checkpoint costs.
extension Layer {
  /// A snapshot of every parameter's value, keyed by its dotted name from
  /// `namedParameters()` ("0.weight", "2.bias").
  ///
  /// ```swift
  /// let best = model.stateDict()
  /// // … more training …
  /// model.loadStateDict(best)  // back to the snapshot
  /// ```
  public func stateDict() -> [String: Tensor] {
    Dictionary(uniqueKeysWithValues: namedParameters().map { ($0.name, $0.parameter.value) })
  }

  /// Sets every parameter to its value in `state`, a snapshot from
  /// `stateDict()` of this model or of one with the same names and shapes.
  ///
  /// Gradients are left as they are. A missing name, an extra name or a
  /// shape that differs is a programmer error (a precondition failure that
  /// names it), as in PyTorch's strict loading.
  public func loadStateDict(_ state: [String: Tensor]) {
    let named = namedParameters()
    precondition(
      state.count == named.count,
      "loadStateDict: the snapshot has \(state.count) tensors, the model \(named.count) parameters")
    for (name, parameter) in named {
      guard let value = state[name] else { preconditionFailure("loadStateDict: no tensor named \"\(name)\"") }
      precondition(
        value.shape == parameter.shape,
        "loadStateDict: \"\(name)\" has shape \(value.shape) in the snapshot, \(parameter.shape) in the model")
      parameter.value = value.tagged(.parameter)
    }
  }
}
