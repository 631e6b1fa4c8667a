import Testing
import Tensors

@Suite struct SplitMix64Tests {
  @Test func seedZeroMatchesReference() {
    var rng = SplitMix64(seed: 0)
    #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
  }

  @Test func seedFortyTwoMatchesReference() {
    var rng = SplitMix64(seed: 42)
    #expect(rng.next() == 13_679_457_532_755_275_413)
    #expect(rng.next() == 2_949_826_092_126_892_291)
  }

  @Test func doublesAreMultiplesOfTwoToTheMinus53InUnitInterval() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<1000 {
      let x = rng.nextDouble()
      #expect(x >= 0 && x < 1)
      #expect((x * 0x1p53).rounded() == x * 0x1p53)
    }
  }

  @Test func sameSeedSameStream() {
    var a = SplitMix64(seed: 123)
    var b = SplitMix64(seed: 123)
    for _ in 0..<10 { #expect(a.next() == b.next()) }
  }
}
