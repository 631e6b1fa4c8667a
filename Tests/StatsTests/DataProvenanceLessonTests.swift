import Foundation
import Stats
import Tensors
import Testing

/// The numbers printed in Lessons/1-foundation/01-where-data-comes-from.md,
/// recomputed by the kernel, and the kernel's data-audit functions checked
/// against hand-worked cases.
@Suite("The data-provenance lesson's numbers")
struct DataProvenanceLessonTests {
  @Test("duplicate keys ignore case, punctuation and spacing, and nothing else")
  func keys() {
    #expect(duplicateKey("  The cat, sat!") == "the cat sat")
    #expect(duplicateKey("the CAT\tsat\n") == "the cat sat")
    #expect(duplicateKey("The cat sat down.") == "the cat sat down")
    #expect(duplicateKey("Room 12") != duplicateKey("Room 13"))
    #expect(duplicateKey("...") == "")
    #expect(duplicateKey("São  PAULO") == "são paulo")
  }

  @Test("the contamination audit of the lesson")
  func audit() {
    let train = ["The cat sat on the mat.", "A dog ran home", "Refund, please!"]
    let test = ["the cat sat on the mat", "A dog ran home!", "a dog walked home", "THE  CAT SAT ON THE MAT.", "Refund please"]
    #expect(contaminatedTestIndices(train: train, test: test) == [0, 1, 3, 4])
    #expect(test.indices.filter { train.contains(test[$0]) } == [])
    #expect(contaminatedTestIndices(train: [], test: test) == [])
  }

  @Test("label noise: the forward formula, its inverse, and a simulation")
  func labelNoise() {
    let measured = measuredAccuracyUnderLabelNoise(trueAccuracy: 0.9, noiseRate: 0.05, classes: 10)
    // 0.9 · 0.95 + 0.1 · 0.05 / 9, worked by hand.
    #expect(abs(measured - (0.855 + 0.005 / 9)) < 1e-15)
    #expect(abs(accuracyCorrectedForLabelNoise(measured: measured, noiseRate: 0.05, classes: 10) - 0.9) < 1e-12)
    // Two classes, 20% noise: m = 0.85 · 0.8 + 0.15 · 0.2 = 0.71.
    let binary = measuredAccuracyUnderLabelNoise(trueAccuracy: 0.85, noiseRate: 0.2, classes: 2)
    #expect(abs(binary - 0.71) < 1e-12)
    #expect(abs(0.71 / 0.8 - 0.8875) < 1e-12)
    #expect(abs(accuracyCorrectedForLabelNoise(measured: 0.71, noiseRate: 0.2, classes: 2) - 0.85) < 1e-12)
    // A simulated noisy test set agrees with the formula within 4 standard errors.
    var rng = SplitMix64(seed: 3)
    var agreements = 0
    let n = 200_000
    for _ in 0..<n {
      let label = rng.nextInt(in: 0...9)
      let prediction = rng.nextBernoulli(0.9) ? label : (label + rng.nextInt(in: 1...9)) % 10
      let noisy = rng.nextBernoulli(0.05) ? (label + rng.nextInt(in: 1...9)) % 10 : label
      if prediction == noisy { agreements += 1 }
    }
    let rate = Double(agreements) / Double(n)
    #expect(abs(rate - measured) < 4 * (measured * (1 - measured) / Double(n)).squareRoot())
  }

  @Test("inverse-probability weighting: hand cases and the survivorship simulation")
  func weighting() {
    #expect(abs(inverseProbabilityWeightedMean(values: [10, 1], observationProbabilities: [1, 0.1]) - 20.0 / 11) < 1e-12)
    #expect(inverseProbabilityWeightedMean(values: [2, 4], observationProbabilities: [0.3, 0.3]) == 3)
    #expect(horvitzThompsonMean(values: [10, 1], observationProbabilities: [1, 0.1], populationSize: 11) == 20.0 / 11)

    // The lesson's snippet.
    var rng = SplitMix64(seed: 7)
    var population: [Double] = []
    var observed: [Double] = []
    var probabilities: [Double] = []
    for _ in 0..<100_000 {
      let revenue = exp(1.5 * rng.nextNormal())
      let stillAround = min(1, 0.02 + 0.3 * revenue)
      population.append(revenue)
      if rng.nextBernoulli(stillAround) {
        observed.append(revenue)
        probabilities.append(stillAround)
      }
    }
    let populationMean = population.reduce(0, +) / Double(population.count)
    let naive = observed.reduce(0, +) / Double(observed.count)
    let weighted = inverseProbabilityWeightedMean(values: observed, observationProbabilities: probabilities)
    #expect(observed.count == 45_222)
    #expect(String(format: "%.4f", populationMean) == "3.1098")
    #expect(String(format: "%.4f", naive) == "6.0903")
    #expect(String(format: "%.4f", weighted) == "3.1413")
    #expect(String(format: "%.2f", quantileOfSorted(population.sorted(), 0.5)) == "1.01")
    #expect(String(format: "%.2f", quantileOfSorted(observed.sorted(), 0.5)) == "3.12")
  }
}
