import Autograd
import Tensors
import Testing

@Suite("State dictionaries")
struct StateDictTests {
  /// One Adam step on a mean-squared error, to move every parameter.
  func trainOneStep(_ model: Sequential, _ optimizer: inout Adam) {
    optimizer.zeroGrad()
    let inputs = Variable(Tensor([0.5, -1, 2], shape: [3, 1]))
    Loss.meanSquaredError(model(inputs), Tensor([1.0, 0, -1], shape: [3, 1])).backward()
    optimizer.step()
  }

  @Test("a snapshot keeps its values through later steps, and loading it restores the outputs exactly")
  func roundTrip() {
    var rng = SplitMix64(seed: 7)
    let model = multilayerPerceptron(sizes: [1, 4, 1], activation: { .tanh }, dtype: .float64, rng: &rng)
    var adam = Adam(model.parameters, learningRate: 0.1)
    let probe = Variable(Tensor([0.25, -0.75], shape: [2, 1]))
    trainOneStep(model, &adam)
    let snapshot = model.stateDict()
    let before = model(probe).value.scalars(as: Double.self)
    #expect(Set(snapshot.keys) == ["0.weight", "0.bias", "2.weight", "2.bias"])

    trainOneStep(model, &adam)
    let moved = model(probe).value.scalars(as: Double.self)
    #expect(moved != before)
    #expect(snapshot["0.weight"]!.scalars(as: Double.self) != model.stateDict()["0.weight"]!.scalars(as: Double.self))

    model.loadStateDict(snapshot)
    #expect(model(probe).value.scalars(as: Double.self) == before)
  }

  @Test("loading one model's snapshot into another of the same shape makes them compute the same function")
  func transfer() {
    var rng = SplitMix64(seed: 1)
    let source = multilayerPerceptron(sizes: [2, 3, 1], dtype: .float64, rng: &rng)
    let target = multilayerPerceptron(sizes: [2, 3, 1], dtype: .float64, rng: &rng)
    let probe = Variable(Tensor([1.0, -2, 0.5, 3], shape: [2, 2]))
    #expect(source(probe).value.scalars(as: Double.self) != target(probe).value.scalars(as: Double.self))
    target.loadStateDict(source.stateDict())
    #expect(source(probe).value.scalars(as: Double.self) == target(probe).value.scalars(as: Double.self))
  }
}
