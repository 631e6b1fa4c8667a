import Stats
import Testing
import _TestSupport

// Expected values: statsmodels 0.14 (`cohens_kappa`, `fleiss_kappa`) and
// scikit-learn 1.9.1 (`cohen_kappa_score`), printed with repr().

@Suite("Agreement")
struct AgreementTests {
  @Test("Cohen's kappa of (40, 10; 5, 45) is 0.70 (NOTES Appendix B)")
  func cohenTable() {
    expectClose(cohenKappa(table: [[40, 10], [5, 45]]), 0.7, absolute: 1e-15)
  }

  @Test("Cohen's kappa from two raters' labels matches cohen_kappa_score")
  func cohenLabels() {
    let a = [0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2]
    let b = [0, 1, 1, 1, 0, 2, 0, 1, 2, 0, 1, 2]
    expectClose(cohenKappa(a, b), 0.625, absolute: 1e-15)
    // Symmetric in the raters, 1 for identical labels.
    expectClose(cohenKappa(b, a), 0.625, absolute: 1e-15)
    #expect(cohenKappa(a, a) == 1)
  }

  @Test("Fleiss' kappa matches fleiss_kappa, including Fleiss' 1971 example")
  func fleiss() {
    let table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]
    expectClose(fleissKappa(counts: table), 0.20993070442195522, absolute: 1e-15)
    expectClose(fleissKappa(counts: [[3, 0, 0], [0, 3, 0], [1, 1, 1], [2, 1, 0]]), 0.2682926829268293, absolute: 1e-15)
  }

  @Test("with two raters Fleiss' kappa uses pooled marginals (Scott's pi)")
  func fleissTwoRaters() {
    // Two raters: Fleiss' κ = Scott's π = (p_o − Σ p̄_j²) / (1 − Σ p̄_j²),
    // p̄_j the mean of the two raters' shares. Table (40, 10; 5, 45):
    // p_o = 0.85, p̄ = (0.475, 0.525), Σ p̄² = 0.50125.
    var items: [[Int]] = []
    items += Array(repeating: [2, 0], count: 40)
    items += Array(repeating: [1, 1], count: 15)
    items += Array(repeating: [0, 2], count: 45)
    expectClose(fleissKappa(counts: items), (0.85 - 0.50125) / (1 - 0.50125), absolute: 1e-14)
  }
}
