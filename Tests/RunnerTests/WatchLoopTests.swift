import Runner
import Testing

@Suite("Watch loop decisions")
struct WatchLoopTests {
  func loop(completed: Set<String> = [], start: String? = nil) -> WatchLoop {
    WatchLoop(
      order: ["a", "b", "c"], completed: completed, hintCounts: ["a": 2, "b": 0, "c": 1], hintsShown: [:], start: start)
  }

  @Test func startFollowsAndGradesTheFirstUnfinished() {
    var watch = loop(completed: ["a"])
    do { let result = watch.handle(.start); #expect(result == [.follow("b"), .grade("b")]) }
    do { let result = watch.handle(.saved); #expect(result == [.grade("b")]) }
    do { let result = watch.handle(.graded(passed: false)); #expect(result == []) }
    #expect(watch.current == "b")
  }

  @Test func passingMarksDoneAndMovesToTheNextUnfinished() {
    var watch = loop(completed: ["b"])
    _ = watch.handle(.start)
    do { let result = watch.handle(.graded(passed: true)); #expect(result == [.markDone("a"), .follow("c")]) }
    #expect(watch.current == "c")
    do { let result = watch.handle(.graded(passed: true)); #expect(result == [.markDone("c"), .allDone, .quit]) }
    #expect(watch.current == nil)
  }

  @Test func nextWrapsAroundAndSkipsFinished() {
    var watch = loop(completed: ["b"], start: "c")
    do { let result = watch.handle(.key(UInt8(ascii: "n"))); #expect(result == [.follow("a")]) }
    do { let result = watch.handle(.key(UInt8(ascii: "n"))); #expect(result == [.follow("c")]) }
  }

  @Test func hintsComeOneAtATimeAndStopAtTheLast() {
    var watch = loop()
    let h = WatchLoop.Event.key(UInt8(ascii: "h"))
    do { let result = watch.handle(h); #expect(result == [.showHint("a", number: 1)]) }
    do { let result = watch.handle(h); #expect(result == [.showHint("a", number: 2)]) }
    do { let result = watch.handle(h); #expect(result == [.showHint("a", number: 2)]) }
    _ = watch.handle(.key(UInt8(ascii: "n")))
    do { let result = watch.handle(h); #expect(result == [.noMoreHints("b", count: 0)]) }
  }

  @Test func hintsContinueFromWhatProgressRemembers() {
    var watch = WatchLoop(order: ["a"], completed: [], hintCounts: ["a": 3], hintsShown: ["a": 2])
    do { let result = watch.handle(.key(UInt8(ascii: "h"))); #expect(result == [.showHint("a", number: 3)]) }
  }

  @Test(arguments: [UInt8(ascii: "q"), 0x03, 0x04])
  func quitKeys(_ byte: UInt8) {
    var watch = loop()
    do { let result = watch.handle(.key(byte)); #expect(result == [.quit]) }
  }

  @Test func otherKeys() {
    var watch = loop()
    do { let result = watch.handle(.key(UInt8(ascii: "l"))); #expect(result == [.showList]) }
    do { let result = watch.handle(.key(UInt8(ascii: "r"))); #expect(result == [.grade("a")]) }
    do { let result = watch.handle(.key(UInt8(ascii: "x"))); #expect(result == [.showKeys]) }
  }

  @Test func nothingLeftQuitsAtOnce() {
    var watch = loop(completed: ["a", "b", "c"])
    do { let result = watch.handle(.start); #expect(result == [.allDone, .quit]) }
  }
}

@Suite("Debouncer")
struct DebouncerTests {
  @Test func aBurstFiresOnceAfterTheLastEvent() {
    var debouncer = Debouncer(delay: 0.15)
    #expect(debouncer.wait(from: 0) == nil)
    debouncer.signal(at: 1.00)
    debouncer.signal(at: 1.10)
    do { let result = debouncer.fire(at: 1.20); #expect(!result) }
    #expect(abs((debouncer.wait(from: 1.20) ?? -1) - 0.05) < 1e-9)
    do { let result = debouncer.fire(at: 1.25); #expect(result) }
    do { let result = debouncer.fire(at: 1.30); #expect(!result) }
    #expect(debouncer.wait(from: 1.30) == nil)
  }

  @Test func overdueWaitsZero() {
    var debouncer = Debouncer(delay: 0.15)
    debouncer.signal(at: 0)
    #expect(debouncer.wait(from: 5) == 0)
  }
}
